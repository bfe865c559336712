import type { DuplicateCheckQuery, DuplicateCheckResponse, PatientSummary } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { normalizeName } from './patient-names.ts';
import { toE164 } from './patient-phones.ts';
import { toSummary } from './patients.mapper.ts';
import { findDuplicates, searchSessionQuery } from './patients-search.repository.ts';

const MAX_CANDIDATES = 20;

type Reason = 'name-and-birth-date' | 'phone';
export type DuplicateCandidate = PatientSummary & { reasons: Reason[] };

export type DuplicateProbe = {
  givenName?: string | undefined;
  familyName?: string | undefined;
  birthDate?: string | undefined;
  /** E.164 */
  phones: string[];
};

/** Unmerged patients with the same normalised given and family name and birth date, or sharing a phone. */
export async function duplicateCandidates(db: Executor, q: DuplicateProbe): Promise<DuplicateCandidate[]> {
  const familyGiven =
    q.givenName && q.familyName ? normalizeName(`${q.familyName} ${q.givenName}`) || undefined : undefined;
  if (!(familyGiven && q.birthDate) && q.phones.length === 0) return [];
  const rows = await findDuplicates(
    db,
    { familyGiven, birthDate: q.birthDate, phones: q.phones },
    MAX_CANDIDATES,
  );
  return rows.map((r) => ({
    ...toSummary(r),
    reasons: [
      ...(r.sameName ? ['name-and-birth-date' as const] : []),
      ...(r.samePhone ? ['phone' as const] : []),
    ],
  }));
}

/** For the registration form, before it submits: who might this new patient already be? */
export async function checkDuplicates(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  query: DuplicateCheckQuery,
): Promise<DuplicateCheckResponse> {
  if (!principal.permissions.includes('patients:read'))
    throw new AppError('forbidden', 'This needs the patients:read permission.');
  const phones: string[] = [];
  if (query.phone || query.altPhone) {
    const { settings } = await ctx.settings.get(ctx.db);
    for (const key of ['phone', 'altPhone'] as const) {
      const value = query[key];
      if (!value) continue;
      const e164 = toE164(value, settings.defaultPhoneRegion);
      if (!e164) throw fieldError(`query.${key}`, 'is not a valid phone number');
      phones.push(e164);
    }
  }
  return ctx.db.transaction(async (tx) => {
    await tx.execute(searchSessionQuery());
    const candidates = await duplicateCandidates(tx, { ...query, phones });
    await writeAudit(tx, actor, {
      action: 'patient.duplicates.check',
      resourceType: 'patient',
      details: { query, patientIds: candidates.map((c) => c.id) },
    });
    return { candidates };
  });
}
