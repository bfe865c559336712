import { randomUUID } from 'node:crypto';
import type { CreatePrescriptions, Prescription, PrescriptionPrint } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { publishChartChanged } from '../encounters/chart-write.ts';
import { isPortalView, lockEncounterForWrite } from '../encounters/encounter-guard.ts';
import { userNames } from '../encounters/encounters.repository.ts';
import { openChartForWrite, openPatientRecord } from '../patients/patient-access.ts';
import { getUser } from '../users/users.service.ts';
import { type AllergyMatch, matchAllergies } from './allergy-match.ts';
import * as repo from './prescriptions.repository.ts';

function toPrescription(r: repo.PrescriptionRow, names: Map<string, string>): Prescription {
  return {
    id: r.id,
    batchId: r.batchId,
    patientId: r.patientId,
    encounterId: r.encounterId,
    prescriberId: r.prescriberId,
    prescriberName: names.get(r.prescriberId) ?? '',
    drug: r.drug,
    strength: r.strength,
    form: r.form,
    dose: r.dose,
    route: r.route,
    frequency: r.frequency,
    durationDays: r.durationDays,
    quantity: r.quantity,
    instructions: r.instructions,
    status: r.status,
    allergyWarnings: r.allergyWarnings,
    allergyOverrideReason: r.allergyOverrideReason,
    createdAt: r.createdAt.toISOString(),
    stoppedAt: r.stoppedAt?.toISOString() ?? null,
    stoppedBy: r.stoppedBy,
    stopReason: r.stopReason,
  };
}

async function withNames(db: Executor, rows: repo.PrescriptionRow[]): Promise<Prescription[]> {
  const names = await userNames(
    db,
    rows.map((r) => r.prescriberId),
  );
  return rows.map((r) => toPrescription(r, names));
}

function describeMatch(m: AllergyMatch): string {
  const a = m.allergy;
  const detail = [a.severity, a.reaction].filter((s) => s && s !== 'unknown').join(', ');
  return `${m.why}${detail ? ` (${detail})` : ''}`;
}

/**
 * Prescribes one or more drugs on an encounter. A drug matching an active allergy of the patient is refused with
 * 409 naming the allergy, unless the request carries allergyOverrideReason, which is then saved and audited.
 */
export async function createPrescriptions(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  encounterId: string,
  input: CreatePrescriptions,
): Promise<Prescription[]> {
  return ctx.db.transaction(async (tx) => {
    const encounter = await lockEncounterForWrite(tx, principal, encounterId);
    const allergies = await repo.activeAllergiesOf(tx, encounter.patientId);
    const matches = input.items.map((item) => matchAllergies(item.drug, allergies).map(describeMatch));
    const flagged = matches.flatMap((m, i) => (m.length ? [{ index: i, warnings: m }] : []));
    if (flagged.length && !input.allergyOverrideReason) {
      const warnings = flagged.flatMap((f) => f.warnings);
      throw new AppError(
        'conflict',
        `Allergy warning: ${warnings.join('; ')}. To prescribe anyway, send allergyOverrideReason.`,
        {
          fields: flagged.map((f) => ({
            path: `body.items.${f.index}.drug`,
            message: f.warnings.join('; '),
          })),
        },
      );
    }
    const batchId = randomUUID();
    const rows = await repo.insertPrescriptions(
      tx,
      input.items.map((item, i) => {
        const warnings = matches[i] ?? [];
        return {
          ...item,
          batchId,
          patientId: encounter.patientId,
          encounterId,
          prescriberId: principal.userId,
          allergyWarnings: warnings,
          allergyOverrideReason: warnings.length ? (input.allergyOverrideReason ?? null) : null,
        };
      }),
    );
    for (const row of rows) {
      const override = row.allergyWarnings.length
        ? { reason: row.allergyOverrideReason, warnings: row.allergyWarnings }
        : undefined;
      await writeAudit(tx, actor, {
        action: 'prescription.create',
        resourceType: 'prescription',
        resourceId: row.id,
        patientId: row.patientId,
        details: { encounterId, batchId, drug: row.drug, ...(override ? { allergyOverride: override } : {}) },
      });
      if (override) {
        await writeAudit(tx, actor, {
          action: 'prescription.allergy-override',
          resourceType: 'prescription',
          resourceId: row.id,
          patientId: row.patientId,
          details: override,
        });
      }
    }
    await publishChartChanged(tx, encounter.patientId);
    return withNames(tx, rows);
  });
}

export async function listPatientPrescriptions(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
  status: 'active' | 'stopped' | 'all',
): Promise<Prescription[]> {
  await openPatientRecord(ctx.db, principal, actor, patientId, 'chart', 'prescriptions');
  // A patient sees their current medication, not the history of stopped ones.
  const effective = isPortalView(principal) ? 'active' : status === 'all' ? undefined : status;
  return withNames(ctx.db, await repo.prescriptionsOfPatient(ctx.db, patientId, effective));
}

export async function stopPrescription(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  id: string,
  reason: string,
): Promise<Prescription> {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findPrescription(tx, id, { forUpdate: true });
    if (!before) throw new AppError('not_found', `prescription ${id} not found`);
    await openChartForWrite(tx, principal, before.patientId);
    if (before.status === 'stopped') throw new AppError('conflict', 'The prescription is already stopped.');
    const row = await repo.markStopped(tx, id, actor.actorId, reason);
    await writeAudit(tx, actor, {
      action: 'prescription.stop',
      resourceType: 'prescription',
      resourceId: id,
      patientId: row.patientId,
      details: { drug: row.drug, reason },
    });
    await publishChartChanged(tx, row.patientId);
    const [result] = await withNames(tx, [row]);
    if (!result) throw new Error('mapping lost the row');
    return result;
  });
}

/** Internal: the prescriptions written in an encounter, for the encounter view (its caller checked access). */
export async function prescriptionsOfEncounter(db: Executor, encounterId: string): Promise<Prescription[]> {
  return withNames(db, await repo.prescriptionsOfEncounter(db, encounterId));
}

function fullName(p: {
  givenName: string;
  middleName: string | null;
  familyName: string;
  suffix: string | null;
}) {
  return [p.givenName, p.middleName, p.familyName, p.suffix].filter(Boolean).join(' ');
}

/**
 * Everything the printable prescription shows: the active drugs written together with this one, the patient,
 * their active allergies and the prescriber's licence number. Access and audit as for any chart read.
 */
export async function getPrescriptionForPrint(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  prescriptionId: string,
): Promise<PrescriptionPrint> {
  const rx = await repo.findPrescription(ctx.db, prescriptionId);
  if (!rx) throw new AppError('not_found', `prescription ${prescriptionId} not found`);
  await openPatientRecord(ctx.db, principal, actor, rx.patientId, 'chart', 'prescription');
  if (rx.status !== 'active') {
    if (isPortalView(principal)) throw new AppError('not_found', `prescription ${prescriptionId} not found`);
    throw new AppError('conflict', 'The prescription was stopped; a stopped prescription is not printed.');
  }
  const patient = await repo.patientHeader(ctx.db, rx.patientId);
  if (!patient) throw new AppError('not_found', `patient ${rx.patientId} not found`);
  const prescriber = await getUser(ctx.db, rx.prescriberId);
  const lines = (await repo.prescriptionsOfBatch(ctx.db, rx.batchId)).filter((l) => l.status === 'active');
  const allergies = await repo.activeAllergiesOf(ctx.db, rx.patientId);
  const opt = <T>(v: T | null) => v ?? undefined;
  return {
    prescriptionId: rx.id,
    batchId: rx.batchId,
    encounterId: rx.encounterId,
    date: rx.createdAt.toISOString(),
    patient: {
      id: patient.id,
      mrn: patient.mrn,
      name: fullName(patient),
      birthDate: patient.birthDate,
      sex: patient.sex,
    },
    allergies: allergies.map((a) => ({ substance: a.substance, reaction: a.reaction, severity: a.severity })),
    prescriber: { id: prescriber.id, name: prescriber.name, licenceNumber: prescriber.licenceNumber },
    lines: lines.map((l) => ({
      id: l.id,
      drug: l.drug,
      strength: opt(l.strength),
      form: opt(l.form),
      dose: l.dose,
      route: l.route,
      frequency: l.frequency,
      durationDays: opt(l.durationDays),
      quantity: opt(l.quantity),
      instructions: opt(l.instructions),
      allergyOverrideReason: l.allergyOverrideReason,
    })),
  };
}
