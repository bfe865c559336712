import {
  type DentalPlan,
  type DentalPlanCreate,
  type DentalProcedure,
  type DentalProcedureCreate,
  type DentalProcedurePatch,
  type NumberingSystem,
  PROCEDURE_CHART_CONDITION,
  PROCEDURE_TRANSITIONS,
  type Surface,
} from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { currentPriceOf } from '../billing/price-list.service.ts';
import { openChartForWrite, openPatientRecord } from '../patients/patient-access.ts';
import { readSystemSettings } from '../settings/settings.service.ts';
import * as repo from './dental.repository.ts';
import { appendChartEntry, checkEncounter, dentalChanged, validEntrySurfaces } from './dental.service.ts';
import { loadPeople, toPlan, toProcedure } from './dental-mappers.ts';

/** Tooth and canonical surfaces of a procedure; a procedure that changes the chart needs what the chart needs. */
function procedurePlace(
  input: DentalProcedureCreate,
  prefix: string,
): { tooth: number | null; surfaces: Surface[] } {
  const tooth = input.tooth ?? null;
  const condition = PROCEDURE_CHART_CONDITION[input.kind];
  if (tooth === null) {
    if (condition) throw fieldError(`${prefix}.tooth`, `is required for a ${input.kind.replace('_', ' ')}`);
    if (input.surfaces.length) throw fieldError(`${prefix}.surfaces`, 'need a tooth');
    return { tooth, surfaces: [] };
  }
  // Kinds that record nothing on the chart take surfaces or not, as `healthy` would.
  return { tooth, surfaces: validEntrySurfaces(tooth, input.surfaces, condition ?? 'healthy', prefix) };
}

async function insertProcedures(
  tx: Executor,
  actor: ActorContext,
  plan: repo.PlanRow,
  items: {
    input: DentalProcedureCreate;
    place: { tooth: number | null; surfaces: Surface[] };
    prefix: string;
  }[],
): Promise<void> {
  let position = await repo.nextProcedurePosition(tx, plan.id);
  for (const { input, place, prefix } of items) {
    const encounterId = await checkEncounter(tx, plan.patientId, input.encounterId, `${prefix}.encounterId`);
    const priced = await pricedFromList(tx, input, prefix);
    const row = await repo.insertProcedure(tx, {
      planId: plan.id,
      patientId: plan.patientId,
      position: position++,
      kind: input.kind,
      description: input.description ?? null,
      tooth: place.tooth,
      surfaces: place.surfaces,
      cost: priced.cost,
      priceItemId: priced.priceItemId,
      notes: input.notes ?? null,
      encounterId,
      createdBy: actor.actorId,
    });
    await writeAudit(tx, actor, {
      action: 'dental.procedure.create',
      resourceType: 'dental_procedure',
      resourceId: row.id,
      patientId: plan.patientId,
      details: { planId: plan.id, kind: row.kind, tooth: row.tooth, surfaces: row.surfaces, cost: row.cost },
    });
  }
}

/**
 * The cost of a procedure: the price of the dental item of the price list it is planned from (the list is
 * where dental prices live), or a cost typed by hand when no item fits; never both.
 */
async function pricedFromList(
  tx: Executor,
  input: { cost?: number | null | undefined; priceItemId?: string | null | undefined },
  prefix: string,
): Promise<{ cost: number | null; priceItemId: string | null }> {
  if (!input.priceItemId) return { cost: input.cost ?? null, priceItemId: null };
  if (input.cost !== undefined && input.cost !== null)
    throw fieldError(`${prefix}.cost`, 'comes from the price list item; leave it out');
  return {
    cost: await currentPriceOf(tx, input.priceItemId, 'dental', `${prefix}.priceItemId`),
    priceItemId: input.priceItemId,
  };
}

async function planView(
  db: Executor,
  plans: repo.PlanRow[],
  numbering: NumberingSystem,
): Promise<DentalPlan[]> {
  const procedures = await repo.proceduresOfPlans(
    db,
    plans.map((p) => p.id),
  );
  const people = await loadPeople(db, [
    ...plans.map((p) => p.createdBy),
    ...procedures.flatMap((p) => [p.createdBy, p.completedBy]),
  ]);
  const { currency } = (await readSystemSettings(db)).settings;
  return plans.map((p) => toPlan(p, procedures, people, numbering, currency));
}

export async function createPlan(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
  input: DentalPlanCreate,
): Promise<DentalPlan> {
  const items = input.procedures.map((p, i) => {
    const prefix = `body.procedures.${i}`;
    return { input: p, place: procedurePlace(p, prefix), prefix };
  });
  return ctx.db.transaction(async (tx) => {
    const patient = await openChartForWrite(tx, principal, patientId);
    const plan = await repo.insertPlan(tx, {
      patientId: patient.id,
      title: input.title,
      notes: input.notes ?? null,
      createdBy: actor.actorId,
    });
    await writeAudit(tx, actor, {
      action: 'dental.plan.create',
      resourceType: 'dental_plan',
      resourceId: plan.id,
      patientId: patient.id,
      details: { title: plan.title, procedures: items.length },
    });
    await insertProcedures(tx, actor, plan, items);
    await dentalChanged(tx, patient.id);
    const [view] = await planView(tx, [plan], 'fdi');
    if (!view) throw new Error('the plan just created was not found');
    return view;
  });
}

export async function listPlans(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
  numbering: NumberingSystem,
): Promise<DentalPlan[]> {
  const patient = await openPatientRecord(ctx.db, principal, actor, patientId, 'chart', 'dental.plans');
  return listPlansOfPatient(ctx.db, patient.id, numbering);
}

/** Without an access check: for callers that made it already (the printed chart). */
export async function listPlansOfPatient(
  db: Executor,
  patientId: string,
  numbering: NumberingSystem,
): Promise<DentalPlan[]> {
  return planView(db, await repo.plansOf(db, patientId), numbering);
}

export async function getPlan(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  planId: string,
  numbering: NumberingSystem,
): Promise<DentalPlan> {
  const plan = await repo.findPlan(ctx.db, planId);
  if (!plan) throw new AppError('not_found', `dental plan ${planId} not found`);
  await openPatientRecord(ctx.db, principal, actor, plan.patientId, 'chart', 'dental.plan');
  const [view] = await planView(ctx.db, [plan], numbering);
  if (!view) throw new AppError('not_found', `dental plan ${planId} not found`);
  return view;
}

export async function addProcedure(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  planId: string,
  input: DentalProcedureCreate,
): Promise<DentalPlan> {
  const place = procedurePlace(input, 'body');
  return ctx.db.transaction(async (tx) => {
    const plan = await repo.findPlan(tx, planId);
    if (!plan) throw new AppError('not_found', `dental plan ${planId} not found`);
    await openChartForWrite(tx, principal, plan.patientId);
    await insertProcedures(tx, actor, plan, [{ input, place, prefix: 'body' }]);
    await dentalChanged(tx, plan.patientId);
    const [view] = await planView(tx, [plan], 'fdi');
    if (!view) throw new Error('the plan was not found again');
    return view;
  });
}

/**
 * Edits a procedure or moves its status forward. Completing one that changes the chart (a filling, an
 * extraction…) appends the matching chart entry in the same transaction, so chart and plan never disagree.
 */
export async function updateProcedure(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  procedureId: string,
  patch: DentalProcedurePatch,
): Promise<DentalProcedure> {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.lockProcedure(tx, procedureId);
    if (!before) throw new AppError('not_found', `dental procedure ${procedureId} not found`);
    await openChartForWrite(tx, principal, before.patientId);
    if (before.status === 'done' || before.status === 'cancelled') {
      throw new AppError('conflict', `The procedure is ${before.status}; it can no longer change.`);
    }
    const next = patch.status ?? before.status;
    if (next !== before.status && !PROCEDURE_TRANSITIONS[before.status].includes(next)) {
      throw new AppError(
        'conflict',
        `A procedure moves only forward: ${before.status} → ${next} is not allowed.`,
      );
    }
    const changes: Partial<repo.ProcedureRow> = {};
    if (patch.priceItemId) Object.assign(changes, await pricedFromList(tx, patch, 'body'));
    else {
      if (patch.cost !== undefined) Object.assign(changes, { cost: patch.cost, priceItemId: null });
      if (patch.priceItemId === null) changes.priceItemId = null;
    }
    if (patch.description !== undefined) changes.description = patch.description;
    if (patch.notes !== undefined) changes.notes = patch.notes;
    if (next !== before.status) changes.status = next;
    const condition = PROCEDURE_CHART_CONDITION[before.kind];
    if (next === 'done') {
      changes.completedAt = new Date();
      changes.completedBy = actor.actorId;
      if (condition && before.tooth !== null) {
        const entry = await appendChartEntry(tx, actor, {
          patientId: before.patientId,
          tooth: before.tooth,
          surfaces: before.surfaces,
          condition,
          note: before.description ?? null,
          encounterId: before.encounterId,
          procedureId: before.id,
        });
        changes.chartEntryId = entry.id;
      }
    }
    const after = await repo.updateProcedure(tx, before.id, changes);
    await writeAudit(tx, actor, {
      action: 'dental.procedure.update',
      resourceType: 'dental_procedure',
      resourceId: before.id,
      patientId: before.patientId,
      details: {
        changes: Object.fromEntries(
          Object.keys(patch).map((k) => [
            k,
            { from: before[k as keyof typeof patch] ?? null, to: after[k as keyof typeof patch] ?? null },
          ]),
        ),
        chartEntryId: changes.chartEntryId ?? null,
      },
    });
    await dentalChanged(tx, before.patientId);
    const people = await loadPeople(tx, [after.createdBy, after.completedBy]);
    return toProcedure(after, people, 'fdi');
  });
}
