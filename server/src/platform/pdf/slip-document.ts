import { loadPdfkit } from './pdf-document.ts';

/** 80 mm thermal receipt paper, in points. */
export const SLIP_WIDTH = (80 / 25.4) * 72;
const MARGIN = 12;
/** The tallest page a PDF allows: room to measure any receipt. */
const MEASURE_HEIGHT = 14_400;

export type SlipDraw = (doc: PDFKit.PDFDocument, box: { left: number; width: number }) => void;

function newDoc(height: number, title: string, author: string): PDFKit.PDFDocument {
  const PDFDocument = loadPdfkit();
  return new PDFDocument({
    size: [SLIP_WIDTH, height],
    margins: { top: MARGIN, bottom: 0, left: MARGIN, right: MARGIN },
    info: { Title: title, Author: author, Creator: 'Carebase' },
  });
}

/**
 * A receipt-printer page: 80 mm wide and exactly as tall as what `draw` puts on it. A PDF page has its
 * size before anything is drawn, so `draw` runs twice: once on a very tall page to measure, once for real.
 */
export function renderSlip(opts: { title: string; author: string; draw: SlipDraw }): Promise<Buffer> {
  const box = { left: MARGIN, width: SLIP_WIDTH - MARGIN * 2 };
  const measure = newDoc(MEASURE_HEIGHT, opts.title, opts.author);
  opts.draw(measure, box);
  const height = Math.ceil(measure.y + MARGIN);
  const doc = newDoc(height, opts.title, opts.author);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  opts.draw(doc, box);
  doc.end();
  return done;
}
