import type { DicomJson, DicomJsonValue, PersonName } from './dicom-json.ts';
import { TRANSFER_SYNTAX } from './dicom-tags.ts';
import { hasLongHeader } from './dicom-vr.ts';

type Syntax = { explicit: boolean; little: boolean };

export function syntaxOf(transferSyntaxUid: string): Syntax {
  return {
    explicit: transferSyntaxUid !== TRANSFER_SYNTAX.ImplicitLittle,
    little: transferSyntaxUid !== TRANSFER_SYNTAX.ExplicitBig,
  };
}

const NUMBER_SIZES: Record<string, number> = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8 };

function pad(bytes: Buffer, vr: string): Buffer {
  if (bytes.length % 2 === 0) return bytes;
  return Buffer.concat([bytes, Buffer.from([vr === 'UI' || vr === 'OB' || vr === 'UN' ? 0 : 0x20])]);
}

function personName(value: DicomJsonValue): string {
  if (value === null) return '';
  if (typeof value !== 'object') return String(value);
  const name = value as PersonName;
  return [name.Alphabetic ?? '', name.Ideographic ?? '', name.Phonetic ?? ''].join('=').replace(/=+$/, '');
}

function numbers(vr: string, values: DicomJsonValue[], little: boolean): Buffer {
  const size = NUMBER_SIZES[vr] ?? 0;
  const out = Buffer.alloc(size * values.length);
  values.forEach((v, i) => {
    const n = Number(v ?? 0);
    const at = i * size;
    const write = {
      US: () => (little ? out.writeUInt16LE(n, at) : out.writeUInt16BE(n, at)),
      SS: () => (little ? out.writeInt16LE(n, at) : out.writeInt16BE(n, at)),
      UL: () => (little ? out.writeUInt32LE(n, at) : out.writeUInt32BE(n, at)),
      SL: () => (little ? out.writeInt32LE(n, at) : out.writeInt32BE(n, at)),
      FL: () => (little ? out.writeFloatLE(n, at) : out.writeFloatBE(n, at)),
      FD: () => (little ? out.writeDoubleLE(n, at) : out.writeDoubleBE(n, at)),
    }[vr];
    write?.();
  });
  return out;
}

function header(tag: number, vr: string, length: number, syntax: Syntax): Buffer {
  const long = !syntax.explicit || hasLongHeader(vr);
  const out = Buffer.alloc(syntax.explicit && long ? 12 : 8);
  const u16 = (v: number, at: number) =>
    syntax.little ? out.writeUInt16LE(v, at) : out.writeUInt16BE(v, at);
  const u32 = (v: number, at: number) =>
    syntax.little ? out.writeUInt32LE(v, at) : out.writeUInt32BE(v, at);
  u16(tag >>> 16, 0);
  u16(tag & 0xffff, 2);
  if (!syntax.explicit) u32(length, 4);
  else {
    out.write(vr, 4, 'latin1');
    if (long) u32(length, 8);
    else u16(length, 6);
  }
  return out;
}

function item(content: Buffer, syntax: Syntax): Buffer {
  const head = Buffer.alloc(8);
  if (syntax.little) {
    head.writeUInt16LE(0xfffe, 0);
    head.writeUInt16LE(0xe000, 2);
    head.writeUInt32LE(content.length, 4);
  } else {
    head.writeUInt16BE(0xfffe, 0);
    head.writeUInt16BE(0xe000, 2);
    head.writeUInt32BE(content.length, 4);
  }
  return Buffer.concat([head, content]);
}

/**
 * A dataset in DICOM JSON encoded in a transfer syntax (implicit/explicit little endian, explicit big endian):
 * for query identifiers and answers, which hold text, numbers and sequences. Bulk data references are left
 * out. Text is written as UTF-8; pair it with SpecificCharacterSet ISO_IR 192 when it is not plain ASCII.
 */
export function encodeDataset(json: DicomJson, transferSyntaxUid: string): Buffer {
  return encode(json, syntaxOf(transferSyntaxUid));
}

function encode(json: DicomJson, syntax: Syntax): Buffer {
  const parts: Buffer[] = [];
  for (const key of Object.keys(json).sort()) {
    const element = json[key];
    if (!element || element.BulkDataURI) continue;
    const tag = Number.parseInt(key, 16);
    const { vr } = element;
    const values = element.Value ?? [];
    let value: Buffer;
    if (vr === 'SQ') {
      value = Buffer.concat(values.map((v) => item(encode((v ?? {}) as DicomJson, syntax), syntax)));
    } else if (element.InlineBinary !== undefined) {
      value = pad(Buffer.from(element.InlineBinary, 'base64'), vr);
    } else if (vr in NUMBER_SIZES) {
      value = numbers(vr, values, syntax.little);
    } else if (vr === 'AT') {
      value = Buffer.concat(
        values.map((v) => {
          const n = Number.parseInt(String(v), 16);
          const b = Buffer.alloc(4);
          if (syntax.little) {
            b.writeUInt16LE(n >>> 16, 0);
            b.writeUInt16LE(n & 0xffff, 2);
          } else {
            b.writeUInt16BE(n >>> 16, 0);
            b.writeUInt16BE(n & 0xffff, 2);
          }
          return b;
        }),
      );
    } else {
      const text = values.map((v) => (vr === 'PN' ? personName(v) : v === null ? '' : String(v))).join('\\');
      value = pad(Buffer.from(text, 'utf8'), vr);
    }
    parts.push(header(tag, vr, value.length, syntax), value);
  }
  return Buffer.concat(parts);
}

export type FileMeta = {
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  sourceAeTitle?: string;
};

export const IMPLEMENTATION_CLASS_UID = '1.2.826.0.1.3680043.10.1083.1';
export const IMPLEMENTATION_VERSION = 'CAREBASE';

/** The 128-byte preamble, "DICM" and the file meta information group of a Part 10 file. */
export function part10Header(meta: FileMeta): Buffer {
  const syntax = { explicit: true, little: true };
  const group = encode(
    {
      '00020001': { vr: 'OB', InlineBinary: Buffer.from([0, 1]).toString('base64') },
      '00020002': { vr: 'UI', Value: [meta.sopClassUid] },
      '00020003': { vr: 'UI', Value: [meta.sopInstanceUid] },
      '00020010': { vr: 'UI', Value: [meta.transferSyntaxUid] },
      '00020012': { vr: 'UI', Value: [IMPLEMENTATION_CLASS_UID] },
      '00020013': { vr: 'SH', Value: [IMPLEMENTATION_VERSION] },
      ...(meta.sourceAeTitle ? { '00020016': { vr: 'AE', Value: [meta.sourceAeTitle] } } : {}),
    },
    syntax,
  );
  const length = Buffer.alloc(4);
  length.writeUInt32LE(group.length);
  return Buffer.concat([
    Buffer.alloc(128),
    Buffer.from('DICM'),
    header(0x00020000, 'UL', 4, syntax),
    length,
    group,
  ]);
}
