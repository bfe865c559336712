import type { Vitals } from '@carebase/contracts';
import type { PdfBuilder } from '../../platform/pdf/pdf-document.ts';
import { formatDate, formatDateTime, formatDay } from '../../platform/pdf/pdf-text.ts';
import type { LatestMeasures, RecordData } from './record-data.ts';
import { section, tableOrNone } from './record-pdf-flow.ts';
import { directionsOf, formatNumber, medicineName } from './record-pdf-format.ts';
import { RECORD_WORDS } from './record-pdf-words.ts';

/** Allergies, chronic conditions and the medicines the patient takes now. */
export function drawClinicalSummary(pdf: PdfBuilder, data: RecordData): void {
  const w = RECORD_WORDS[pdf.lang];
  const tz = pdf.letterhead.timeZone;
  section(pdf, w.sections.allergies);
  tableOrNone(
    pdf,
    {
      columns: [
        { header: w.columns.substance, width: 3 },
        { header: w.columns.reaction, width: 4 },
        { header: w.columns.severity, width: 1.6 },
        { header: w.columns.status, width: 1.4 },
      ],
      rows: data.patient.allergies.map((a) => [
        a.substance,
        a.reaction ?? '',
        w.severities[a.severity],
        w.allergyStatuses[a.status],
      ]),
    },
    w.none.allergies,
  );

  section(pdf, w.sections.conditions);
  tableOrNone(
    pdf,
    {
      columns: [
        { header: w.columns.condition, width: 4.5 },
        { header: w.columns.icd10, width: 1.3 },
        { header: w.columns.since, width: 2.2 },
        { header: w.columns.status, width: 1.4 },
      ],
      rows: data.patient.conditions.map((c) => [
        c.name,
        c.icd10Code ?? '',
        c.since ? formatDate(c.since, pdf.lang) : '',
        w.conditionStatuses[c.status],
      ]),
    },
    w.none.conditions,
  );

  section(pdf, w.sections.medications);
  tableOrNone(
    pdf,
    {
      columns: [
        { header: w.columns.medicine, width: 3 },
        { header: w.columns.directions, width: 4 },
        { header: w.columns.started, width: 2 },
        { header: w.columns.prescriber, width: 2.2 },
      ],
      rows: data.activeMedications.map((p) => [
        medicineName(p),
        directionsOf(p, w),
        formatDay(new Date(p.createdAt), tz, pdf.lang),
        p.prescriberName,
      ]),
    },
    w.none.medications,
  );
}

function latestItems(latest: LatestMeasures, pdf: PdfBuilder) {
  const w = RECORD_WORDS[pdf.lang].vitals;
  const n = (v: number | undefined) => (v === undefined ? '' : formatNumber(v, pdf.lang));
  const withUnit = (v: number | undefined, unit: string) => (v === undefined ? '' : `${n(v)} ${unit}`);
  const bp =
    latest.systolic && latest.diastolic
      ? `${n(latest.systolic.value)}/${n(latest.diastolic.value)} mmHg`
      : '';
  return [
    { label: w.bloodPressure, value: bp },
    { label: w.heartRate, value: withUnit(latest.heartRate?.value, 'bpm') },
    { label: w.respiratoryRate, value: withUnit(latest.respiratoryRate?.value, '/min') },
    { label: w.temperature, value: withUnit(latest.temperatureC?.value, '°C') },
    { label: w.spo2, value: withUnit(latest.spo2?.value, '%') },
    { label: w.height, value: withUnit(latest.heightCm?.value, 'cm') },
    { label: w.weight, value: withUnit(latest.weightKg?.value, 'kg') },
    { label: w.bmi, value: n(latest.bmi?.value) },
    { label: w.pain, value: latest.painScore ? `${n(latest.painScore.value)}/10` : '' },
  ];
}

function historyRow(v: Vitals, pdf: PdfBuilder): string[] {
  const n = (value: number | null) => (value === null ? '' : formatNumber(value, pdf.lang));
  return [
    formatDateTime(new Date(v.takenAt), pdf.letterhead.timeZone, pdf.lang),
    v.systolic !== null && v.diastolic !== null ? `${v.systolic}/${v.diastolic}` : '',
    n(v.heartRate),
    n(v.respiratoryRate),
    n(v.temperatureC),
    n(v.spo2),
    n(v.weightKg),
    n(v.heightCm),
    n(v.bmi),
    n(v.painScore),
  ];
}

/** The latest value of each measure, then the most recent readings in a table. */
export function drawVitals(pdf: PdfBuilder, data: RecordData): void {
  const w = RECORD_WORDS[pdf.lang];
  // The latest values stay together under their heading.
  section(pdf, w.sections.vitals, 160);
  if (data.vitals.total === 0) {
    pdf.paragraph(w.none.vitals, { muted: true, size: 9.5 });
    return;
  }
  pdf.keyValues(latestItems(data.vitals.latest, pdf), 3);
  pdf.paragraph(w.vitals.latestNote, { muted: true, size: 8 });
  section(pdf, w.sections.vitalsHistory, 100);
  const s = w.vitals.short;
  const centre = 'center' as const;
  pdf.table({
    columns: [
      { header: w.columns.date, width: 2.6 },
      { header: s.bp, width: 1.45, align: centre },
      { header: s.hr, width: 1, align: centre },
      { header: s.rr, width: 1, align: centre },
      { header: s.temp, width: 1.1, align: centre },
      { header: s.spo2, width: 1, align: centre },
      { header: s.wt, width: 1.1, align: centre },
      { header: s.ht, width: 1.1, align: centre },
      { header: w.vitals.bmi, width: 0.9, align: centre },
      { header: w.vitals.pain, width: 0.9, align: centre },
    ],
    rows: data.vitals.recent.map((v) => historyRow(v, pdf)),
  });
  const hidden = data.vitals.total - data.vitals.recent.length;
  if (hidden > 0) pdf.paragraph(w.vitals.moreReadings(hidden), { muted: true, size: 8.5 });
}
