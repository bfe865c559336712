import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
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
