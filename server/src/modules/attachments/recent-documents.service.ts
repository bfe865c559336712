import { RECENT_DOCUMENTS_DAYS, RECENT_DOCUMENTS_LIMIT, type RecentDocuments } from '@carebase/contracts';
import { and, desc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import { union } from 'drizzle-orm/pg-core';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, patientIdsOf, writeReadAudit } from '../../platform/audit/audit.writer.ts';
import { appointments } from '../appointments/appointments.schema.ts';
import { userNames } from '../encounters/encounters.repository.ts';
import { encounters } from '../encounters/encounters.schema.ts';
import { displayNameOf } from '../patients/patient-names.ts';
import { patients } from '../patients/patients.schema.ts';
import { attachments } from './attachments.schema.ts';

const DAY_MS = 86_400_000;
/** "My patients": seen or booked with the caller within this window. */
const SEEN_WITHIN_DAYS = 180;
const BOOKED_AHEAD_DAYS = 30;

/**
 * Files added in the last RECENT_DOCUMENTS_DAYS to the records of the caller's patients (a note of theirs, or
 * an appointment with them), by someone else: lab results, referrals and scans to look at. Newest first; the
 * patients named are audited as read.
 */
export async function listRecentDocuments(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  now = new Date(),
): Promise<RecentDocuments> {
  const me = principal.userId;
  const since = new Date(now.getTime() - SEEN_WITHIN_DAYS * DAY_MS);
  const myPatients = union(
    ctx.db
      .select({ id: encounters.patientId })
      .from(encounters)
      .where(and(eq(encounters.providerId, me), gte(encounters.startedAt, since))),
    ctx.db
      .select({ id: appointments.patientId })
      .from(appointments)
      .where(
        and(
          eq(appointments.providerId, me),
          gte(appointments.startsAt, since),
          lte(appointments.startsAt, new Date(now.getTime() + BOOKED_AHEAD_DAYS * DAY_MS)),
          ne(appointments.status, 'cancelled'),
        ),
      ),
  );
  const rows = await ctx.db
    .select({
      id: attachments.id,
      patientId: attachments.patientId,
      kind: attachments.kind,
      filename: attachments.filename,
      contentType: attachments.contentType,
      uploadedBy: attachments.uploadedBy,
      createdAt: attachments.createdAt,
      mrn: patients.mrn,
      givenName: patients.givenName,
      middleName: patients.middleName,
      familyName: patients.familyName,
      suffix: patients.suffix,
    })
    .from(attachments)
    .innerJoin(patients, eq(patients.id, attachments.patientId))
    .where(
      and(
        gte(attachments.createdAt, new Date(now.getTime() - RECENT_DOCUMENTS_DAYS * DAY_MS)),
        sql`${attachments.uploadedBy} IS DISTINCT FROM ${me}`,
        inArray(attachments.patientId, myPatients),
      ),
    )
    .orderBy(desc(attachments.createdAt), desc(attachments.id))
    .limit(RECENT_DOCUMENTS_LIMIT);
  const names = await userNames(
    ctx.db,
    rows.map((r) => r.uploadedBy),
  );
  await writeReadAudit(ctx.db, actor, {
    action: 'attachment.list_recent',
    resourceType: 'attachment',
    details: { patientIds: patientIdsOf(rows) },
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      patientId: r.patientId,
      patientName: displayNameOf(r),
      mrn: r.mrn,
      kind: r.kind,
      filename: r.filename,
      contentType: r.contentType,
      uploadedByName: r.uploadedBy ? (names.get(r.uploadedBy) ?? null) : null,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
