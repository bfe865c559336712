import { surfaceLabel } from '@carebase/contracts';
import type { PdfBuilder } from '../../platform/pdf/pdf-document.ts';
import { formatDate, formatDay } from '../../platform/pdf/pdf-text.ts';
import { CERTIFICATE_WORDS } from '../certificates/certificate-words.ts';
import { DENTAL_WORDS } from '../dental/dental-pdf-words.ts';
import type { RecordData } from './record-data.ts';
import { section, tableOrNone } from './record-pdf-flow.ts';
import { formatBytes } from './record-pdf-format.ts';
import { RECORD_WORDS } from './record-pdf-words.ts';

/** The current condition of each charted tooth and surface (FDI), and the treatment plans. Nothing when empty. */
export function drawDental(pdf: PdfBuilder, data: RecordData): void {
  const { teeth, plans } = data.dental;
  if (teeth.length === 0 && plans.length === 0) return;
  const w = RECORD_WORDS[pdf.lang];
  const d = DENTAL_WORDS[pdf.lang];
  const day = (iso: string) => formatDay(new Date(iso), pdf.letterhead.timeZone, pdf.lang);
  section(pdf, w.sections.dental);
  const rows: string[][] = [];
  for (const t of teeth) {
    if (t.conditions.length) {
      rows.push([
        String(t.tooth),
        w.wholeTooth,
        t.conditions.map((c) => d.conditions[c]).join(', '),
        day(t.updatedAt),
      ]);
    }
    const byCondition = new Map<(typeof t.surfaces)[number]['condition'], string[]>();
    for (const s of t.surfaces) {
      byCondition.set(s.condition, [
        ...(byCondition.get(s.condition) ?? []),
        surfaceLabel(t.tooth, s.surface),
      ]);
    }
    for (const [condition, surfaces] of byCondition) {
      rows.push([String(t.tooth), surfaces.join(', '), d.conditions[condition], day(t.updatedAt)]);
    }
  }
  tableOrNone(
    pdf,
    {
      columns: [
        { header: w.columns.tooth, width: 1 },
        { header: w.columns.surfaces, width: 1.8 },
        { header: d.condition, width: 3 },
        { header: w.columns.recorded, width: 2.2 },
      ],
      rows,
    },
    w.none.findings,
  );

  if (plans.length === 0) return;
  section(pdf, w.sections.dentalPlans);
  for (const plan of plans) {
    pdf.ensureSpace(80);
    pdf.paragraph(`${plan.title}  ·  ${day(plan.createdAt)}`, { bold: true, size: 10 });
    if (plan.notes) pdf.paragraph(plan.notes, { muted: true, size: 9 });
    pdf.table({
      columns: [
        { header: '#', width: 0.5 },
        { header: w.columns.tooth, width: 1 },
        { header: w.columns.surfaces, width: 1.2 },
        { header: w.columns.procedure, width: 4.2 },
        { header: w.columns.status, width: 1.6 },
      ],
      rows: plan.procedures.map((p, i) => [
        String(i + 1),
        p.tooth === null ? '' : String(p.tooth),
        p.tooth === null ? '' : p.surfaces.map((s) => surfaceLabel(p.tooth ?? 11, s)).join(', '),
        p.description ? `${d.kinds[p.kind]}: ${p.description}` : d.kinds[p.kind],
        d.statuses[p.status],
      ]),
    });
  }
}

export function drawCertificates(pdf: PdfBuilder, data: RecordData): void {
  const w = RECORD_WORDS[pdf.lang];
  const types = CERTIFICATE_WORDS[pdf.lang].types;
  const date = (d: string | null) => (d ? formatDate(d, pdf.lang) : '');
  section(pdf, w.sections.certificates);
  tableOrNone(
    pdf,
    {
      columns: [
        { header: w.columns.number, width: 2.2 },
        { header: w.columns.type, width: 4 },
        { header: w.columns.status, width: 1.8 },
        { header: w.columns.validFrom, width: 2 },
        { header: w.columns.validTo, width: 2 },
      ],
      rows: data.certificates.map((c) => [
        c.number ?? '—',
        c.type === 'custom' ? (c.title ?? types.custom) : types[c.type],
        w.certificateStatuses[c.status],
        date(c.validFrom),
        date(c.validTo),
      ]),
    },
    w.none.certificates,
  );
}

/** The files on record, by name: their content stays in the clinic system. */
export function drawAttachments(pdf: PdfBuilder, data: RecordData): void {
  const w = RECORD_WORDS[pdf.lang];
  const kind = (c: string) => (c === 'application/pdf' ? 'PDF' : c === 'image/png' ? 'PNG' : 'JPEG');
  section(pdf, w.sections.attachments);
  tableOrNone(
    pdf,
    {
      columns: [
        { header: w.columns.file, width: 4.6 },
        { header: w.columns.type, width: 3 },
        { header: w.columns.date, width: 2.2 },
        { header: w.columns.size, width: 1.3, align: 'right' },
      ],
      rows: data.attachments.map((a) => [
        a.filename,
        `${w.attachmentKinds[a.kind]} (${kind(a.contentType)})`,
        formatDay(a.createdAt, pdf.letterhead.timeZone, pdf.lang),
        formatBytes(a.size, pdf.lang),
      ]),
    },
    w.none.attachments,
  );
  if (data.attachments.length) pdf.paragraph(w.attachmentsNote, { muted: true, size: 8 });
}
