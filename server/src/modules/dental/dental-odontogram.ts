import {
  type DentalCondition,
  type DentalToothState,
  fdiToUniversal,
  isUpperTooth,
  type NumberingSystem,
  type Surface,
} from '@carebase/contracts';
import { PDF_COLORS } from '../../platform/pdf/pdf-document.ts';
import type { PdfLanguage } from '../../platform/pdf/pdf-text.ts';
import { DENTAL_WORDS } from './dental-pdf-words.ts';

export const CONDITION_COLORS: Record<Exclude<DentalCondition, 'healthy'>, string> = {
  caries: '#d64545',
  filling: '#2f6fde',
  sealant: '#2e9e6a',
  crown: '#c88a12',
  bridge: '#7b52c7',
  root_canal: '#e0701f',
  implant: '#127f8c',
  missing: '#8a939c',
  extracted: '#b02a2a',
};

const SIZE = 23;
const GAP = 4;
const MIDLINE = 16;

type Point = [number, number];
type Doc = PDFKit.PDFDocument;

/** Quadrant rows as drawn, viewer's left to right (the patient's right is on the viewer's left). */
const ROWS: { teeth: number[]; numbersAbove: boolean }[] = [
  { teeth: [18, 17, 16, 15, 14, 13, 12, 11, 21, 22, 23, 24, 25, 26, 27, 28], numbersAbove: true },
  { teeth: [55, 54, 53, 52, 51, 61, 62, 63, 64, 65], numbersAbove: true },
  { teeth: [85, 84, 83, 82, 81, 71, 72, 73, 74, 75], numbersAbove: false },
  { teeth: [48, 47, 46, 45, 44, 43, 42, 41, 31, 32, 33, 34, 35, 36, 37, 38], numbersAbove: false },
];

/** Horizontal offset of a tooth from the chart's centre line: position 1 sits next to the midline. */
function offsetOf(tooth: number): number {
  const position = tooth % 10;
  const quadrant = Math.floor(tooth / 10);
  const fromMid = MIDLINE / 2 + (position - 1) * (SIZE + GAP);
  const onViewerLeft = [1, 4, 5, 8].includes(quadrant);
  return onViewerLeft ? -fromMid - SIZE : fromMid;
}

/** Which stored surface each side of the box shows: buccal faces out of the mouth, mesial faces the midline. */
function sides(tooth: number): { top: Surface; bottom: Surface; left: Surface; right: Surface } {
  const upper = isUpperTooth(tooth);
  const onViewerLeft = [1, 4, 5, 8].includes(Math.floor(tooth / 10));
  return {
    top: upper ? 'B' : 'L',
    bottom: upper ? 'L' : 'B',
    left: onViewerLeft ? 'D' : 'M',
    right: onViewerLeft ? 'M' : 'D',
  };
}

function polygon(doc: Doc, points: Point[], fill: string): void {
  const [first, ...rest] = points;
  if (!first) return;
  doc.moveTo(first[0], first[1]);
  for (const [x, y] of rest) doc.lineTo(x, y);
  doc.closePath().lineWidth(0.6).fillAndStroke(fill, '#7a848d');
}

function drawTooth(
  doc: Doc,
  x: number,
  y: number,
  state: DentalToothState | undefined,
  upper: boolean,
): void {
  const inset = SIZE * 0.3;
  const ix = x + inset;
  const iy = y + inset;
  const iw = SIZE - inset * 2;
  const colorOf = (surface: Surface) => {
    const found = state?.surfaces.find((s) => s.surface === surface);
    return found && found.condition !== 'healthy' ? CONDITION_COLORS[found.condition] : '#ffffff';
  };
  const side = sides(state?.tooth ?? (upper ? 11 : 41));
  const conditions = state?.conditions ?? [];
  const absent = conditions.includes('missing') || conditions.includes('extracted');
  doc.save();
  if (absent) doc.opacity(0.35);
  polygon(
    doc,
    [
      [x, y],
      [x + SIZE, y],
      [ix + iw, iy],
      [ix, iy],
    ],
    colorOf(side.top),
  );
  polygon(
    doc,
    [
      [x, y + SIZE],
      [x + SIZE, y + SIZE],
      [ix + iw, iy + iw],
      [ix, iy + iw],
    ],
    colorOf(side.bottom),
  );
  polygon(
    doc,
    [
      [x, y],
      [ix, iy],
      [ix, iy + iw],
      [x, y + SIZE],
    ],
    colorOf(side.left),
  );
  polygon(
    doc,
    [
      [x + SIZE, y],
      [ix + iw, iy],
      [ix + iw, iy + iw],
      [x + SIZE, y + SIZE],
    ],
    colorOf(side.right),
  );
  polygon(
    doc,
    [
      [ix, iy],
      [ix + iw, iy],
      [ix + iw, iy + iw],
      [ix, iy + iw],
    ],
    colorOf('O'),
  );
  doc.restore();
  drawWholeTooth(doc, x, y, conditions, upper);
}

/** Marks of whole-tooth conditions; the root side is above upper teeth and below lower ones. */
function drawWholeTooth(doc: Doc, x: number, y: number, conditions: DentalCondition[], upper: boolean): void {
  const rootY = upper ? y - 4 : y + SIZE + 4;
  const rootDir = upper ? -1 : 1;
  const cx = x + SIZE / 2;
  for (const c of conditions) {
    if (c === 'missing' || c === 'extracted') {
      doc
        .moveTo(x - 1, y - 1)
        .lineTo(x + SIZE + 1, y + SIZE + 1)
        .moveTo(x + SIZE + 1, y - 1)
        .lineTo(x - 1, y + SIZE + 1)
        .lineWidth(2)
        .strokeColor(CONDITION_COLORS[c])
        .stroke();
    } else if (c === 'crown') {
      doc
        .roundedRect(x - 2.5, y - 2.5, SIZE + 5, SIZE + 5, 4)
        .lineWidth(1.8)
        .strokeColor(CONDITION_COLORS.crown)
        .stroke();
    } else if (c === 'bridge') {
      const by = upper ? y + SIZE + 3 : y - 5;
      doc.rect(x - GAP / 2 - 0.5, by, SIZE + GAP + 1, 2.4).fill(CONDITION_COLORS.bridge);
    } else if (c === 'root_canal') {
      drawRootCanal(doc, cx, rootY, rootDir);
    } else if (c === 'implant') {
      drawImplant(doc, cx, rootY, rootDir);
    }
  }
}

/** A filled canal along the root: a narrow wedge pointing away from the crown. */
function drawRootCanal(doc: Doc, cx: number, rootY: number, dir: number): void {
  doc
    .moveTo(cx - 2, rootY)
    .lineTo(cx + 2, rootY)
    .lineTo(cx, rootY + dir * 10)
    .closePath()
    .fill(CONDITION_COLORS.root_canal);
}

/** Screw threads where the root would be. */
function drawImplant(doc: Doc, cx: number, rootY: number, dir: number): void {
  for (let i = 0; i < 3; i++) {
    const ty = rootY + dir * (1.5 + i * 3.2);
    doc
      .moveTo(cx - 4.5 + i, ty)
      .lineTo(cx + 4.5 - i, ty)
      .lineWidth(1.6)
      .strokeColor(CONDITION_COLORS.implant)
      .stroke();
  }
}

/** Draws both arches (permanent outside, primary inside) at the current y; returns the height used. */
export function drawOdontogram(
  doc: Doc,
  opts: {
    left: number;
    width: number;
    teeth: DentalToothState[];
    numbering: NumberingSystem;
    lang: PdfLanguage;
  },
): number {
  const top = doc.y;
  const centerX = opts.left + opts.width / 2;
  const byTooth = new Map(opts.teeth.map((t) => [t.tooth, t]));
  const row0 = top + 30;
  const rowY = [row0, row0 + SIZE + 34, row0 + 2 * SIZE + 60, row0 + 3 * SIZE + 94];
  ROWS.forEach((row, r) => {
    const y = rowY[r] ?? top;
    const upper = r < 2;
    for (const tooth of row.teeth) {
      const x = centerX + offsetOf(tooth);
      drawTooth(
        doc,
        x,
        y,
        byTooth.get(tooth) ?? { tooth, conditions: [], surfaces: [], updatedAt: '' },
        upper,
      );
      const label = opts.numbering === 'universal' ? fdiToUniversal(tooth) : String(tooth);
      const labelY = row.numbersAbove ? y - 24 : y + SIZE + 16;
      doc
        .font('Helvetica')
        .fontSize(7.5)
        .fillColor(PDF_COLORS.muted)
        .text(label, x - 4, labelY, { width: SIZE + 8, align: 'center', lineBreak: false });
    }
  });
  const bottom = (rowY[3] ?? top) + SIZE + 30;
  const midY = ((rowY[1] ?? top) + SIZE + (rowY[2] ?? top)) / 2;
  doc
    .moveTo(centerX, top + 6)
    .lineTo(centerX, bottom - 4)
    .moveTo(opts.left, midY)
    .lineTo(opts.left + opts.width, midY)
    .lineWidth(0.5)
    .dash(2, { space: 2 })
    .strokeColor(PDF_COLORS.rule)
    .stroke()
    .undash();
  const words = DENTAL_WORDS[opts.lang];
  doc.font('Helvetica-Bold').fontSize(7).fillColor(PDF_COLORS.muted);
  doc.text(words.right.toUpperCase(), opts.left, midY - 11, { width: 60, lineBreak: false });
  doc.text(words.left.toUpperCase(), opts.left + opts.width - 60, midY - 11, {
    width: 60,
    align: 'right',
    lineBreak: false,
  });
  doc.x = opts.left;
  doc.y = bottom;
  return bottom - top;
}

/** Coloured swatches naming each condition, in rows across the page. */
export function drawLegend(doc: Doc, opts: { left: number; width: number; lang: PdfLanguage }): void {
  const words = DENTAL_WORDS[opts.lang];
  const entries = Object.entries(CONDITION_COLORS) as [Exclude<DentalCondition, 'healthy'>, string][];
  const perRow = 5;
  const cell = opts.width / perRow;
  const top = doc.y;
  entries.forEach(([condition, color], i) => {
    const x = opts.left + (i % perRow) * cell;
    const y = top + Math.floor(i / perRow) * 16;
    if (condition === 'missing' || condition === 'extracted') {
      doc
        .moveTo(x, y)
        .lineTo(x + 9, y + 9)
        .moveTo(x + 9, y)
        .lineTo(x, y + 9)
        .lineWidth(1.8)
        .strokeColor(color)
        .stroke();
    } else if (condition === 'crown') {
      doc.roundedRect(x, y, 9, 9, 2).lineWidth(1.6).strokeColor(color).stroke();
    } else if (condition === 'bridge') {
      doc.rect(x - 1, y + 3.3, 11, 2.4).fill(color);
    } else if (condition === 'root_canal') {
      drawRootCanal(doc, x + 4.5, y - 0.5, 1);
    } else if (condition === 'implant') {
      drawImplant(doc, x + 4.5, y, 1);
    } else {
      doc.rect(x, y, 9, 9).fill(color);
    }
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor(PDF_COLORS.ink)
      .text(words.conditions[condition], x + 14, y + 0.5, { width: cell - 16, lineBreak: false });
  });
  doc.x = opts.left;
  doc.y = top + Math.ceil(entries.length / perRow) * 16 + 6;
}
