import type { Prescription } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import type { ActorContext } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { loadLetterhead } from '../../platform/pdf/letterhead.ts';
import type { PdfLanguage } from '../../platform/pdf/pdf-text.ts';
import { attachmentsOfPatient } from '../attachments/attachments.repository.ts';
import { certificatesOfPatient } from '../certificates/certificates.repository.ts';
import { chartEntriesOf } from '../dental/dental.repository.ts';
import { currentChart } from '../dental/dental-chart.ts';
import { listPlansOfPatient } from '../dental/dental-plans.service.ts';
import { isPortalView } from '../encounters/encounter-guard.ts';
import * as encounterRepo from '../encounters/encounters.repository.ts';
import { encounterDetail } from '../encounters/encounters.service.ts';
import { findPatientRef, openPatientRecord, type PatientRef } from '../patients/patient-access.ts';
import { loadPatient } from '../patients/patients.service.ts';
import { prescriptionsOfEncounter } from '../prescriptions/prescriptions.service.ts';
import { vitalsInRange } from '../vitals/vitals.repository.ts';
import { toVitals } from '../vitals/vitals.service.ts';
import {
  ageOn,
  DETAILED_ENCOUNTERS,
  dayIn,
  type EncounterLine,
  latestMeasures,
  type RecordData,
  VITALS_HISTORY_ROWS,
} from './record-data.ts';
import { renderRecordPdf } from './record-pdf.ts';

/** What a patient sees of their own certificates, as in the portal: only signed ones. */
const SIGNED_CERTIFICATES = ['approved', 'issued', 'revoked'] as const;
const ENCOUNTER_PAGE = 500;
/** Readings read to find the latest values and count the history; far above any real chart. */
const VITALS_READ_LIMIT = 20_000;

async function allEncounterRows(db: Executor, patientId: string): Promise<encounterRepo.EncounterRow[]> {
  const rows: encounterRepo.EncounterRow[] = [];
  for (let page = 1; ; page++) {
    const batch = await encounterRepo.listEncounters(db, {
      patientId,
      signedOnly: false,
      page,
      pageSize: ENCOUNTER_PAGE,
    });
    rows.push(...batch.rows);
    if (batch.rows.length < ENCOUNTER_PAGE) return rows;
  }
}

async function encounterLines(db: Executor, rows: encounterRepo.EncounterRow[]): Promise<EncounterLine[]> {
  if (rows.length === 0) return [];
  const names = await encounterRepo.userNames(
    db,
    rows.map((r) => r.providerId),
  );
  const diagnoses = await encounterRepo.diagnosesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const primary = diagnoses.find((d) => d.encounterId === r.id && d.kind === 'primary');
    return {
      startedAt: r.startedAt,
      type: r.type,
      status: r.status,
      providerName: names.get(r.providerId) ?? '',
      primaryDiagnosis: primary
        ? { code: primary.code, description: primary.description, descriptionEs: primary.descriptionEs }
        : null,
    };
  });
}

/**
 * The record as its reader may see it, without access check or audit (the caller did both). A patient's own copy
 * leaves out draft encounters and what hangs off them, as the portal does.
 */
async function gatherRecord(
  db: Executor,
  principal: Principal,
  ref: PatientRef,
  exportedAt: Date,
  timeZone: string,
): Promise<RecordData> {
  const portal = isPortalView(principal);
  const patient = await loadPatient(db, ref.id);
  const mergedIntoMrn = ref.mergedIntoId ? (await findPatientRef(db, ref.mergedIntoId)).mrn : null;

  const allRows = await allEncounterRows(db, ref.id);
  const drafts = new Set(allRows.filter((r) => r.status === 'draft').map((r) => r.id));
  const rows = portal ? allRows.filter((r) => r.status === 'signed') : allRows;
  const detailedRows = rows.slice(0, DETAILED_ENCOUNTERS);
  const olderRows = rows.slice(DETAILED_ENCOUNTERS);
  const encounters = [];
  for (const row of detailedRows) encounters.push(await encounterDetail(db, row));
  const otherPrescriptions: Prescription[] = [];
  for (const row of olderRows) otherPrescriptions.push(...(await prescriptionsOfEncounter(db, row.id)));
  const activeMedications = [...encounters.flatMap((e) => e.prescriptions), ...otherPrescriptions]
    .filter((p) => p.status === 'active')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  const readings = (await vitalsInRange(db, { patientId: ref.id, limit: VITALS_READ_LIMIT }))
    .reverse()
    .filter((v) => !(portal && v.encounterId && drafts.has(v.encounterId)))
    .map(toVitals);

  const certificates = await certificatesOfPatient(
    db,
    ref.id,
    principal.permissions.includes('certificates:read') ? undefined : SIGNED_CERTIFICATES,
  );
  const attachments = await attachmentsOfPatient(db, ref.id, { withoutDrafts: portal });

  return {
    patient,
    mergedIntoMrn,
    exportedAt,
    age: ageOn(patient.birthDate, dayIn(exportedAt, timeZone)),
    portal,
    vitals: {
      latest: latestMeasures(readings),
      recent: readings.slice(0, VITALS_HISTORY_ROWS),
      total: readings.length,
    },
    encounters,
    olderEncounters: await encounterLines(db, olderRows),
    activeMedications,
    otherPrescriptions,
    dental: {
      teeth: currentChart(await chartEntriesOf(db, ref.id)),
      plans: await listPlansOfPatient(db, ref.id, 'fdi'),
    },
    certificates: certificates.map((c) => ({
      number: c.number,
      type: c.type,
      title: c.title,
      status: c.status,
      validFrom: c.validFrom,
      validTo: c.validTo,
      createdAt: c.createdAt,
    })),
    attachments: attachments.map((a) => ({
      filename: a.filename,
      kind: a.kind,
      contentType: a.contentType,
      size: a.size,
      createdAt: a.createdAt,
    })),
  };
}

/** The whole record as one PDF. Reading it is audited once, as patient.record_export.read. */
export async function exportPatientRecord(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
  lang: PdfLanguage,
): Promise<{ pdf: Buffer; filename: string }> {
  const ref = await openPatientRecord(ctx.db, principal, actor, patientId, 'chart', 'patient.record_export');
  const letterhead = await loadLetterhead(ctx);
  const exportedAt = new Date();
  const data = await gatherRecord(ctx.db, principal, ref, exportedAt, letterhead.timeZone);
  const pdf = await renderRecordPdf({ data, letterhead, lang });
  return { pdf, filename: `record-${ref.mrn}-${dayIn(exportedAt, letterhead.timeZone)}.pdf` };
}
