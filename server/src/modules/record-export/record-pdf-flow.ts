import { PDF_COLORS, type PdfBuilder, type TableSpec } from '../../platform/pdf/pdf-document.ts';
import { pdfSafe } from '../../platform/pdf/pdf-text.ts';

export type TextStyle = {
  font?: 'Helvetica' | 'Helvetica-Bold' | 'Helvetica-Oblique';
  size?: number;
  color?: string;
  indent?: number;
};

const LINE_GAP = 1.5;

function bottomOf(doc: PDFKit.PDFDocument): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** The largest n such that the first n parts, joined, fit in `room` points of height (0 when none does). */
function largestFit(
  doc: PDFKit.PDFDocument,
  parts: string[],
  joiner: string,
  room: number,
  opts: PDFKit.Mixins.TextOptions,
): number {
  let lo = 1;
  let hi = parts.length;
  let fit = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (doc.heightOfString(parts.slice(0, mid).join(joiner), opts) <= room) {
      fit = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return fit;
}

/**
 * Free text of any length (notes, addenda), broken across pages here rather than by pdfkit: its own page break
 * would carry the running head's font and colour into the rest of the text.
 */
export function flowText(pdf: PdfBuilder, text: string, style: TextStyle = {}): void {
  const { doc } = pdf;
  const x = pdf.left + (style.indent ?? 0);
  const opts = { width: pdf.width - (style.indent ?? 0), lineGap: LINE_GAP };
  const apply = () =>
    doc
      .font(style.font ?? 'Helvetica')
      .fontSize(style.size ?? 9.5)
      .fillColor(style.color ?? PDF_COLORS.ink);
  pdfSafe(text)
    .split('\n')
    .forEach((paragraph, index) => {
      if (index > 0) doc.y += 2;
      flowParagraph(paragraph);
    });
  doc.x = pdf.left;

  function flowParagraph(paragraph: string): void {
    let rest = paragraph.trimEnd();
    apply();
    if (rest === '') {
      doc.y += doc.currentLineHeight(true) * 0.6;
      return;
    }
    let fresh = false;
    while (rest) {
      apply();
      const room = bottomOf(doc) - doc.y - 1;
      if (doc.heightOfString(rest, opts) <= room) {
        doc.text(rest, x, doc.y, opts);
        break;
      }
      const words = rest.split(' ');
      let fit = largestFit(doc, words, ' ', room, opts);
      let drawn = words.slice(0, fit).join(' ');
      let after = words.slice(fit).join(' ');
      if (fit === 0 && fresh) {
        // One word longer than a whole page: cut it by characters.
        const chars = [...rest];
        fit = Math.max(1, largestFit(doc, chars, '', room, opts));
        drawn = chars.slice(0, fit).join('');
        after = chars.slice(fit).join('');
      }
      if (fit > 0) doc.text(drawn, x, doc.y, opts);
      rest = after;
      doc.addPage();
      fresh = true;
    }
  }
}

/** A section heading that moves to the next page unless `keep` points of what follows fit under it. */
export function section(pdf: PdfBuilder, title: string, keep = 90): void {
  pdf.ensureSpace(keep);
  pdf.heading(title);
}

/** The table, or a muted line saying there is nothing to list. */
export function tableOrNone(pdf: PdfBuilder, spec: TableSpec, none: string): void {
  if (spec.rows.length) pdf.table(spec);
  else pdf.paragraph(none, { muted: true, size: 9.5 });
}

/** A small upper-case label over a block, kept on the page with the first lines that follow it. */
export function blockLabel(pdf: PdfBuilder, text: string, keepWith = 30): void {
  const { doc } = pdf;
  pdf.ensureSpace(12 + keepWith);
  doc
    .font('Helvetica-Bold')
    .fontSize(7.5)
    .fillColor(PDF_COLORS.muted)
    .text(pdfSafe(text.toUpperCase()), pdf.left, doc.y, { width: pdf.width, characterSpacing: 0.5 });
  doc.y += 2;
}

/** The shaded title bar of one encounter: what and when on the left, its status on the right. */
export function encounterBar(pdf: PdfBuilder, title: string, status: string, signed: boolean): void {
  const { doc, left, width } = pdf;
  pdf.ensureSpace(80);
  const y = doc.y;
  const height = 20;
  doc.rect(left, y, width, height).fill(PDF_COLORS.band);
  doc.rect(left, y, 3, height).fill(PDF_COLORS.accent);
  doc
    .font('Helvetica-Bold')
    .fontSize(10.5)
    .fillColor(PDF_COLORS.ink)
    .text(pdfSafe(title), left + 10, y + 5.5, { width: width * 0.75, lineBreak: false, ellipsis: true });
  doc
    .font('Helvetica-Bold')
    .fontSize(8)
    .fillColor(signed ? PDF_COLORS.accent : '#b45309')
    .text(pdfSafe(status.toUpperCase()), left + width * 0.75, y + 7, {
      width: width * 0.25 - 8,
      align: 'right',
      lineBreak: false,
      characterSpacing: 0.5,
    });
  doc.x = left;
  doc.y = y + height + 6;
}
