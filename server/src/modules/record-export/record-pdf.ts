import type { Letterhead } from '../../platform/pdf/letterhead.ts';
import { createPdf } from '../../platform/pdf/pdf-document.ts';
import { formatDateTime, type PdfLanguage } from '../../platform/pdf/pdf-text.ts';
import type { RecordData } from './record-data.ts';
import { drawClinicalSummary, drawVitals } from './record-pdf-clinical.ts';
import { drawEncounters } from './record-pdf-encounters.ts';
import { drawAttachments, drawCertificates, drawDental } from './record-pdf-other.ts';
import { drawDemographics } from './record-pdf-patient.ts';
import { RECORD_WORDS } from './record-pdf-words.ts';

function shortName(name: string): string {
  return name.length > 34 ? `${name.slice(0, 33).trimEnd()}…` : name;
}

/** The whole record on the clinic letterhead, in the reader's language, with page numbers. */
export function renderRecordPdf(opts: {
  data: RecordData;
  letterhead: Letterhead;
  lang: PdfLanguage;
}): Promise<Buffer> {
  const { data, letterhead, lang } = opts;
  const w = RECORD_WORDS[lang];
  const tz = letterhead.timeZone;
  const pdf = createPdf({
    // Also the running head of every later page, which has room for one short line.
    title: `${shortName(data.patient.displayName)} · ${data.patient.mrn}`,
    letterhead,
    lang,
    generatedAt: data.exportedAt,
  });
  pdf.title(w.title, w.exported(formatDateTime(data.exportedAt, tz, lang), tz));
  if (data.portal) pdf.paragraph(w.portalCopy, { muted: true, size: 9 });
  if (data.mergedIntoMrn) pdf.paragraph(w.mergedInto(data.mergedIntoMrn), { bold: true, size: 9.5 });
  drawDemographics(pdf, data);
  drawClinicalSummary(pdf, data);
  drawVitals(pdf, data);
  drawEncounters(pdf, data);
  drawDental(pdf, data);
  drawCertificates(pdf, data);
  drawAttachments(pdf, data);
  return pdf.finish();
}
