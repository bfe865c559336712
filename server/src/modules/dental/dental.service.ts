import {
  checkDentalEntry,
  DENTAL_CHANGED_EVENT,
  type DentalChart,
  type DentalCondition,
  type DentalEntry,
  type DentalEntryCreate,
  fdiToUniversal,
  type NumberingSystem,
  type Surface,
  type SurfaceInput,
} from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { fieldError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { publishChartChanged } from '../encounters/chart-write.ts';
import { encounterOfPatient } from '../encounters/encounter-guard.ts';
import { openChartForWrite, openPatientRecord } from '../patients/patient-access.ts';
import * as repo from './dental.repository.ts';
import { currentChart } from './dental-chart.ts';
import { loadPeople, toEntry, universalOf } from './dental-mappers.ts';

/** Checks the triple and answers with canonical surfaces, or a 400 naming the field under `prefix`. */
export function validEntrySurfaces(
  tooth: number,
  surfaces: readonly SurfaceInput[],
  condition: DentalCondition,
  prefix: string,
): Surface[] {
  const checked = checkDentalEntry(tooth, surfaces, condition);
  if ('problem' in checked) throw fieldError(`${prefix}.${checked.problem.field}`, checked.problem.message);
  return checked.surfaces;
}

/** Dental screens refresh on dental.changed; the chart's summary and timeline on chart.changed. */
export async function dentalChanged(executor: Executor, patientId: string): Promise<void> {
  await publishEvent(executor, {
    type: DENTAL_CHANGED_EVENT,
    permission: 'chart:read',
    resourceId: patientId,
  });
  await publishChartChanged(executor, patientId);
}

/** A linked encounter must be one of this patient's; 400 naming the field otherwise. */
export async function checkEncounter(
  tx: Executor,
  patientId: string,
  encounterId: string | null | undefined,
  field: string,
): Promise<string | null> {
  if (!encounterId) return null;
  await encounterOfPatient(tx, patientId, encounterId, field);
  return encounterId;
}

/** Appends one chart entry and its audit event, in the caller's transaction. */
export async function appendChartEntry(
  tx: Executor,
  actor: ActorContext,
  entry: {
    patientId: string;
    tooth: number;
    surfaces: Surface[];
    condition: DentalCondition;
    note: string | null;
    encounterId: string | null;
    procedureId: string | null;
  },
): Promise<repo.ChartEntryRow> {
  const row = await repo.insertChartEntry(tx, { ...entry, recordedBy: actor.actorId });
  await writeAudit(tx, actor, {
    action: 'dental.entry.create',
    resourceType: 'dental_chart_entry',
    resourceId: row.id,
    patientId: entry.patientId,
    details: {
      tooth: entry.tooth,
      surfaces: entry.surfaces,
      condition: entry.condition,
      procedureId: entry.procedureId,
    },
  });
  return row;
}

export async function recordEntry(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
  input: DentalEntryCreate,
): Promise<DentalEntry> {
  const surfaces = validEntrySurfaces(input.tooth, input.surfaces, input.condition, 'body');
  return ctx.db.transaction(async (tx) => {
    const patient = await openChartForWrite(tx, principal, patientId);
    const row = await appendChartEntry(tx, actor, {
      patientId: patient.id,
      tooth: input.tooth,
      surfaces,
      condition: input.condition,
      note: input.note ?? null,
      encounterId: await checkEncounter(tx, patient.id, input.encounterId, 'body.encounterId'),
      procedureId: null,
    });
    await dentalChanged(tx, patient.id);
    return toEntry(row, await loadPeople(tx, [row.recordedBy]), 'fdi');
  });
}

/** The chart as it stands, after the access check (which audits the read). */
export async function readChart(
  db: Executor,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
  numbering: NumberingSystem,
  what = 'dental.chart',
): Promise<DentalChart> {
  const patient = await openPatientRecord(db, principal, actor, patientId, 'chart', what);
  const teeth = currentChart(await repo.chartEntriesOf(db, patient.id));
  return {
    patientId: patient.id,
    numbering,
    teeth: teeth.map((t) => ({ ...t, ...universalOf(t.tooth, numbering) })),
  };
}

export async function toothHistory(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
  tooth: number,
  numbering: NumberingSystem,
) {
  const patient = await openPatientRecord(
    ctx.db,
    principal,
    actor,
    patientId,
    'chart',
    'dental.tooth-history',
  );
  const rows = await repo.toothHistory(ctx.db, patient.id, tooth);
  const people = await loadPeople(
    ctx.db,
    rows.map((r) => r.recordedBy),
  );
  return {
    tooth,
    ...(numbering === 'universal' ? { universal: fdiToUniversal(tooth) } : {}),
    entries: rows.map((r) => toEntry(r, people, numbering)),
  };
}
