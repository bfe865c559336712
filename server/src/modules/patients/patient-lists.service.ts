import {
  type Allergy,
  type AllergyInputSchema,
  type AllergyUpdateSchema,
  type Condition,
  type ConditionInputSchema,
  type ConditionUpdateSchema,
  PATIENT_CHANGED_EVENT,
} from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { openChartForWrite } from './patient-access.ts';
import { toAllergy, toCondition } from './patients.mapper.ts';
import * as repo from './patients.repository.ts';

/** Allergies and chronic conditions: clinical lists, written with chart:write, audited field by field. */

function changesOf<T extends Record<string, unknown>>(before: T, after: T, keys: string[]) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of keys) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k]))
      changes[k] = { from: before[k], to: after[k] };
  }
  return changes;
}

async function finish(
  tx: Tx,
  actor: ActorContext,
  patientId: string,
  action: string,
  id: string,
  details: object,
) {
  await writeAudit(tx, actor, {
    action,
    resourceType: 'patient',
    resourceId: patientId,
    patientId,
    details: { id, ...details },
  });
  await publishEvent(tx, { type: PATIENT_CHANGED_EVENT, permission: 'patients:read', resourceId: patientId });
}

export async function addAllergy(
  ctx: AppContext,
  actor: ActorContext,
  principal: Principal,
  patientId: string,
  input: z.infer<typeof AllergyInputSchema>,
): Promise<Allergy> {
  return ctx.db.transaction(async (tx) => {
    await openChartForWrite(tx, principal, patientId);
    const [row] = await repo.insertAllergies(tx, [{ ...input, patientId, recordedBy: actor.actorId }]);
    const allergy = toAllergy(row!);
    await finish(tx, actor, patientId, 'patient.allergy.create', allergy.id, { allergy });
    return allergy;
  });
}

export async function changeAllergy(
  ctx: AppContext,
  actor: ActorContext,
  principal: Principal,
  patientId: string,
  allergyId: string,
  patch: z.infer<typeof AllergyUpdateSchema>,
): Promise<Allergy> {
  return ctx.db.transaction(async (tx) => {
    await openChartForWrite(tx, principal, patientId);
    const row = await repo.findAllergy(tx, patientId, allergyId);
    if (!row) throw new AppError('not_found', `allergy ${allergyId} not found on this patient`);
    const after = toAllergy(await repo.updateAllergy(tx, allergyId, patch));
    const changes = changesOf(toAllergy(row), after, Object.keys(patch));
    await finish(tx, actor, patientId, 'patient.allergy.update', allergyId, { changes });
    return after;
  });
}

export async function addCondition(
  ctx: AppContext,
  actor: ActorContext,
  principal: Principal,
  patientId: string,
  input: z.infer<typeof ConditionInputSchema>,
): Promise<Condition> {
  return ctx.db.transaction(async (tx) => {
    await openChartForWrite(tx, principal, patientId);
    const [row] = await repo.insertConditions(tx, [{ ...input, patientId, recordedBy: actor.actorId }]);
    const condition = toCondition(row!);
    await finish(tx, actor, patientId, 'patient.condition.create', condition.id, { condition });
    return condition;
  });
}

export async function changeCondition(
  ctx: AppContext,
  actor: ActorContext,
  principal: Principal,
  patientId: string,
  conditionId: string,
  patch: z.infer<typeof ConditionUpdateSchema>,
): Promise<Condition> {
  return ctx.db.transaction(async (tx) => {
    await openChartForWrite(tx, principal, patientId);
    const row = await repo.findCondition(tx, patientId, conditionId);
    if (!row) throw new AppError('not_found', `condition ${conditionId} not found on this patient`);
    const after = toCondition(await repo.updateCondition(tx, conditionId, patch));
    const changes = changesOf(toCondition(row), after, Object.keys(patch));
    await finish(tx, actor, patientId, 'patient.condition.update', conditionId, { changes });
    return after;
  });
}
