import { UNSIGNED_NOTES_LIMIT, type UnsignedNotes } from '@carebase/contracts';
import { and, asc, count, eq } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, patientIdsOf, writeReadAudit } from '../../platform/audit/audit.writer.ts';
import { displayNameOf } from '../patients/patient-names.ts';
import { patients } from '../patients/patients.schema.ts';
import { encounters } from './encounters.schema.ts';

/** The caller's draft notes, oldest first: what is left to sign. The patients named are audited as read. */
export async function listUnsignedNotes(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
): Promise<UnsignedNotes> {
  const mine = and(eq(encounters.providerId, principal.userId), eq(encounters.status, 'draft'));
  const rows = await ctx.db
    .select({
      id: encounters.id,
      patientId: encounters.patientId,
      type: encounters.type,
      startedAt: encounters.startedAt,
      chiefComplaint: encounters.chiefComplaint,
      mrn: patients.mrn,
      givenName: patients.givenName,
      middleName: patients.middleName,
      familyName: patients.familyName,
      suffix: patients.suffix,
    })
    .from(encounters)
    .innerJoin(patients, eq(patients.id, encounters.patientId))
    .where(mine)
    .orderBy(asc(encounters.startedAt), asc(encounters.id))
    .limit(UNSIGNED_NOTES_LIMIT);
  const total =
    rows.length < UNSIGNED_NOTES_LIMIT
      ? rows.length
      : ((await ctx.db.select({ n: count() }).from(encounters).where(mine))[0]?.n ?? rows.length);
  await writeReadAudit(ctx.db, actor, {
    action: 'encounter.list_unsigned',
    resourceType: 'encounter',
    details: { patientIds: patientIdsOf(rows) },
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      patientId: r.patientId,
      patientName: displayNameOf(r),
      mrn: r.mrn,
      type: r.type,
      startedAt: r.startedAt.toISOString(),
      chiefComplaint: r.chiefComplaint,
    })),
    total,
  };
}
