import {
  type CreateVitals,
  type LatestVitals,
  VITALS_TREND_LIMIT,
  type Vitals,
  type VitalsTrendQuerySchema,
} from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { fieldError } from '../../platform/errors.ts';
import { publishChartChanged } from '../encounters/chart-write.ts';
import { assertDraft, encounterOfPatient } from '../encounters/encounter-guard.ts';
import { openChartForWrite, openPatientRecord } from '../patients/patient-access.ts';
import * as repo from './vitals.repository.ts';
import { bmiOf, FUTURE_TOLERANCE_MS } from './vitals-math.ts';

const MEASURES: repo.MeasureColumn[] = [
  'systolic',
  'diastolic',
  'heartRate',
  'respiratoryRate',
  'temperatureC',
  'spo2',
  'heightCm',
  'weightKg',
  'bmi',
  'painScore',
];

export function toVitals(r: repo.VitalsRow): Vitals {
  return {
    id: r.id,
    patientId: r.patientId,
    encounterId: r.encounterId,
    takenAt: r.takenAt.toISOString(),
    systolic: r.systolic,
    diastolic: r.diastolic,
    heartRate: r.heartRate,
    respiratoryRate: r.respiratoryRate,
    temperatureC: r.temperatureC,
    spo2: r.spo2,
    heightCm: r.heightCm,
    weightKg: r.weightKg,
    bmi: r.bmi,
    painScore: r.painScore,
    note: r.note,
    recordedBy: r.recordedBy,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function recordVitals(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
  input: CreateVitals,
): Promise<Vitals> {
  const takenAt = input.takenAt ? new Date(input.takenAt) : new Date();
  if (takenAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS)
    throw fieldError('body.takenAt', 'cannot be in the future');
  return ctx.db.transaction(async (tx) => {
    await openChartForWrite(tx, principal, patientId);
    if (input.encounterId) {
      assertDraft(await encounterOfPatient(tx, patientId, input.encounterId, 'body.encounterId'));
    }
    // A weight alone still gets a BMI from the latest height recorded before it.
    const height =
      input.heightCm ??
      (input.weightKg === undefined
        ? undefined
        : (await repo.latestWith(tx, patientId, 'heightCm', takenAt))?.heightCm);
    const { encounterId, takenAt: _taken, ...measures } = input;
    const row = await repo.insertVitals(tx, {
      ...measures,
      patientId,
      encounterId: encounterId ?? null,
      takenAt,
      bmi: bmiOf(height, input.weightKg),
      recordedBy: actor.actorId,
    });
    await writeAudit(tx, actor, {
      action: 'vitals.create',
      resourceType: 'vitals',
      resourceId: row.id,
      patientId,
      details: { encounterId: row.encounterId, measures: MEASURES.filter((m) => row[m] !== null) },
    });
    await publishChartChanged(tx, patientId);
    return toVitals(row);
  });
}

export async function vitalsTrend(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
  q: z.infer<typeof VitalsTrendQuerySchema>,
): Promise<{ items: Vitals[]; truncated: boolean }> {
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && from > to) throw fieldError('query.from', 'must not be after query.to');
  await openPatientRecord(ctx.db, principal, actor, patientId, 'chart', 'vitals');
  const rows = await repo.vitalsInRange(ctx.db, { patientId, from, to, limit: VITALS_TREND_LIMIT + 1 });
  const truncated = rows.length > VITALS_TREND_LIMIT;
  return { items: (truncated ? rows.slice(1) : rows).map(toVitals), truncated };
}

export async function latestVitals(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
): Promise<LatestVitals> {
  await openPatientRecord(ctx.db, principal, actor, patientId, 'chart', 'vitals');
  const entries = [];
  for (const measure of MEASURES) {
    const row = await repo.latestWith(ctx.db, patientId, measure);
    const value = row?.[measure];
    entries.push([
      measure,
      row && value != null ? { value, takenAt: row.takenAt.toISOString(), vitalsId: row.id } : null,
    ]);
  }
  return Object.fromEntries(entries) as LatestVitals;
}

/** Internal: the readings linked to an encounter, for the encounter view (its caller checked access). */
export async function vitalsOfEncounter(db: Executor, encounterId: string): Promise<Vitals[]> {
  return (await repo.vitalsOfEncounter(db, encounterId)).map(toVitals);
}
