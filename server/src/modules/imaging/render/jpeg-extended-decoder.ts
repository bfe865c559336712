import { jpegSegments, readJpegHeader } from './codestream-headers.ts';
import { buildHuffmanLookup, EntropyReader } from './jpeg-entropy.ts';
import { clamp, fillBlock, inverseDct, ZIGZAG } from './jpeg-idct.ts';
import { MalformedFrameError, UnsupportedPixelFormatError } from './pixel-description.ts';

/**
 * A sequential Huffman DCT decoder (ITU T.81 processes 1, 2 and 4) written for 12-bit JPEG (DICOM
 * 1.2.840.10008.1.2.4.51), which the 8-bit libjpeg-turbo build cannot read. Components come out interleaved
 * and unconverted (12-bit colour JPEG does not occur in practice), subsampled ones upsampled by replication.
 */

interface Component {
  id: number;
  h: number;
  v: number;
  quantTable: number;
  /** Decoded samples, padded to whole MCUs. */
  plane: Uint16Array;
  planeWidth: number;
  dcTable?: Uint16Array;
  acTable?: Uint16Array;
  predictor: number;
}

export function decodeExtendedJpeg(data: Uint8Array): Uint16Array {
  const header = readJpegHeader(data);
  if (header.marker !== 0xc0 && header.marker !== 0xc1)
    throw new UnsupportedPixelFormatError(
      `JPEG process with marker 0x${header.marker.toString(16)} at 12 bits`,
    );
  const { precision, rows, columns } = header;
  const quant: (Int32Array | undefined)[] = [];
  const dc: (Uint16Array | undefined)[] = [];
  const ac: (Uint16Array | undefined)[] = [];
  let components: Component[] = [];
  let mcusPerLine = 0;
  let mcusPerColumn = 0;
  let hMax = 1;
  let vMax = 1;
  let restartInterval = 0;
  let from = 2;
  let scans = 0;

  for (;;) {
    if (scans > 0 && from >= data.length - 1) break;
    let sos: { start: number; end: number } | undefined;
    for (const segment of jpegSegments(data, from)) {
      const { marker, start, end } = segment;
      if (marker === 0xdb) readQuantTables(data, start, end, quant);
      else if (marker === 0xc4) {
        for (let p = start; p < end; ) {
          const { lookup, end: next } = buildHuffmanLookup(data, p + 1);
          (data[p]! >> 4 === 0 ? dc : ac)[data[p]! & 3] = lookup;
          p = next;
        }
      } else if (marker === 0xdd) restartInterval = (data[start]! << 8) | data[start + 1]!;
      else if (marker === header.marker) {
        components = [];
        for (let c = 0, p = start + 6; c < header.components; c++, p += 3) {
          const h = data[p + 1]! >> 4;
          const v = data[p + 1]! & 15;
          if (h < 1 || h > 4 || v < 1 || v > 4)
            throw new MalformedFrameError('Invalid JPEG sampling factors');
          const quantTable = data[p + 2]! & 3;
          components.push({
            id: data[p]!,
            h,
            v,
            quantTable,
            plane: new Uint16Array(0),
            planeWidth: 0,
            predictor: 0,
          });
        }
        hMax = Math.max(...components.map((c) => c.h));
        vMax = Math.max(...components.map((c) => c.v));
        mcusPerLine = Math.ceil(columns / (8 * hMax));
        mcusPerColumn = Math.ceil(rows / (8 * vMax));
        for (const c of components) {
          c.planeWidth = mcusPerLine * c.h * 8;
          c.plane = new Uint16Array(c.planeWidth * mcusPerColumn * c.v * 8);
        }
      } else if (marker === 0xda) {
        sos = segment;
        break;
      }
    }
    if (!sos) break;
    if (components.length === 0) throw new MalformedFrameError('JPEG scan before its frame header');
    const scan: Component[] = [];
    for (let i = 0, p = sos.start + 1; i < data[sos.start]!; i++, p += 2) {
      const component = components.find((c) => c.id === data[p]);
      if (!component) throw new MalformedFrameError('JPEG scan names an unknown component');
      component.dcTable = dc[data[p + 1]! >> 4];
      component.acTable = ac[data[p + 1]! & 15];
      component.predictor = 0;
      scan.push(component);
    }
    const reader = new EntropyReader(data, sos.end);
    const context = {
      precision,
      rows,
      columns,
      quant,
      restartInterval,
      mcusPerLine,
      mcusPerColumn,
      hMax,
      vMax,
    };
    decodeScan(reader, scan, context);
    reader.checkNotStarved();
    from = reader.scanEnd();
    scans++;
  }
  if (scans === 0) throw new MalformedFrameError('JPEG stream without a scan');
  return interleave(components, rows, columns, hMax, vMax);
}

function readQuantTables(data: Uint8Array, start: number, end: number, quant: (Int32Array | undefined)[]) {
  for (let p = start; p < end; ) {
    const wide = data[p]! >> 4 === 1;
    const table = new Int32Array(64);
    for (let k = 0; k < 64; k++)
      table[k] = wide ? (data[p + 1 + 2 * k]! << 8) | data[p + 2 + 2 * k]! : data[p + 1 + k]!;
    quant[data[p]! & 3] = table;
    p += wide ? 129 : 65;
  }
}

interface ScanContext {
  precision: number;
  rows: number;
  columns: number;
  quant: (Int32Array | undefined)[];
  restartInterval: number;
  mcusPerLine: number;
  mcusPerColumn: number;
  hMax: number;
  vMax: number;
}

function decodeScan(reader: EntropyReader, scan: Component[], context: ScanContext): void {
  const { quant, restartInterval, mcusPerLine, mcusPerColumn, hMax, vMax } = context;
  const single = scan.length === 1 ? scan[0]! : undefined;
  // A scan of one component codes its blocks in raster order, covering only the component's own area.
  const blocksPerLine = single ? Math.ceil(Math.ceil((context.columns * single.h) / hMax) / 8) : mcusPerLine;
  const blockLines = single ? Math.ceil(Math.ceil((context.rows * single.v) / vMax) / 8) : mcusPerColumn;
  const units = blocksPerLine * blockLines;
  const coefficients = new Float64Array(64);
  const work = new Float64Array(64);
  const max = (1 << context.precision) - 1;
  const shift = 1 << (context.precision - 1);
  for (const c of scan)
    if (!c.dcTable || !c.acTable || !quant[c.quantTable])
      throw new MalformedFrameError('JPEG scan uses an undefined table');

  for (let unit = 0; unit < units; unit++) {
    if (restartInterval > 0 && unit > 0 && unit % restartInterval === 0) {
      reader.restart();
      for (const c of scan) c.predictor = 0;
    }
    const row = Math.floor(unit / blocksPerLine);
    const col = unit % blocksPerLine;
    for (const c of scan) {
      const table = quant[c.quantTable]!;
      const rowsInUnit = single ? 1 : c.v;
      const colsInUnit = single ? 1 : c.h;
      for (let y = 0; y < rowsInUnit; y++)
        for (let x = 0; x < colsInUnit; x++) {
          const ac = decodeBlock(reader, c, table, coefficients);
          const offset = ((row * rowsInUnit + y) * c.planeWidth + (col * colsInUnit + x)) * 8;
          if (ac) inverseDct(coefficients, work, c.plane, offset, c.planeWidth, shift, max);
          else fillBlock(c.plane, offset, c.planeWidth, clamp(Math.round(coefficients[0]! / 8 + shift), max));
        }
    }
  }
}

/** Decodes and dequantises one block; returns whether any AC coefficient is non-zero. */
function decodeBlock(reader: EntropyReader, c: Component, table: Int32Array, out: Float64Array): boolean {
  out.fill(0);
  let ac = false;
  c.predictor += reader.receiveExtend(reader.decode(c.dcTable!));
  out[0] = c.predictor * table[0]!;
  const acTable = c.acTable!;
  for (let k = 1; k < 64; ) {
    const rs = reader.decode(acTable);
    const size = rs & 15;
    if (size === 0) {
      if (rs !== 0xf0) break;
      k += 16;
      continue;
    }
    k += rs >> 4;
    if (k > 63) throw new MalformedFrameError('JPEG block has more than 64 coefficients');
    out[ZIGZAG[k]!] = reader.receiveExtend(size) * table[k]!;
    ac = true;
    k++;
  }
  return ac;
}

function interleave(components: Component[], rows: number, columns: number, hMax: number, vMax: number) {
  const n = components.length;
  const out = new Uint16Array(rows * columns * n);
  components.forEach((c, index) => {
    const hStep = c.h / hMax;
    const vStep = c.v / vMax;
    for (let y = 0; y < rows; y++) {
      const line = Math.floor(y * vStep) * c.planeWidth;
      for (let x = 0, o = y * columns * n + index; x < columns; x++, o += n)
        out[o] = c.plane[line + Math.floor(x * hStep)]!;
    }
  });
  return out;
}
