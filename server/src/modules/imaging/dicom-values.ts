import type { DicomJsonValue, PersonName } from './dicom-json.ts';

/** VRs whose value is one text that may contain backslashes (never split into several values). */
const SINGLE_TEXT_VRS = new Set(['LT', 'ST', 'UT', 'UR']);
const TEXT_VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'PN', 'SH', 'TM', 'UC', 'UI']);

export function isTextVr(vr: string): boolean {
  return TEXT_VRS.has(vr) || SINGLE_TEXT_VRS.has(vr);
}

function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x00) break;
    end--;
  }
  return end === text.length ? text : text.slice(0, end);
}

function personName(text: string): PersonName | null {
  if (text === '') return null;
  const [alphabetic, ideographic, phonetic] = text.split('=');
  const name: PersonName = {};
  if (alphabetic) name.Alphabetic = alphabetic;
  if (ideographic) name.Ideographic = ideographic;
  if (phonetic) name.Phonetic = phonetic;
  return name;
}

function numberOrText(text: string): number | string | null {
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

/** The JSON values of a text element (after character-set decoding). Empty → no values. */
export function textValues(vr: string, text: string): DicomJsonValue[] {
  const whole = trimEnd(text);
  if (whole === '') return [];
  if (SINGLE_TEXT_VRS.has(vr)) return [whole];
  const parts = whole.split('\\').map((p) => p.trim());
  if (vr === 'PN') return parts.map(personName);
  if (vr === 'DS' || vr === 'IS') return parts.map(numberOrText);
  return parts.map((p) => (p === '' ? null : p));
}

/** The JSON values of a binary numeric element. */
export function numericValues(vr: string, bytes: Buffer, little: boolean): DicomJsonValue[] {
  const out: DicomJsonValue[] = [];
  const read = (size: number, at: (offset: number) => DicomJsonValue) => {
    for (let o = 0; o + size <= bytes.length; o += size) out.push(at(o));
  };
  switch (vr) {
    case 'US':
      read(2, (o) => (little ? bytes.readUInt16LE(o) : bytes.readUInt16BE(o)));
      break;
    case 'SS':
      read(2, (o) => (little ? bytes.readInt16LE(o) : bytes.readInt16BE(o)));
      break;
    case 'UL':
      read(4, (o) => (little ? bytes.readUInt32LE(o) : bytes.readUInt32BE(o)));
      break;
    case 'SL':
      read(4, (o) => (little ? bytes.readInt32LE(o) : bytes.readInt32BE(o)));
      break;
    case 'FL':
      read(4, (o) => (little ? bytes.readFloatLE(o) : bytes.readFloatBE(o)));
      break;
    case 'FD':
      read(8, (o) => (little ? bytes.readDoubleLE(o) : bytes.readDoubleBE(o)));
      break;
    case 'SV':
    case 'UV':
      read(8, (o) => {
        const big =
          vr === 'SV'
            ? little
              ? bytes.readBigInt64LE(o)
              : bytes.readBigInt64BE(o)
            : little
              ? bytes.readBigUInt64LE(o)
              : bytes.readBigUInt64BE(o);
        const n = Number(big);
        return Number.isSafeInteger(n) ? n : big.toString();
      });
      break;
    case 'AT':
      read(4, (o) => {
        const group = little ? bytes.readUInt16LE(o) : bytes.readUInt16BE(o);
        const element = little ? bytes.readUInt16LE(o + 2) : bytes.readUInt16BE(o + 2);
        return ((group << 16) | element).toString(16).toUpperCase().padStart(8, '0');
      });
      break;
  }
  return out;
}

const WORD_SIZE: Record<string, number> = { OW: 2, OF: 4, OL: 4, OD: 8, OV: 8 };

/** A binary value in little-endian order (JSON's InlineBinary and bulk data are little endian). */
export function littleEndianBytes(vr: string, bytes: Buffer, little: boolean): Buffer {
  const size = WORD_SIZE[vr];
  if (little || !size || bytes.length % size) return bytes;
  const copy = Buffer.from(bytes);
  if (size === 2) copy.swap16();
  else if (size === 4) copy.swap32();
  else copy.swap64();
  return copy;
}
