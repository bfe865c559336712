import type { Diagnosis, Procedure } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { icd10ByCode } from '../icd10/icd10.service.ts';
import { publishChartChanged, signedLockConflict } from './chart-write.ts';
import { assertDraft, lockEncounterForWrite } from './encounter-guard.ts';
import * as repo from './encounters.repository.ts';

export function toDiagnosis(d: repo.DiagnosisRow): Diagnosis {
  return {
    id: d.id,
    encounterId: d.encounterId,
    code: d.code,
    description: d.description,
    descriptionEs: d.descriptionEs,
    kind: d.kind,
    note: d.note,
    createdAt: d.createdAt.toISOString(),
  };
}

export function toProcedure(p: repo.ProcedureRow): Procedure {
  return {
    id: p.id,
    encounterId: p.encounterId,
    description: p.description,
    code: p.code,
    performedAt: p.performedAt.toISOString(),
    performedBy: p.performedBy,
    createdAt: p.createdAt.toISOString(),
  };
}

export async function addDiagnosis(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  encounterId: string,
  input: { code: string; kind?: 'primary' | 'secondary' | undefined; note?: string | undefined },
): Promise<Diagnosis> {
  return ctx.db
    .transaction(async (tx) => {
      const encounter = await lockEncounterForWrite(tx, principal, encounterId);
      assertDraft(encounter);
      const icd = (await icd10ByCode(tx, [input.code])).get(input.code);
      if (!icd) throw fieldError('body.code', `${input.code} is not in the ICD-10 code table`);
      const existing = await repo.diagnosesOf(tx, [encounterId]);
      if (existing.some((d) => d.code === input.code))
        throw fieldError('body.code', `${input.code} is already a diagnosis of this encounter`);
      const hasPrimary = existing.some((d) => d.kind === 'primary');
      const kind = input.kind ?? (hasPrimary ? 'secondary' : 'primary');
      if (kind === 'primary' && hasPrimary)
        throw fieldError('body.kind', 'the encounter already has a primary diagnosis');
      const row = await repo.insertDiagnosis(tx, {
        encounterId,
        code: input.code,
        kind,
        note: input.note || null,
        createdBy: principal.userId,
      });
      await writeAudit(tx, actor, {
        action: 'diagnosis.add',
        resourceType: 'encounter',
        resourceId: encounterId,
        patientId: encounter.patientId,
        details: { diagnosisId: row.id, code: row.code, kind },
      });
      await publishChartChanged(tx, encounter.patientId);
      return toDiagnosis({ ...row, description: icd.description, descriptionEs: icd.descriptionEs });
    })
    .catch(signedLockConflict);
}

export async function removeDiagnosis(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  encounterId: string,
  diagnosisId: string,
): Promise<void> {
  await ctx.db
    .transaction(async (tx) => {
      const encounter = await lockEncounterForWrite(tx, principal, encounterId);
      assertDraft(encounter);
      const code = await repo.deleteDiagnosis(tx, encounterId, diagnosisId);
      if (!code) throw new AppError('not_found', `diagnosis ${diagnosisId} not found on this encounter`);
      await writeAudit(tx, actor, {
        action: 'diagnosis.delete',
        resourceType: 'encounter',
        resourceId: encounterId,
        patientId: encounter.patientId,
        details: { diagnosisId, code },
      });
      await publishChartChanged(tx, encounter.patientId);
    })
    .catch(signedLockConflict);
}

export async function addProcedure(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  encounterId: string,
  input: { description: string; code?: string | undefined; performedAt?: string | undefined },
): Promise<Procedure> {
  return ctx.db
    .transaction(async (tx) => {
      const encounter = await lockEncounterForWrite(tx, principal, encounterId);
      assertDraft(encounter);
      const row = await repo.insertProcedure(tx, {
        encounterId,
        description: input.description,
        code: input.code ?? null,
        performedAt: input.performedAt ? new Date(input.performedAt) : new Date(),
        performedBy: principal.userId,
      });
      await writeAudit(tx, actor, {
        action: 'procedure.add',
        resourceType: 'encounter',
        resourceId: encounterId,
        patientId: encounter.patientId,
        details: { procedureId: row.id, description: row.description, code: row.code },
      });
      await publishChartChanged(tx, encounter.patientId);
      return toProcedure(row);
    })
    .catch(signedLockConflict);
}

export async function removeProcedure(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  encounterId: string,
  procedureId: string,
): Promise<void> {
  await ctx.db
    .transaction(async (tx) => {
      const encounter = await lockEncounterForWrite(tx, principal, encounterId);
      assertDraft(encounter);
      if (!(await repo.deleteProcedure(tx, encounterId, procedureId)))
        throw new AppError('not_found', `procedure ${procedureId} not found on this encounter`);
      await writeAudit(tx, actor, {
        action: 'procedure.delete',
        resourceType: 'encounter',
        resourceId: encounterId,
        patientId: encounter.patientId,
        details: { procedureId },
      });
      await publishChartChanged(tx, encounter.patientId);
    })
    .catch(signedLockConflict);
}
