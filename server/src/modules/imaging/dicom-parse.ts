import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import { type ByteSource, bufferSource } from './byte-source.ts';
import { ASCII, charsetDecoder } from './dicom-charset.ts';
import { DICOMWEB_BASE_TOKEN, type DicomJson, type DicomJsonElement } from './dicom-json.ts';
import { TAG, TRANSFER_SYNTAX, tagKey, tagLabel } from './dicom-tags.ts';
import { isTextVr, littleEndianBytes, numericValues, textValues } from './dicom-values.ts';
import { BINARY_VRS, hasLongHeader, implicitVr, isKnownVr } from './dicom-vr.ts';

const inflate = promisify(inflateRaw);

/** Why a file cannot be stored, in a sentence a person can act on. */
export class DicomParseError extends Error {}

/** Where an element's value lies in the parsed bytes (the file, or the inflated dataset of a deflated file). */
export type ByteSpan = { offset: number; length: number };
export type BulkElement = ByteSpan & { path: string; vr: string };
export type PixelDataLocation = ByteSpan & {
  vr: string;
  encapsulated: boolean;
  /** Fragments of encapsulated pixel data (value bytes only); empty for native pixel data. */
  fragments: ByteSpan[];
  /** The Basic Offset Table's entries, when the encoder filled it. */
  basicOffsets: number[];
};

export type ParsedDicom = {
  transferSyntaxUid: string;
  /** Where the dataset (after the file meta information) begins in the file. */
  datasetOffset: number;
  meta: DicomJson;
  /** The dataset in DICOM JSON, bulk values as BulkDataURIs under DICOMWEB_BASE_TOKEN + `/bulk/<path>`. */
  dataset: DicomJson;
  bulk: BulkElement[];
  pixelData: PixelDataLocation | null;
  /** Present for deflated files: the inflated dataset, which the spans above point into. */
  inflated: Buffer | null;
  /** Where each top-level element lies, header included (for rewriting a few of them in place). */
  topLevel: { tag: number; start: number; end: number }[];
  warnings: string[];
};

export type ParseLimits = {
  /** Binary values up to this size are inlined (base64); larger ones become bulk data. */
  inlineBinaryMax: number;
  /** A deflated dataset may not inflate past this many bytes (a zip bomb stops here). */
  maxInflatedBytes: number;
  maxDepth: number;
  maxElements: number;
};

export const DEFAULT_LIMITS: ParseLimits = {
  inlineBinaryMax: 256,
  maxInflatedBytes: 512 * 1024 * 1024,
  maxDepth: 16,
  maxElements: 200_000,
};

const UNDEFINED = 0xffffffff;
const WINDOW = 256 * 1024;
/** Text values past this size are served as bulk data rather than cached in the metadata. */
const TEXT_BULK_MIN = 1024 * 1024;

type Syntax = { explicit: boolean; little: boolean };

class Reader {
  private window: Buffer = Buffer.alloc(0);
  private start = 0;
  constructor(readonly source: ByteSource) {}

  /** The window, holding at least `length` bytes from `offset`, and where `offset` sits in it. */
  async at(offset: number, length: number): Promise<{ buf: Buffer; pos: number }> {
    if (offset < this.start || offset + length > this.start + this.window.length) {
      if (offset + length > this.source.size)
        throw new DicomParseError(
          `the file ends at byte ${this.source.size}, inside an element that starts at byte ${offset}`,
        );
      this.window = await this.source.read(offset, Math.max(length, WINDOW));
      this.start = offset;
    }
    return { buf: this.window, pos: offset - this.start };
  }
}

type Header = { tag: number; vr: string; length: number; valueOffset: number };

class Parser {
  readonly bulk: BulkElement[] = [];
  readonly warnings: string[] = [];
  readonly topLevel: { tag: number; start: number; end: number }[] = [];
  pixelData: PixelDataLocation | null = null;
  private elements = 0;
  private decoder = ASCII;
  private signedPixels = false;

  constructor(
    private readonly reader: Reader,
    private readonly limits: ParseLimits,
  ) {}

  async header(offset: number, syntax: Syntax): Promise<Header> {
    const { buf, pos } = await this.reader.at(offset, 8);
    const group = syntax.little ? buf.readUInt16LE(pos) : buf.readUInt16BE(pos);
    const element = syntax.little ? buf.readUInt16LE(pos + 2) : buf.readUInt16BE(pos + 2);
    const tag = ((group << 16) | element) >>> 0;
    if (group === 0xfffe) {
      const length = syntax.little ? buf.readUInt32LE(pos + 4) : buf.readUInt32BE(pos + 4);
      return { tag, vr: '', length, valueOffset: offset + 8 };
    }
    if (!syntax.explicit) {
      const length = syntax.little ? buf.readUInt32LE(pos + 4) : buf.readUInt32BE(pos + 4);
      return { tag, vr: implicitVr(tag, this.signedPixels), length, valueOffset: offset + 8 };
    }
    const vr = String.fromCharCode(buf[pos + 4] ?? 0, buf[pos + 5] ?? 0);
    if (!isKnownVr(vr))
      throw new DicomParseError(`element ${tagLabel(tag)} at byte ${offset} has an unknown VR "${vr}"`);
    if (!hasLongHeader(vr)) {
      const length = syntax.little ? buf.readUInt16LE(pos + 6) : buf.readUInt16BE(pos + 6);
      return { tag, vr, length, valueOffset: offset + 8 };
    }
    const long = await this.reader.at(offset, 12);
    const length = syntax.little ? long.buf.readUInt32LE(long.pos + 8) : long.buf.readUInt32BE(long.pos + 8);
    return { tag, vr, length, valueOffset: offset + 12 };
  }

  /**
   * Parses elements from `offset` until `end` (a defined length), an item delimiter (undefined length,
   * `end` null), or the end of the source at the top level. Returns the dataset and where parsing stopped.
   */
  async dataset(
    offset: number,
    end: number | null,
    syntax: Syntax,
    depth: number,
    path: string,
  ): Promise<{ json: DicomJson; next: number }> {
    const json: DicomJson = {};
    const size = this.reader.source.size;
    const limit = end ?? size;
    let previous = -1;
    while (offset < limit) {
      if (depth === 0 && (await this.onlyPaddingFrom(offset))) break;
      if (offset + 8 > limit)
        throw new DicomParseError(`${limit - offset} stray bytes at byte ${offset}, after the last element`);
      const h = await this.header(offset, syntax);
      if (h.tag === TAG.ItemDelimitation) {
        if (end !== null || depth === 0)
          throw new DicomParseError(`an item delimiter at byte ${offset} closes nothing`);
        return { json, next: h.valueOffset };
      }
      if (h.tag === TAG.Item || h.tag === TAG.SequenceDelimitation)
        throw new DicomParseError(`an item tag at byte ${offset} stands where an element should`);
      if (++this.elements > this.limits.maxElements)
        throw new DicomParseError(`more than ${this.limits.maxElements} elements`);
      if (h.tag <= previous && this.warnings.length < 20)
        this.warnings.push(`element ${tagLabel(h.tag)} at byte ${offset} is out of order`);
      previous = h.tag;
      const start = offset;
      offset = await this.element(h, json, syntax, depth, path);
      if (depth === 0) this.topLevel.push({ tag: h.tag, start, end: offset });
    }
    if (end === null && depth > 0)
      throw new DicomParseError('the file ends inside an item with no delimiter');
    if (offset > limit)
      throw new DicomParseError(`an element runs past the end of its item at byte ${limit}`);
    return { json, next: offset };
  }

  /** Trailing zero bytes after the last element: some writers pad files; accepted with a warning. */
  private async onlyPaddingFrom(offset: number): Promise<boolean> {
    const size = this.reader.source.size;
    if (size - offset > 64) return false;
    const { buf, pos } = await this.reader.at(offset, size - offset);
    for (let i = pos; i < pos + size - offset; i++) if (buf[i] !== 0) return false;
    this.warnings.push(`${size - offset} zero bytes of padding after the dataset`);
    return true;
  }

  private async element(h: Header, json: DicomJson, syntax: Syntax, depth: number, path: string) {
    const key = tagKey(h.tag);
    const elementPath = path ? `${path}.${key}` : key;
    const size = this.reader.source.size;
    if (h.length !== UNDEFINED && h.valueOffset + h.length > size)
      throw new DicomParseError(
        `element ${tagLabel(h.tag)} claims ${h.length} bytes at byte ${h.valueOffset}, but only ${size - h.valueOffset} remain`,
      );
    if (h.tag === TAG.PixelData && depth === 0) return this.pixel(h, json, key, syntax);
    if (h.vr === 'SQ' || (h.length === UNDEFINED && (h.vr === 'UN' || !syntax.explicit))) {
      // Undefined-length UN holds an implicit little-endian sequence (PS3.5 6.2.2).
      const inner = h.vr === 'SQ' ? syntax : { explicit: false, little: true };
      const { items, next } = await this.sequence(h, inner, depth, elementPath);
      json[key] = items.length ? { vr: 'SQ', Value: items } : { vr: 'SQ' };
      return next;
    }
    if (h.length === UNDEFINED)
      throw new DicomParseError(
        `element ${tagLabel(h.tag)} has an undefined length, which only sequences may`,
      );
    if (h.length % 2 && this.warnings.length < 20)
      this.warnings.push(`element ${tagLabel(h.tag)} has an odd length (${h.length})`);
    const next = h.valueOffset + h.length;
    if (BINARY_VRS.has(h.vr) || (isTextVr(h.vr) && h.length >= TEXT_BULK_MIN)) {
      if (h.length > this.limits.inlineBinaryMax || !BINARY_VRS.has(h.vr)) {
        this.bulk.push({ path: elementPath, vr: h.vr, offset: h.valueOffset, length: h.length });
        json[key] = { vr: h.vr, BulkDataURI: `${DICOMWEB_BASE_TOKEN}/bulk/${elementPath}` };
      } else {
        const { buf, pos } = await this.reader.at(h.valueOffset, h.length);
        const bytes = littleEndianBytes(h.vr, buf.subarray(pos, pos + h.length), syntax.little);
        json[key] = h.length ? { vr: h.vr, InlineBinary: bytes.toString('base64') } : { vr: h.vr };
      }
      return next;
    }
    const { buf, pos } = await this.reader.at(h.valueOffset, h.length);
    const bytes = buf.subarray(pos, pos + h.length);
    const element: DicomJsonElement = { vr: h.vr };
    const values = isTextVr(h.vr)
      ? textValues(
          h.vr,
          (h.vr === 'UI' || h.vr === 'CS' || h.vr === 'DA' ? ASCII : this.decoder).decode(bytes),
        )
      : numericValues(h.vr, bytes, syntax.little);
    if (values.length) element.Value = values;
    json[key] = element;
    if (depth === 0 && h.tag === TAG.SpecificCharacterSet)
      this.decoder = charsetDecoder(values.map((v) => v ?? '').join('\\'));
    if (depth === 0 && h.tag === TAG.PixelRepresentation) this.signedPixels = values[0] === 1;
    return next;
  }

  private async sequence(h: Header, syntax: Syntax, depth: number, path: string) {
    if (depth + 1 > this.limits.maxDepth)
      throw new DicomParseError(`sequences nest deeper than ${this.limits.maxDepth} levels`);
    const items: DicomJson[] = [];
    const end = h.length === UNDEFINED ? null : h.valueOffset + h.length;
    let offset = h.valueOffset;
    for (;;) {
      if (end !== null && offset >= end) return { items, next: offset };
      const item = await this.header(offset, { ...syntax, explicit: false });
      if (item.tag === TAG.SequenceDelimitation && end === null) return { items, next: item.valueOffset };
      if (item.tag !== TAG.Item)
        throw new DicomParseError(
          `sequence ${tagLabel(h.tag)} holds something other than items at byte ${offset}`,
        );
      const itemEnd = item.length === UNDEFINED ? null : item.valueOffset + item.length;
      if (itemEnd !== null && end !== null && itemEnd > end)
        throw new DicomParseError(`an item of ${tagLabel(h.tag)} runs past the end of its sequence`);
      const parsed = await this.dataset(
        item.valueOffset,
        itemEnd,
        syntax,
        depth + 1,
        `${path}.${items.length}`,
      );
      items.push(parsed.json);
      offset = parsed.next;
    }
  }

  private async pixel(h: Header, json: DicomJson, key: string, syntax: Syntax): Promise<number> {
    json[key] = { vr: h.vr, BulkDataURI: `${DICOMWEB_BASE_TOKEN}/bulk/${key}` };
    if (h.length !== UNDEFINED) {
      this.bulk.push({ path: key, vr: h.vr, offset: h.valueOffset, length: h.length });
      this.pixelData = {
        vr: h.vr,
        encapsulated: false,
        offset: h.valueOffset,
        length: h.length,
        fragments: [],
        basicOffsets: [],
      };
      return h.valueOffset + h.length;
    }
    const fragments: ByteSpan[] = [];
    let basicOffsets: number[] = [];
    let offset = h.valueOffset;
    const little = { explicit: false, little: syntax.little };
    for (let index = 0; ; index++) {
      const item = await this.header(offset, little);
      if (item.tag === TAG.SequenceDelimitation) {
        offset = item.valueOffset;
        break;
      }
      if (item.tag !== TAG.Item || item.length === UNDEFINED)
        throw new DicomParseError(
          `encapsulated pixel data holds something other than fragments at byte ${offset}`,
        );
      if (item.valueOffset + item.length > this.reader.source.size)
        throw new DicomParseError(`a pixel data fragment at byte ${offset} runs past the end of the file`);
      if (index === 0) {
        basicOffsets = await this.offsetTable(item.valueOffset, item.length);
      } else {
        if (fragments.length >= this.limits.maxElements)
          throw new DicomParseError(`more than ${this.limits.maxElements} pixel data fragments`);
        fragments.push({ offset: item.valueOffset, length: item.length });
      }
      offset = item.valueOffset + item.length;
    }
    this.pixelData = {
      vr: h.vr,
      encapsulated: true,
      offset: h.valueOffset,
      length: offset - h.valueOffset,
      fragments,
      basicOffsets,
    };
    return offset;
  }

  private async offsetTable(offset: number, length: number): Promise<number[]> {
    if (length % 4)
      throw new DicomParseError('the basic offset table has a length that is not a multiple of 4');
    const { buf, pos } = await this.reader.at(offset, length);
    const entries: number[] = [];
    for (let i = 0; i < length; i += 4) entries.push(buf.readUInt32LE(pos + i));
    return entries;
  }
}

/** The file meta information: group 0002, always explicit VR little endian, after the 128-byte preamble. */
async function parseMeta(reader: Reader, parser: Parser): Promise<{ meta: DicomJson; end: number }> {
  if (reader.source.size < 132)
    throw new DicomParseError('not a DICOM file: it is shorter than the 132-byte preamble and prefix');
  const { buf, pos } = await reader.at(128, 4);
  if (buf.toString('latin1', pos, pos + 4) !== 'DICM')
    throw new DicomParseError('not a DICOM Part 10 file: there is no "DICM" prefix at byte 128');
  const meta: DicomJson = {};
  let offset = 132;
  const syntax = { explicit: true, little: true };
  while (offset + 8 <= reader.source.size) {
    const peek = await reader.at(offset, 2);
    if (peek.buf.readUInt16LE(peek.pos) !== 0x0002) break;
    const h = await parser.header(offset, syntax);
    if (h.length === UNDEFINED || h.valueOffset + h.length > reader.source.size)
      throw new DicomParseError(`the file meta element ${tagLabel(h.tag)} has an impossible length`);
    const { buf: b, pos: p } = await reader.at(h.valueOffset, h.length);
    const bytes = b.subarray(p, p + h.length);
    const values = isTextVr(h.vr)
      ? textValues(h.vr, ASCII.decode(bytes))
      : BINARY_VRS.has(h.vr)
        ? []
        : numericValues(h.vr, bytes, true);
    meta[tagKey(h.tag)] = values.length ? { vr: h.vr, Value: values } : { vr: h.vr };
    offset = h.valueOffset + h.length;
  }
  return { meta, end: offset };
}

/**
 * Reads a DICOM Part 10 file: its meta information, its dataset as DICOM JSON (without reading bulk data),
 * and where its pixel data and other bulk values lie. Throws DicomParseError for anything unreadable.
 */
export async function parseDicom(
  source: ByteSource,
  limits: ParseLimits = DEFAULT_LIMITS,
): Promise<ParsedDicom> {
  const reader = new Reader(source);
  const { meta, end } = await parseMeta(reader, new Parser(reader, limits));
  const transferSyntaxUid = String(meta[tagKey(TAG.TransferSyntaxUid)]?.Value?.[0] ?? '');
  if (!transferSyntaxUid)
    throw new DicomParseError('the file meta information has no Transfer Syntax UID (0002,0010)');
  let parser: Parser;
  let start = end;
  let inflated: Buffer | null = null;
  if (transferSyntaxUid === TRANSFER_SYNTAX.Deflated) {
    const compressed = await source.read(end, source.size - end);
    try {
      inflated = await inflate(compressed, { maxOutputLength: limits.maxInflatedBytes });
    } catch (err) {
      throw new DicomParseError(
        (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
          ? `the deflated dataset inflates past ${limits.maxInflatedBytes} bytes`
          : 'the deflated dataset cannot be inflated',
      );
    }
    parser = new Parser(new Reader(bufferSource(inflated)), limits);
    start = 0;
  } else {
    parser = new Parser(reader, limits);
  }
  const syntax: Syntax = {
    explicit: transferSyntaxUid !== TRANSFER_SYNTAX.ImplicitLittle,
    little: transferSyntaxUid !== TRANSFER_SYNTAX.ExplicitBig,
  };
  try {
    const { json } = await parser.dataset(start, null, syntax, 0, '');
    return {
      transferSyntaxUid,
      datasetOffset: end,
      meta,
      dataset: json,
      bulk: parser.bulk,
      pixelData: parser.pixelData,
      inflated,
      topLevel: parser.topLevel,
      warnings: parser.warnings,
    };
  } catch (err) {
    if (err instanceof RangeError) throw new DicomParseError(`the dataset is malformed (${err.message})`);
    throw err;
  }
}

/** A bare dataset (no preamble or meta group) in a given transfer syntax, e.g. a DIMSE query identifier. */
export async function parseDataset(
  bytes: Buffer,
  transferSyntaxUid: string,
  limits: ParseLimits = DEFAULT_LIMITS,
) {
  const parser = new Parser(new Reader(bufferSource(bytes)), limits);
  const syntax: Syntax = {
    explicit: transferSyntaxUid !== TRANSFER_SYNTAX.ImplicitLittle,
    little: transferSyntaxUid !== TRANSFER_SYNTAX.ExplicitBig,
  };
  try {
    return (await parser.dataset(0, null, syntax, 0, '')).json;
  } catch (err) {
    if (err instanceof RangeError) throw new DicomParseError(`the dataset is malformed (${err.message})`);
    throw err;
  }
}
