import type { NumberingSystem } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import type { ActorContext } from '../../platform/audit/audit.writer.ts';
import { AppError } from '../../platform/errors.ts';
import { loadLetterhead } from '../../platform/pdf/letterhead.ts';
import type { PdfLanguage } from '../../platform/pdf/pdf-text.ts';
import * as repo from './dental.repository.ts';
import { readChart } from './dental.service.ts';
import { renderDentalChartPdf } from './dental-pdf.ts';
import { listPlansOfPatient } from './dental-plans.service.ts';

/** The printable chart; the read is audited once, as dental.chart-pdf. */
export async function dentalChartPdf(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  patientId: string,
  opts: { numbering: NumberingSystem; lang: PdfLanguage },
): Promise<{ pdf: Buffer; filename: string }> {
  const chart = await readChart(ctx.db, principal, actor, patientId, opts.numbering, 'dental.chart-pdf');
  const patient = await repo.patientHeader(ctx.db, chart.patientId);
  if (!patient) throw new AppError('not_found', `patient ${patientId} not found`);
  const pdf = await renderDentalChartPdf({
    letterhead: await loadLetterhead(ctx),
    lang: opts.lang,
    numbering: opts.numbering,
    patient,
    teeth: chart.teeth,
    plans: await listPlansOfPatient(ctx.db, chart.patientId, opts.numbering),
  });
  return { pdf, filename: `dental-chart-${patient.mrn}.pdf` };
}
