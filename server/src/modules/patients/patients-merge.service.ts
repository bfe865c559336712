import { type MergeResult, PATIENT_CHANGED_EVENT } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import * as repo from './patients.repository.ts';
import { loadPatient } from './patients.service.ts';
import {
  movePatientRows,
  repointMergedRecords,
  tablesReferencingPatients,
} from './patients-merge.repository.ts';

/** A row that may not move (a unique key on the survivor, a trigger guarding signed notes): say where and why. */
function refusal(table: string, err: unknown): AppError {
  let reason = '';
  for (let e = err, depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (code === '23505') reason = 'the surviving patient already has a row with the same unique key';
    // An exclusion constraint: both records have appointments at overlapping times.
    else if (code === '23P01')
      reason = 'both records have appointments at overlapping times; cancel or move one of them first';
    // Our own triggers raise with a sentence meant for people (SQLSTATE class CB, or P0001).
    else if (typeof code === 'string' && /^(CB|P0)/.test(code) && typeof message === 'string')
      reason = message;
    e = (e as { cause?: unknown }).cause;
  }
  if (!reason) throw err;
  return new AppError(
    'conflict',
    `Records in ${table} could not move to the surviving patient (${reason}); nothing was merged.`,
  );
}

/**
 * Moves everything that references patient `id` to `intoId` and keeps `id` as a pointer (mergedIntoId).
 * Both rows are locked FOR UPDATE, so chart writes to either wait and then see the merge.
 */
export async function mergePatient(
  ctx: AppContext,
  actor: ActorContext,
  principal: Principal,
  id: string,
  intoId: string,
): Promise<MergeResult> {
  if (!principal.permissions.includes('patients:merge'))
    throw new AppError('forbidden', 'This needs the patients:merge permission.');
  if (id === intoId) throw new AppError('conflict', 'A record cannot be merged into itself.');
  return ctx.db.transaction(async (tx) => {
    const rows = await repo.lockPatientRows(tx, [id, intoId], 'update');
    const source = rows.find((r) => r.id === id);
    const survivor = rows.find((r) => r.id === intoId);
    if (!source) throw new AppError('not_found', `patient ${id} not found`);
    if (!survivor) throw new AppError('not_found', `patient ${intoId} (intoId) not found`);
    if (source.mergedIntoId)
      throw new AppError('conflict', `This record was already merged into ${source.mergedIntoId}.`);
    if (survivor.mergedIntoId)
      throw new AppError(
        'conflict',
        `The target ${survivor.mrn} was itself merged; merge into ${survivor.mergedIntoId}.`,
      );
    if (source.userId && survivor.userId && source.userId !== survivor.userId) {
      throw new AppError(
        'conflict',
        'Both records are linked to different portal accounts: unlink one first.',
      );
    }
    const moved: Record<string, number> = {};
    for (const table of await tablesReferencingPatients(tx)) {
      const n = await movePatientRows(tx, table, id, intoId).catch((err: unknown) => {
        throw refusal(table, err);
      });
      if (n) moved[table] = n;
    }
    const repointed = await repointMergedRecords(tx, id, intoId);
    if (repointed) moved['patients.merged_into_id'] = repointed;
    const now = new Date();
    // The portal account follows the record (cleared first: one account links to one patient).
    await repo.updatePatientRow(tx, id, { mergedIntoId: intoId, mergedAt: now, userId: null });
    if (source.userId && !survivor.userId) await repo.updatePatientRow(tx, intoId, { userId: source.userId });
    const details = { mergedId: id, mergedMrn: source.mrn, intoId, intoMrn: survivor.mrn, moved };
    await writeAudit(tx, actor, {
      action: 'patient.merge',
      resourceType: 'patient',
      resourceId: id,
      patientId: id,
      details,
    });
    await writeAudit(tx, actor, {
      action: 'patient.merge.receive',
      resourceType: 'patient',
      resourceId: intoId,
      patientId: intoId,
      details,
    });
    for (const resourceId of [id, intoId])
      await publishEvent(tx, { type: PATIENT_CHANGED_EVENT, permission: 'patients:read', resourceId });
    return { survivor: await loadPatient(tx, intoId), mergedId: id, moved };
  });
}
