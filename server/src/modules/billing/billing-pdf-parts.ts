import type { Payment } from '@carebase/contracts';
import { PDF_COLORS, type PdfBuilder } from '../../platform/pdf/pdf-document.ts';
import { type PdfLanguage, pdfSafe } from '../../platform/pdf/pdf-text.ts';
import { BILLING_PDF_WORDS } from './billing-pdf-words.ts';

export const VOID_RED = '#b42318';

/** Basis points as a rate: 1200 → "12 %", 1050 → "10.5 %" ("10,5 %" in Spanish). */
export function formatRate(basisPoints: number, lang: PdfLanguage): string {
  const n = new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-GB', { maximumFractionDigits: 2 });
  return `${n.format(basisPoints / 100)} %`;
}

/** The method as printed: the card's last four digits, or the transfer's reference, when known. */
export function methodLabel(p: Pick<Payment, 'method' | 'cardLast4'>, lang: PdfLanguage): string {
  const w = BILLING_PDF_WORDS[lang];
  return p.method === 'card' && p.cardLast4 ? w.card(p.cardLast4) : w.methods[p.method];
}

export type SummaryRow = { label: string; value: string; style?: 'total' | 'balance' | 'muted' };

/** A column of label / amount rows on the right half of the page, kept together on one page. */
export function drawSummary(pdf: PdfBuilder, rows: SummaryRow[]): void {
  const { doc } = pdf;
  const x = pdf.left + pdf.width * 0.42;
  const w = pdf.width * 0.58;
  const pad = 5;
  const sized = rows.map((row) => {
    const strong = row.style === 'total' || row.style === 'balance';
    doc.font(strong ? 'Helvetica-Bold' : 'Helvetica').fontSize(strong ? 11 : 9.5);
    const valueWidth = doc.widthOfString(pdfSafe(row.value));
    const labelWidth = w - valueWidth - pad * 3;
    return {
      row,
      strong,
      labelWidth,
      height: doc.heightOfString(pdfSafe(row.label), { width: labelWidth }) + 7,
    };
  });
  pdf.ensureSpace(sized.reduce((s, r) => s + r.height, 0) + 10);
  for (const { row, strong, labelWidth, height } of sized) {
    const y = doc.y;
    if (row.style === 'total') doc.rect(x, y - 1, w, height).fill(PDF_COLORS.band);
    if (row.style === 'balance') {
      doc
        .moveTo(x, y - 1)
        .lineTo(x + w, y - 1)
        .lineWidth(0.8)
        .strokeColor(PDF_COLORS.accent)
        .stroke();
    }
    const color = row.style === 'muted' ? PDF_COLORS.muted : row.style ? PDF_COLORS.accent : PDF_COLORS.ink;
    doc
      .font(strong ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(strong ? 11 : 9.5)
      .fillColor(color);
    doc.text(pdfSafe(row.label), x + pad, y + 3, { width: labelWidth });
    doc.text(pdfSafe(row.value), x + pad, y + 3, { width: w - pad * 2, align: 'right' });
    doc.y = y + height;
  }
  doc.x = pdf.left;
  doc.y += 10;
}

/** A large, faint word across every page (VOID, DRAFT), drawn before the footers. */
export function watermarkPages(pdf: PdfBuilder, word: string, color: string): void {
  const { doc } = pdf;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const cx = doc.page.width / 2;
    const cy = doc.page.height / 2;
    doc.save();
    doc.rotate(-35, { origin: [cx, cy] });
    // As large as fits along the diagonal, at most 110 pt.
    doc.font('Helvetica-Bold').fontSize(100);
    const size = Math.min(110, (100 * doc.page.width * 0.95) / doc.widthOfString(pdfSafe(word)));
    doc.fontSize(size).fillColor(color).fillOpacity(0.09);
    doc.text(pdfSafe(word), cx - 400, cy - size / 2, { width: 800, align: 'center', lineBreak: false });
    doc.restore();
    doc.page.margins.bottom = bottom;
  }
}
