import { formatVerificationCode } from '@carebase/contracts';
import type { Letterhead } from '../../platform/pdf/letterhead.ts';
import { createPdf, PDF_COLORS } from '../../platform/pdf/pdf-document.ts';
import {
  formatDate,
  formatDateTime,
  formatDay,
  type PdfLanguage,
  pdfSafe,
} from '../../platform/pdf/pdf-text.ts';
import { qrPng } from '../../platform/pdf/qr-code.ts';
import { restDaysOf } from './certificate-rules.ts';
import { CERTIFICATE_WORDS } from './certificate-words.ts';
import type { CertificateWithPatient } from './certificates.repository.ts';

export function patientFullName(p: CertificateWithPatient['patient']): string {
  return [p.givenName, p.middleName, p.familyName, p.suffix].filter(Boolean).join(' ');
}

/**
 * The signed certificate. Every fact is drawn as real text (the patient's name and the verification code
 * can be found by text extraction), and the QR code points at the public verify page.
 */
export async function renderCertificatePdf(opts: {
  certificate: CertificateWithPatient;
  letterhead: Letterhead;
  lang: PdfLanguage;
  publicUrl: string;
}): Promise<Buffer> {
  const { certificate: c, letterhead, lang } = opts;
  const w = CERTIFICATE_WORDS[lang];
  if (!c.number || !c.verificationCode || !c.approvedAt || !c.approverName || !c.approverLicence) {
    throw new Error(`certificate ${c.id} is not approved`);
  }
  const tz = letterhead.timeZone;
  const name = patientFullName(c.patient);
  const title = c.type === 'custom' ? (c.title ?? w.types.custom) : w.types[c.type];
  const code = formatVerificationCode(c.verificationCode);
  const verifyBase = `${opts.publicUrl}/verify`;
  const pdf = createPdf({ title: `${title} ${c.number}`, letterhead, lang, generatedAt: new Date() });
  const { doc, left, width } = pdf;

  pdf.title(title, `${w.number} ${c.number}   ·   ${w.issued}: ${formatDay(c.approvedAt, tz, lang)}`);
  pdf.heading(w.patient);
  pdf.keyValues(
    [
      { label: w.fullName, value: name },
      { label: w.mrn, value: c.patient.mrn },
      { label: w.birthDate, value: formatDate(c.patient.birthDate, lang) },
    ],
    3,
  );
  if (c.type !== 'custom') pdf.paragraph(w.statement[c.type](name));

  pdf.heading(w.findings);
  pdf.paragraph(c.findings);
  if (c.recommendation) {
    pdf.heading(w.recommendation);
    pdf.paragraph(c.recommendation);
  }
  const days = restDaysOf(c);
  if (c.validFrom || c.validTo) {
    pdf.heading(w.validity);
    const items = [
      { label: w.validFrom, value: c.validFrom ? formatDate(c.validFrom, lang) : '—' },
      { label: w.validTo, value: c.validTo ? formatDate(c.validTo, lang) : '—' },
    ];
    if (days !== null) items.push({ label: w.restDays, value: w.days(days) });
    pdf.keyValues(items, 3);
    if (days !== null && c.validFrom && c.validTo) {
      pdf.paragraph(w.leave(formatDate(c.validFrom, lang), formatDate(c.validTo, lang), days), { size: 10 });
    }
  }

  // Signature on the left, verification on the right, kept together on one page.
  const blockHeight = 150;
  pdf.ensureSpace(blockHeight + 10);
  const top = doc.y + 14;
  const half = width / 2;
  doc
    .moveTo(left, top + 42)
    .lineTo(left + half - 30, top + 42)
    .lineWidth(0.8)
    .strokeColor(PDF_COLORS.ink)
    .stroke();
  doc.font('Helvetica').fontSize(7.5).fillColor(PDF_COLORS.muted);
  doc.text(pdfSafe(w.approvedBy.toUpperCase()), left, top + 48, { width: half - 30, characterSpacing: 0.4 });
  doc.font('Helvetica-Bold').fontSize(11).fillColor(PDF_COLORS.ink);
  doc.text(pdfSafe(c.approverName), left, doc.y + 2, { width: half - 30 });
  doc.font('Helvetica').fontSize(9.5).fillColor(PDF_COLORS.ink);
  doc.text(pdfSafe(`${w.licence} ${c.approverLicence}`), left, doc.y + 2, { width: half - 30 });
  doc.text(pdfSafe(`${w.approvedOn} ${formatDateTime(c.approvedAt, tz, lang)}`), left, doc.y + 2, {
    width: half - 30,
  });

  const qrSize = 96;
  const boxX = left + half;
  doc
    .roundedRect(boxX, top, half, qrSize + 20, 6)
    .lineWidth(0.6)
    .strokeColor(PDF_COLORS.rule)
    .stroke();
  doc.image(await qrPng(`${verifyBase}/${code}`), boxX + 10, top + 10, { width: qrSize, height: qrSize });
  const textX = boxX + qrSize + 20;
  const textWidth = half - qrSize - 30;
  doc.font('Helvetica-Bold').fontSize(9.5).fillColor(PDF_COLORS.accent);
  doc.text(pdfSafe(w.verify), textX, top + 14, { width: textWidth });
  doc.font('Helvetica').fontSize(8).fillColor(PDF_COLORS.muted);
  doc.text(pdfSafe(w.verifyHow), textX, doc.y + 3, { width: textWidth });
  doc
    .font('Helvetica-Bold')
    .fontSize(verifyBase.length > 40 ? 6.5 : 8)
    .fillColor(PDF_COLORS.ink);
  doc.text(pdfSafe(verifyBase), textX, doc.y + 1, { width: textWidth });
  doc.font('Helvetica').fontSize(7).fillColor(PDF_COLORS.muted);
  doc.text(pdfSafe(w.code.toUpperCase()), textX, doc.y + 8, { width: textWidth, characterSpacing: 0.4 });
  doc.font('Courier-Bold').fontSize(14).fillColor(PDF_COLORS.ink);
  doc.text(code, textX, doc.y + 2, { width: textWidth });
  doc.x = left;
  doc.y = top + blockHeight;
  return pdf.finish();
}
