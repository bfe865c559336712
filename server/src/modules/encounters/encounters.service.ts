import type {
  Addendum,
  CreateEncounterSchema,
  Encounter,
  EncounterListQuerySchema,
  EncounterSummary,
  UpdateEncounterSchema,
} from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { attachmentsOfEncounter } from '../attachments/attachments.service.ts';
import { openChartForWrite, openPatientRecord } from '../patients/patient-access.ts';
import { prescriptionsOfEncounter } from '../prescriptions/prescriptions.service.ts';
import { vitalsOfEncounter } from '../vitals/vitals.service.ts';
import { publishChartChanged, signedLockConflict } from './chart-write.ts';
import { toDiagnosis, toProcedure } from './encounter-coding.service.ts';
import { assertClinician, assertDraft, isPortalView, lockEncounterForWrite } from './encounter-guard.ts';
import * as repo from './encounters.repository.ts';

function toSummary(
  r: repo.EncounterRow,
  names: Map<string, string>,
  primary: repo.DiagnosisRow | undefined,
): EncounterSummary {
  return {
    id: r.id,
    patientId: r.patientId,
    type: r.type,
    status: r.status,
    providerId: r.providerId,
    providerName: names.get(r.providerId) ?? '',
    startedAt: r.startedAt.toISOString(),
    chiefComplaint: r.chiefComplaint,
    primaryDiagnosis: primary
      ? { code: primary.code, description: primary.description, descriptionEs: primary.descriptionEs }
      : null,
    signedBy: r.signedBy,
    signedByName: r.signedBy ? (names.get(r.signedBy) ?? null) : null,
    signedAt: r.signedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function toAddendum(a: repo.AddendumRow, names: Map<string, string>): Addendum {
  return {
    id: a.id,
    encounterId: a.encounterId,
    authorId: a.authorId,
    authorName: names.get(a.authorId) ?? '',
    reason: a.reason,
    text: a.text,
    createdAt: a.createdAt.toISOString(),
  };
}

/** The whole encounter: note, and everything recorded in it. */
export async function encounterDetail(db: Executor, row: repo.EncounterRow): Promise<Encounter> {
  const diagnoses = await repo.diagnosesOf(db, [row.id]);
  const procedures = await repo.proceduresOf(db, row.id);
  const addenda = await repo.addendaOf(db, row.id);
  const names = await repo.userNames(db, [row.providerId, row.signedBy, ...addenda.map((a) => a.authorId)]);
  return {
    ...toSummary(
      row,
      names,
      diagnoses.find((d) => d.kind === 'primary'),
    ),
    subjective: row.subjective,
    objective: row.objective,
    assessment: row.assessment,
    plan: row.plan,
    vitals: await vitalsOfEncounter(db, row.id),
    diagnoses: diagnoses.map(toDiagnosis),
    procedures: procedures.map(toProcedure),
    prescriptions: await prescriptionsOfEncounter(db, row.id),
    addenda: addenda.map((a) => toAddendum(a, names)),
    attachments: await attachmentsOfEncounter(db, row.id),
  };
}

export async function createEncounter(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
  input: z.infer<typeof CreateEncounterSchema>,
): Promise<Encounter> {
  return ctx.db.transaction(async (tx) => {
    await openChartForWrite(tx, principal, patientId);
    const providerId = input.providerId ?? principal.userId;
    if (input.providerId) await assertClinician(tx, providerId, 'body.providerId');
    const row = await repo.insertEncounter(tx, {
      patientId,
      type: input.type,
      providerId,
      startedAt: input.startedAt ? new Date(input.startedAt) : new Date(),
      chiefComplaint: input.chiefComplaint || null,
      createdBy: principal.userId,
    });
    await writeAudit(tx, actor, {
      action: 'encounter.create',
      resourceType: 'encounter',
      resourceId: row.id,
      patientId,
      details: { type: row.type, providerId },
    });
    await publishChartChanged(tx, patientId);
    return encounterDetail(tx, row);
  });
}

export async function listEncounters(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
  q: z.infer<typeof EncounterListQuerySchema>,
) {
  await openPatientRecord(ctx.db, principal, actor, patientId, 'chart', 'encounters');
  const { rows, total } = await repo.listEncounters(ctx.db, {
    patientId,
    signedOnly: isPortalView(principal),
    page: q.page,
    pageSize: q.pageSize,
  });
  const names = await repo.userNames(
    ctx.db,
    rows.flatMap((r) => [r.providerId, r.signedBy]),
  );
  const diagnoses = await repo.diagnosesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const primary = new Map(diagnoses.filter((d) => d.kind === 'primary').map((d) => [d.encounterId, d]));
  return {
    items: rows.map((r) => toSummary(r, names, primary.get(r.id))),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** A draft is the author's working copy: a patient sees an encounter only once it is signed. */
export async function getEncounter(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  id: string,
): Promise<Encounter> {
  const row = await repo.findEncounter(ctx.db, id);
  if (!row) throw new AppError('not_found', `encounter ${id} not found`);
  await openPatientRecord(ctx.db, principal, actor, row.patientId, 'chart', 'encounter');
  if (isPortalView(principal) && row.status !== 'signed')
    throw new AppError('not_found', `encounter ${id} not found`);
  return encounterDetail(ctx.db, row);
}

export async function updateEncounter(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  id: string,
  patch: z.infer<typeof UpdateEncounterSchema>,
): Promise<Encounter> {
  return ctx.db
    .transaction(async (tx) => {
      const before = await lockEncounterForWrite(tx, principal, id);
      assertDraft(before);
      if (patch.providerId && patch.providerId !== before.providerId)
        await assertClinician(tx, patch.providerId, 'body.providerId');
      const { startedAt, ...rest } = patch;
      const row = await repo.updateEncounter(tx, id, {
        ...rest,
        ...(startedAt ? { startedAt: new Date(startedAt) } : {}),
      });
      await writeAudit(tx, actor, {
        action: 'encounter.update',
        resourceType: 'encounter',
        resourceId: id,
        patientId: row.patientId,
        // Field names only: the note itself stays in the chart, not in the audit trail.
        details: { fields: Object.keys(patch).sort() },
      });
      await publishChartChanged(tx, row.patientId);
      return encounterDetail(tx, row);
    })
    .catch(signedLockConflict);
}

const NOTE_FIELDS = ['subjective', 'objective', 'assessment', 'plan'] as const;

export async function signEncounter(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  id: string,
): Promise<Encounter> {
  return ctx.db
    .transaction(async (tx) => {
      const before = await lockEncounterForWrite(tx, principal, id);
      if (before.status === 'signed') throw new AppError('conflict', 'The encounter is already signed.');
      if (!NOTE_FIELDS.some((f) => before[f]?.trim())) {
        throw new AppError(
          'conflict',
          'An empty note cannot be signed: write at least one of subjective, objective, assessment or plan.',
        );
      }
      const row = await repo.updateEncounter(tx, id, {
        status: 'signed',
        signedBy: principal.userId,
        signedAt: new Date(),
      });
      await writeAudit(tx, actor, {
        action: 'encounter.sign',
        resourceType: 'encounter',
        resourceId: id,
        patientId: row.patientId,
        details: { providerId: row.providerId, signedBy: principal.userId },
      });
      await publishChartChanged(tx, row.patientId);
      return encounterDetail(tx, row);
    })
    .catch(signedLockConflict);
}

/** Corrections after signing: the note stays as signed, the addendum says who changed what, when and why. */
export async function addAddendum(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  id: string,
  input: { reason: string; text: string },
): Promise<Addendum> {
  return ctx.db.transaction(async (tx) => {
    const encounter = await lockEncounterForWrite(tx, principal, id);
    if (encounter.status !== 'signed')
      throw new AppError('conflict', 'The encounter is still a draft: edit the note itself.');
    const row = await repo.insertAddendum(tx, {
      encounterId: id,
      authorId: principal.userId,
      reason: input.reason,
      text: input.text,
    });
    await writeAudit(tx, actor, {
      action: 'encounter.addendum',
      resourceType: 'encounter',
      resourceId: id,
      patientId: encounter.patientId,
      details: { addendumId: row.id, reason: input.reason },
    });
    await publishChartChanged(tx, encounter.patientId);
    return toAddendum(row, await repo.userNames(tx, [row.authorId]));
  });
}
