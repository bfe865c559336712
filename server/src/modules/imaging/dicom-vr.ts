import { createRequire } from 'node:module';

/** Value representations whose explicit-VR header has two reserved bytes and a four-byte length. */
const LONG_HEADER_VRS = new Set([
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'SQ',
  'SV',
  'UC',
  'UN',
  'UR',
  'UT',
  'UV',
]);
/** Binary values that go out as bulk data (or inline base64 when small) rather than as JSON values. */
export const BINARY_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);
const KNOWN_VRS = new Set([
  ...LONG_HEADER_VRS,
  ...['AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'PN', 'SH', 'SL', 'SS', 'ST'],
  ...['TM', 'UI', 'UL', 'US'],
]);

export function hasLongHeader(vr: string): boolean {
  return LONG_HEADER_VRS.has(vr);
}

export function isKnownVr(vr: string): boolean {
  return KNOWN_VRS.has(vr);
}

type DictionaryEntry = { vr: string };
let dictionary: Record<string, DictionaryEntry | undefined> | undefined;
const known = new Map<number, string | undefined>();

function lookup(tag: number): string | undefined {
  if (known.has(tag)) return known.get(tag);
  if (!dictionary) {
    // dcmjs carries the standard data dictionary; loaded on the first implicit-VR file only.
    const require = createRequire(import.meta.url);
    const dcmjs = require('dcmjs') as {
      data: { DicomMetaDictionary: { dictionary: Record<string, DictionaryEntry | undefined> } };
    };
    dictionary = dcmjs.data.DicomMetaDictionary.dictionary;
  }
  const hex = tag.toString(16).toUpperCase().padStart(8, '0');
  const key = `(${hex.slice(0, 4)},${hex.slice(4)})`;
  const entry =
    dictionary[key] ??
    // Repeating groups (curves, overlays) are listed with xx in the group.
    dictionary[`(${hex.slice(0, 2)}xx,${hex.slice(4)})`];
  known.set(tag, entry?.vr);
  return entry?.vr;
}

/**
 * The VR of an element in an implicit-VR dataset, from the data dictionary. Group lengths are UL, private
 * creators LO, and anything unknown UN. Where the standard allows two VRs, the pixel representation decides.
 */
export function implicitVr(tag: number, signedPixels: boolean): string {
  const element = tag & 0xffff;
  if (element === 0) return 'UL';
  const group = tag >>> 16;
  if (group & 1) return element >= 0x10 && element <= 0xff ? 'LO' : 'UN';
  const vr = lookup(tag);
  if (!vr) return 'UN';
  if (vr === 'ox' || vr === 'OB or OW') return 'OW';
  if (vr === 'xs' || vr === 'US or SS') return signedPixels ? 'SS' : 'US';
  if (vr.length !== 2 || !KNOWN_VRS.has(vr)) return vr.toLowerCase().includes('ow') ? 'OW' : 'UN';
  return vr;
}
