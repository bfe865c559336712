import { createRequire } from 'node:module';
import type { Letterhead } from './letterhead.ts';
import { formatDateTime, type PdfLanguage, pdfSafe } from './pdf-text.ts';

export const PDF_COLORS = {
  ink: '#1f2933',
  muted: '#6b7280',
  accent: '#0f5f73',
  rule: '#d5dbe0',
  band: '#eef4f6',
} as const;

// pdfkit and its font machinery take a good part of a second to load: they load with the first document
// rather than at every start.
const requireHere = createRequire(import.meta.url);
let pdfkit: typeof import('pdfkit') | undefined;
export function loadPdfkit(): typeof import('pdfkit') {
  pdfkit ??= requireHere('pdfkit') as typeof import('pdfkit');
  return pdfkit;
}

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MARGIN = { top: 42, bottom: 64, left: 50, right: 50 };

export type KeyValue = { label: string; value: string };
export type TableColumn = { header: string; width: number; align?: 'left' | 'right' | 'center' };
export type TableSpec = {
  /** Widths are relative: they are scaled to the content width. */
  columns: TableColumn[];
  rows: string[][];
  /** Bold rows under the body, e.g. totals. */
  footer?: string[][];
  empty?: string;
};

export type PdfBuilder = {
  doc: PDFKit.PDFDocument;
  lang: PdfLanguage;
  letterhead: Letterhead;
  left: number;
  width: number;
  title(text: string, subtitle?: string): void;
  heading(text: string): void;
  paragraph(text: string, opts?: { muted?: boolean; bold?: boolean; size?: number }): void;
  keyValues(items: KeyValue[], columns?: number): void;
  table(spec: TableSpec): void;
  /** Starts a new page unless `height` points still fit on this one. */
  ensureSpace(height: number): void;
  space(points: number): void;
  finish(): Promise<Buffer>;
};

const WORDS = {
  en: { page: (n: number, of: number) => `Page ${n} of ${of}`, generated: 'Generated' },
  es: { page: (n: number, of: number) => `Página ${n} de ${of}`, generated: 'Generado' },
} as const;

function contactLine(l: Letterhead, lang: PdfLanguage): string {
  const phone = l.phone ? `${lang === 'es' ? 'Tel.' : 'Tel.'} ${l.phone}` : '';
  return [phone, l.email].filter(Boolean).join('   ·   ');
}

function drawLetterhead(doc: PDFKit.PDFDocument, l: Letterhead, lang: PdfLanguage): void {
  const left = MARGIN.left;
  const top = MARGIN.top;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  let textX = left;
  let logoBottom = top;
  if (l.logo) {
    try {
      doc.image(l.logo, left, top, { fit: [54, 54] });
      textX = left + 66;
      logoBottom = top + 54;
    } catch {
      // An image pdfkit cannot decode: print the letterhead without it rather than fail the document.
    }
  }
  const textWidth = width - (textX - left);
  doc
    .font(BOLD)
    .fontSize(17)
    .fillColor(PDF_COLORS.accent)
    .text(pdfSafe(l.clinicName), textX, top + 2, { width: textWidth });
  doc.font(FONT).fontSize(8.5).fillColor(PDF_COLORS.muted);
  if (l.address) doc.text(pdfSafe(l.address), textX, doc.y + 2, { width: textWidth });
  const contact = contactLine(l, lang);
  if (contact) doc.text(pdfSafe(contact), textX, doc.y + 1, { width: textWidth });
  const ruleY = Math.max(doc.y, logoBottom) + 8;
  doc
    .moveTo(left, ruleY)
    .lineTo(left + width, ruleY)
    .lineWidth(1.4)
    .strokeColor(PDF_COLORS.accent)
    .stroke();
  doc.x = left;
  doc.y = ruleY + 14;
}

/** Later pages carry a slim running head instead of the full letterhead. */
/** pdfkit keeps the current font and colour here; it has no public getters for them. */
type TextState = { _font?: { name?: string } | null; _fontSize?: number; _fillColor?: [string, number?] };

function drawRunningHead(doc: PDFKit.PDFDocument, l: Letterhead, docTitle: string): void {
  // Text that pdfkit itself carries over to a new page must go on in its own font, not the running head's.
  const state = doc as unknown as TextState;
  const before = { font: state._font?.name, size: state._fontSize, fill: state._fillColor };
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  doc.font(BOLD).fontSize(9).fillColor(PDF_COLORS.accent);
  doc.text(pdfSafe(l.clinicName), MARGIN.left, MARGIN.top, { width: width / 2, lineBreak: false });
  doc.font(FONT).fillColor(PDF_COLORS.muted);
  doc.text(pdfSafe(docTitle), MARGIN.left + width / 2, MARGIN.top, {
    width: width / 2,
    align: 'right',
    lineBreak: false,
  });
  const ruleY = MARGIN.top + 15;
  doc
    .moveTo(MARGIN.left, ruleY)
    .lineTo(MARGIN.left + width, ruleY)
    .lineWidth(0.6)
    .strokeColor(PDF_COLORS.rule)
    .stroke();
  doc.x = MARGIN.left;
  doc.y = ruleY + 14;
  if (before.font) doc.font(before.font);
  if (before.size) doc.fontSize(before.size);
  if (before.fill) doc.fillColor(before.fill[0], before.fill[1]);
}

function drawFooters(doc: PDFKit.PDFDocument, l: Letterhead, lang: PdfLanguage, at: Date): void {
  const range = doc.bufferedPageRange();
  const generated = `${WORDS[lang].generated} ${formatDateTime(at, l.timeZone, lang)} (${l.timeZone})`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Text below the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    const y = doc.page.height - 40;
    doc
      .moveTo(MARGIN.left, y - 8)
      .lineTo(MARGIN.left + width, y - 8)
      .lineWidth(0.6)
      .strokeColor(PDF_COLORS.rule)
      .stroke();
    doc.font(FONT).fontSize(7.5).fillColor(PDF_COLORS.muted);
    doc.text(pdfSafe(generated), MARGIN.left, y, { width: width * 0.7, lineBreak: false });
    doc.text(WORDS[lang].page(i - range.start + 1, range.count), MARGIN.left + width * 0.7, y, {
      width: width * 0.3,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

/** A document with the clinic letterhead, layout helpers, and page numbers added when it is finished. */
export function createPdf(opts: {
  title: string;
  letterhead: Letterhead;
  lang: PdfLanguage;
  /** The generation time printed in the footers (default now). */
  generatedAt?: Date;
}): PdfBuilder {
  const { letterhead, lang } = opts;
  const PDFDocument = loadPdfkit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: {
      Title: pdfSafe(opts.title),
      Author: pdfSafe(letterhead.clinicName),
      Creator: 'Carebase',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  drawLetterhead(doc, letterhead, lang);
  doc.on('pageAdded', () => drawRunningHead(doc, letterhead, opts.title));

  const bottomLimit = () => doc.page.height - doc.page.margins.bottom;
  const ensureSpace = (height: number) => {
    if (doc.y + height > bottomLimit()) doc.addPage();
  };

  function keyValues(items: KeyValue[], columns = 2): void {
    const gap = 14;
    const cellWidth = (width - gap * (columns - 1)) / columns;
    for (let i = 0; i < items.length; i += columns) {
      const row = items.slice(i, i + columns);
      // A label may wrap (long Spanish labels in narrow columns): its value starts below it, in every cell of the row.
      doc.font(FONT).fontSize(7.5);
      const labelHeight = Math.max(
        ...row.map((item) =>
          doc.heightOfString(pdfSafe(item.label.toUpperCase()), { width: cellWidth, characterSpacing: 0.4 }),
        ),
      );
      doc.font(BOLD).fontSize(10.5);
      const valueHeight = Math.max(
        ...row.map((item) => doc.heightOfString(pdfSafe(item.value || '—'), { width: cellWidth })),
      );
      const rowHeight = labelHeight + 3 + valueHeight + 8;
      ensureSpace(rowHeight);
      const y = doc.y;
      row.forEach((item, col) => {
        const x = left + col * (cellWidth + gap);
        doc
          .font(FONT)
          .fontSize(7.5)
          .fillColor(PDF_COLORS.muted)
          .text(pdfSafe(item.label.toUpperCase()), x, y, { width: cellWidth, characterSpacing: 0.4 });
        doc
          .font(BOLD)
          .fontSize(10.5)
          .fillColor(PDF_COLORS.ink)
          .text(pdfSafe(item.value || '—'), x, y + labelHeight + 3, { width: cellWidth });
      });
      doc.x = left;
      doc.y = y + rowHeight;
    }
  }

  function table(spec: TableSpec): void {
    const total = spec.columns.reduce((s, c) => s + c.width, 0);
    const widths = spec.columns.map((c) => (c.width / total) * width);
    const pad = 4;
    const measure = (cells: string[], font: string, size: number) =>
      Math.max(
        ...cells.map((cell, i) => {
          doc.font(font).fontSize(size);
          return doc.heightOfString(pdfSafe(cell || ' '), { width: (widths[i] ?? 0) - pad * 2 });
        }),
      ) +
      pad * 2;
    const drawRow = (cells: string[], style: 'header' | 'body' | 'footer') => {
      const font = style === 'body' ? FONT : BOLD;
      const size = style === 'header' ? 8 : 9;
      const height = measure(cells, font, size);
      if (doc.y + height > bottomLimit()) {
        doc.addPage();
        if (style !== 'header')
          drawRow(
            spec.columns.map((c) => c.header),
            'header',
          );
      }
      const y = doc.y;
      if (style === 'header') doc.rect(left, y, width, height).fill(PDF_COLORS.band);
      let x = left;
      cells.forEach((cell, i) => {
        const w = widths[i] ?? 0;
        doc
          .font(font)
          .fontSize(size)
          .fillColor(style === 'header' ? PDF_COLORS.accent : PDF_COLORS.ink)
          .text(pdfSafe(cell), x + pad, y + pad, {
            width: w - pad * 2,
            align: spec.columns[i]?.align ?? 'left',
          });
        x += w;
      });
      const lineY = y + height;
      doc
        .moveTo(left, lineY)
        .lineTo(left + width, lineY)
        .lineWidth(style === 'body' ? 0.4 : 0.8)
        .strokeColor(style === 'body' ? PDF_COLORS.rule : PDF_COLORS.accent)
        .stroke();
      doc.x = left;
      doc.y = lineY;
    };
    ensureSpace(60);
    drawRow(
      spec.columns.map((c) => c.header),
      'header',
    );
    if (spec.rows.length === 0 && spec.empty) {
      doc
        .font(FONT)
        .fontSize(9)
        .fillColor(PDF_COLORS.muted)
        .text(pdfSafe(spec.empty), left + pad, doc.y + pad);
      doc.y += 4;
    }
    for (const row of spec.rows) drawRow(row, 'body');
    for (const row of spec.footer ?? []) drawRow(row, 'footer');
    doc.x = left;
    doc.y += 10;
  }

  return {
    doc,
    lang,
    letterhead,
    left,
    width,
    title(text, subtitle) {
      ensureSpace(50);
      doc.font(BOLD).fontSize(16).fillColor(PDF_COLORS.ink).text(pdfSafe(text), left, doc.y, { width });
      if (subtitle) {
        doc
          .font(FONT)
          .fontSize(9.5)
          .fillColor(PDF_COLORS.muted)
          .text(pdfSafe(subtitle), left, doc.y + 2, { width });
      }
      doc.y += 12;
    },
    heading(text) {
      ensureSpace(44);
      doc.y += 4;
      doc
        .font(BOLD)
        .fontSize(9)
        .fillColor(PDF_COLORS.accent)
        .text(pdfSafe(text.toUpperCase()), left, doc.y, { width, characterSpacing: 0.8 });
      const y = doc.y + 2;
      doc
        .moveTo(left, y)
        .lineTo(left + width, y)
        .lineWidth(0.5)
        .strokeColor(PDF_COLORS.rule)
        .stroke();
      doc.y = y + 7;
    },
    paragraph(text, o = {}) {
      doc.font(o.bold ? BOLD : FONT).fontSize(o.size ?? 10.5);
      ensureSpace(Math.min(doc.heightOfString(pdfSafe(text), { width }), 80));
      doc
        .fillColor(o.muted ? PDF_COLORS.muted : PDF_COLORS.ink)
        .text(pdfSafe(text), left, doc.y, { width, lineGap: 2 });
      doc.y += 8;
    },
    keyValues,
    table,
    ensureSpace,
    space(points) {
      doc.y += points;
    },
    finish() {
      drawFooters(doc, letterhead, lang, opts.generatedAt ?? new Date());
      doc.end();
      return done;
    },
  };
}
