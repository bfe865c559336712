import {
  type DentalEntry,
  type DentalPlan,
  type DentalProcedure,
  fdiToUniversal,
  type NumberingSystem,
} from '@carebase/contracts';
import type { Executor } from '../../platform/db/database.ts';
import { findUserById } from '../users/users.repository.ts';
import type { ChartEntryRow, PlanRow, ProcedureRow } from './dental.repository.ts';
import { planTotals } from './dental-chart.ts';

export type Person = { id: string; name: string };
export type People = (id: string | null) => Person | null;

/** Names of the staff who recorded things, looked up once per distinct id. */
export async function loadPeople(db: Executor, ids: readonly (string | null)[]): Promise<People> {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) {
    if (!id) continue;
    const user = await findUserById(db, id);
    if (user) names.set(id, user.name);
  }
  return (id) => {
    const name = id ? names.get(id) : undefined;
    return id && name !== undefined ? { id, name } : null;
  };
}

export function universalOf(tooth: number | null, numbering: NumberingSystem): { universal?: string } {
  return numbering === 'universal' && tooth !== null ? { universal: fdiToUniversal(tooth) } : {};
}

export function toEntry(row: ChartEntryRow, people: People, numbering: NumberingSystem): DentalEntry {
  return {
    id: row.id,
    patientId: row.patientId,
    tooth: row.tooth,
    ...universalOf(row.tooth, numbering),
    surfaces: row.surfaces,
    condition: row.condition,
    note: row.note,
    encounterId: row.encounterId,
    procedureId: row.procedureId,
    recordedAt: row.recordedAt.toISOString(),
    recordedBy: people(row.recordedBy),
  };
}

export function toProcedure(row: ProcedureRow, people: People, numbering: NumberingSystem): DentalProcedure {
  return {
    id: row.id,
    planId: row.planId,
    patientId: row.patientId,
    kind: row.kind,
    description: row.description,
    tooth: row.tooth,
    ...universalOf(row.tooth, numbering),
    surfaces: row.surfaces,
    status: row.status,
    cost: row.cost,
    priceItemId: row.priceItemId,
    notes: row.notes,
    encounterId: row.encounterId,
    chartEntryId: row.chartEntryId,
    createdAt: row.createdAt.toISOString(),
    createdBy: people(row.createdBy),
    completedAt: row.completedAt?.toISOString() ?? null,
    completedBy: people(row.completedBy),
  };
}

export function toPlan(
  plan: PlanRow,
  procedures: readonly ProcedureRow[],
  people: People,
  numbering: NumberingSystem,
  currency: string,
): DentalPlan {
  const own = procedures.filter((p) => p.planId === plan.id);
  return {
    id: plan.id,
    patientId: plan.patientId,
    title: plan.title,
    notes: plan.notes,
    currency,
    createdAt: plan.createdAt.toISOString(),
    createdBy: people(plan.createdBy),
    procedures: own.map((p) => toProcedure(p, people, numbering)),
    totals: planTotals(own),
  };
}
