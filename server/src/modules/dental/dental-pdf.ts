import {
  type DentalPlan,
  type DentalToothState,
  fdiToUniversal,
  type NumberingSystem,
  surfaceLabel,
} from '@carebase/contracts';
import type { Letterhead } from '../../platform/pdf/letterhead.ts';
import { createPdf } from '../../platform/pdf/pdf-document.ts';
import { formatDate, formatDay, formatMoney, type PdfLanguage } from '../../platform/pdf/pdf-text.ts';
import type { PatientHeader } from './dental.repository.ts';
import { drawLegend, drawOdontogram } from './dental-odontogram.ts';
import { DENTAL_WORDS } from './dental-pdf-words.ts';

export function fullName(
  p: Pick<PatientHeader, 'givenName' | 'middleName' | 'familyName' | 'suffix'>,
): string {
  return [p.givenName, p.middleName, p.familyName, p.suffix].filter(Boolean).join(' ');
}

/** The chart on paper: patient, odontogram with legend, current findings, and the treatment plans. */
export async function renderDentalChartPdf(opts: {
  letterhead: Letterhead;
  lang: PdfLanguage;
  numbering: NumberingSystem;
  patient: PatientHeader;
  teeth: DentalToothState[];
  plans: DentalPlan[];
}): Promise<Buffer> {
  const { letterhead, lang, numbering, patient } = opts;
  const w = DENTAL_WORDS[lang];
  const label = (tooth: number | null) =>
    tooth === null ? '—' : numbering === 'universal' ? `${fdiToUniversal(tooth)} (${tooth})` : String(tooth);
  const pdf = createPdf({ title: `${w.title} — ${fullName(patient)}`, letterhead, lang });
  pdf.title(w.title, formatDay(new Date(), letterhead.timeZone, lang));
  pdf.keyValues(
    [
      { label: w.name, value: fullName(patient) },
      { label: w.mrn, value: patient.mrn },
      { label: w.birthDate, value: formatDate(patient.birthDate, lang) },
      { label: w.numbering, value: numbering === 'universal' ? 'Universal (ADA)' : 'FDI (ISO 3950)' },
    ],
    4,
  );

  pdf.heading(w.odontogram);
  pdf.ensureSpace(250);
  drawOdontogram(pdf.doc, { left: pdf.left, width: pdf.width, teeth: opts.teeth, numbering, lang });
  pdf.space(6);
  drawLegend(pdf.doc, { left: pdf.left, width: pdf.width, lang });

  pdf.heading(w.findings);
  const rows: string[][] = [];
  for (const t of opts.teeth) {
    const recorded = formatDay(new Date(t.updatedAt), letterhead.timeZone, lang);
    if (t.conditions.length) {
      rows.push([
        label(t.tooth),
        w.wholeTooth,
        t.conditions.map((c) => w.conditions[c]).join(', '),
        recorded,
      ]);
    }
    const byCondition = new Map<string, string[]>();
    for (const s of t.surfaces) {
      const list = byCondition.get(s.condition) ?? [];
      list.push(surfaceLabel(t.tooth, s.surface));
      byCondition.set(s.condition, list);
    }
    for (const [condition, surfaces] of byCondition) {
      rows.push([
        label(t.tooth),
        surfaces.join(', '),
        w.conditions[condition as keyof typeof w.conditions],
        recorded,
      ]);
    }
  }
  pdf.table({
    columns: [
      { header: w.tooth, width: 1.2 },
      { header: w.surfaces, width: 1.6 },
      { header: w.condition, width: 2 },
      { header: w.recorded, width: 2 },
    ],
    rows,
    empty: w.noFindings,
  });

  pdf.heading(w.plans);
  if (opts.plans.length === 0) pdf.paragraph(w.noPlans, { muted: true, size: 9.5 });
  for (const plan of opts.plans) {
    const money = (minor: number) => formatMoney(minor, plan.currency, lang);
    pdf.ensureSpace(90);
    pdf.paragraph(`${plan.title} · ${formatDay(new Date(plan.createdAt), letterhead.timeZone, lang)}`, {
      bold: true,
      size: 10.5,
    });
    if (plan.notes) pdf.paragraph(plan.notes, { muted: true, size: 9.5 });
    const totals = plan.totals;
    pdf.table({
      columns: [
        { header: '#', width: 0.5 },
        { header: w.tooth, width: 1.1 },
        { header: w.surfaces, width: 1 },
        { header: w.procedure, width: 3 },
        { header: w.status, width: 1.4 },
        { header: w.cost, width: 1.4, align: 'right' },
      ],
      rows: plan.procedures.map((p, i) => [
        String(i + 1),
        label(p.tooth),
        p.tooth === null ? '' : p.surfaces.map((s) => surfaceLabel(p.tooth ?? 11, s)).join(', '),
        p.description ? `${w.kinds[p.kind]}: ${p.description}` : w.kinds[p.kind],
        w.statuses[p.status],
        p.cost === null ? '—' : money(p.cost),
      ]),
      footer: [
        [
          '',
          '',
          '',
          totals.unpriced ? `${w.total} (${w.unpriced(totals.unpriced)})` : w.total,
          '',
          money(totals.total),
        ],
        ['', '', '', w.done, '', money(totals.done)],
        ['', '', '', w.remaining, '', money(totals.remaining)],
      ],
    });
  }
  return pdf.finish();
}
