import type { Encounter, Prescription } from '@carebase/contracts';
import { PDF_COLORS, type PdfBuilder } from '../../platform/pdf/pdf-document.ts';
import { formatDateTime, formatDay, type PdfLanguage } from '../../platform/pdf/pdf-text.ts';
import type { RecordData } from './record-data.ts';
import { blockLabel, encounterBar, flowText, section } from './record-pdf-flow.ts';
import { diagnosisDescription, directionsOf, medicineName } from './record-pdf-format.ts';
import { RECORD_WORDS } from './record-pdf-words.ts';

type Words = (typeof RECORD_WORDS)[PdfLanguage];
const SOAP = ['subjective', 'objective', 'assessment', 'plan'] as const;
/** Keeps a table's label on the page with its header row and first line. */
const TABLE_KEEP = 60;

/** withDate for prescriptions listed apart from their encounter. */
function prescriptionTable(pdf: PdfBuilder, items: Prescription[], w: Words, withDate = false): void {
  const day = (iso: string) => formatDay(new Date(iso), pdf.letterhead.timeZone, pdf.lang);
  pdf.table({
    columns: [
      ...(withDate ? [{ header: w.columns.started, width: 2 }] : []),
      { header: w.columns.medicine, width: 3 },
      { header: w.columns.directions, width: 4.6 },
      { header: w.columns.quantity, width: 0.8, align: 'center' as const },
      { header: w.columns.status, width: 1.6 },
    ],
    rows: items.map((p) => {
      const override = p.allergyOverrideReason
        ? `\n${w.encounter.allergyOverride}: ${p.allergyOverrideReason}`
        : '';
      const status = w.prescriptionStatuses[p.status];
      return [
        ...(withDate ? [day(p.createdAt)] : []),
        medicineName(p),
        `${directionsOf(p, w)}${override}`,
        p.quantity === null ? '' : String(p.quantity),
        p.stopReason ? `${status}: ${p.stopReason}` : status,
      ];
    }),
  });
}

function drawEncounter(pdf: PdfBuilder, e: Encounter, w: Words): void {
  const tz = pdf.letterhead.timeZone;
  const when = (iso: string) => formatDateTime(new Date(iso), tz, pdf.lang);
  const signed = e.status === 'signed';
  encounterBar(
    pdf,
    `${when(e.startedAt)}  ·  ${w.encounterTypes[e.type]}`,
    w.encounterStatuses[e.status],
    signed,
  );
  const signature =
    signed && e.signedAt
      ? w.encounter.signedBy(e.signedByName ?? '', when(e.signedAt))
      : w.encounter.notSigned;
  flowText(pdf, `${w.encounter.provider}: ${e.providerName}   ·   ${signature}`, {
    size: 8.5,
    color: PDF_COLORS.muted,
  });
  pdf.space(6);

  if (e.chiefComplaint) {
    blockLabel(pdf, w.encounter.chiefComplaint);
    flowText(pdf, e.chiefComplaint, { font: 'Helvetica-Bold' });
    pdf.space(6);
  }
  const notes = SOAP.filter((field) => e[field]?.trim());
  if (notes.length === 0) {
    flowText(pdf, w.encounter.emptyNote, { color: PDF_COLORS.muted, size: 9 });
    pdf.space(6);
  }
  for (const field of notes) {
    blockLabel(pdf, w.encounter.soap[field]);
    flowText(pdf, e[field] ?? '');
    pdf.space(6);
  }

  if (e.diagnoses.length) {
    blockLabel(pdf, w.encounter.diagnoses, TABLE_KEEP);
    pdf.table({
      columns: [
        { header: w.columns.code, width: 1.2 },
        { header: w.columns.description, width: 6.4 },
        { header: w.columns.kind, width: 1.4 },
      ],
      rows: e.diagnoses.map((d) => {
        const description = diagnosisDescription(d, pdf.lang);
        return [d.code, d.note ? `${description}\n${d.note}` : description, w.diagnosisKinds[d.kind]];
      }),
    });
  }
  if (e.procedures.length) {
    blockLabel(pdf, w.encounter.procedures, TABLE_KEEP);
    pdf.table({
      columns: [
        { header: w.columns.procedure, width: 5.4 },
        { header: w.columns.code, width: 1.2 },
        { header: w.columns.performed, width: 2.4 },
      ],
      rows: e.procedures.map((p) => [p.description, p.code ?? '', when(p.performedAt)]),
    });
  }
  if (e.prescriptions.length) {
    blockLabel(pdf, w.encounter.prescriptions, TABLE_KEEP);
    prescriptionTable(pdf, e.prescriptions, w);
  }
  if (e.addenda.length) {
    blockLabel(pdf, w.encounter.addenda);
    for (const a of e.addenda) {
      flowText(pdf, w.encounter.addendum(when(a.createdAt), a.authorName), {
        font: 'Helvetica-Bold',
        size: 9,
      });
      flowText(pdf, `${w.encounter.reason}: ${a.reason}`, { font: 'Helvetica-Oblique', size: 9 });
      flowText(pdf, a.text);
      pdf.space(6);
    }
  }
  pdf.space(10);
}

/** Every encounter newest first with its note and what was recorded in it; then what did not fit in full. */
export function drawEncounters(pdf: PdfBuilder, data: RecordData): void {
  const w = RECORD_WORDS[pdf.lang];
  const tz = pdf.letterhead.timeZone;
  section(pdf, w.sections.encounters(data.encounters.length + data.olderEncounters.length), 130);
  if (data.encounters.length === 0) pdf.paragraph(w.none.encounters, { muted: true, size: 9.5 });
  for (const e of data.encounters) drawEncounter(pdf, e, w);

  if (data.olderEncounters.length) {
    section(pdf, w.sections.olderEncounters(data.olderEncounters.length));
    pdf.table({
      columns: [
        { header: w.columns.date, width: 2.4 },
        { header: w.columns.type, width: 1.8 },
        { header: w.columns.provider, width: 2.2 },
        { header: w.columns.status, width: 1.2 },
        { header: w.columns.diagnosis, width: 3.4 },
      ],
      rows: data.olderEncounters.map((e) => [
        formatDateTime(e.startedAt, tz, pdf.lang),
        w.encounterTypes[e.type],
        e.providerName,
        w.encounterStatuses[e.status],
        e.primaryDiagnosis
          ? `${e.primaryDiagnosis.code} ${diagnosisDescription(e.primaryDiagnosis, pdf.lang)}`
          : '',
      ]),
    });
  }
  if (data.otherPrescriptions.length) {
    section(pdf, w.sections.otherPrescriptions);
    prescriptionTable(pdf, data.otherPrescriptions, w, true);
  }
}
