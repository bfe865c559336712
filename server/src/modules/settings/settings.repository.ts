import { UPLOADED_LOGO_PATH } from '@carebase/contracts';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import type { BlobReference } from '../../platform/files/blob-gc.ts';
import { systemSettings } from './settings.schema.ts';

export type SystemSettingsRow = typeof systemSettings.$inferSelect;

export async function readSystemSettingsRow(db: Executor): Promise<SystemSettingsRow | undefined> {
  const [row] = await db.select().from(systemSettings).where(eq(systemSettings.id, 1));
  return row;
}

export async function writeSystemSettingsRow(
  db: Executor,
  value: SystemSettingsRow['value'],
  secrets: SystemSettingsRow['secrets'],
): Promise<void> {
  await db
    .insert(systemSettings)
    .values({ id: 1, value, secrets })
    .onConflictDoUpdate({ target: systemSettings.id, set: { value, secrets, updatedAt: new Date() } });
}

/** The uploaded clinic logo, for the blob collector. */
export const LOGO_BLOB_REFERENCE: BlobReference = {
  name: 'clinic logo',
  select: sql`SELECT substr(${systemSettings.value} ->> 'logoUrl', ${UPLOADED_LOGO_PATH.length + 1}) AS sha256
    FROM ${systemSettings} WHERE ${systemSettings.value} ->> 'logoUrl' LIKE ${`${UPLOADED_LOGO_PATH}%`}`,
};
