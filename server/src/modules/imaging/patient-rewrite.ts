import { TAG, TRANSFER_SYNTAX } from './dicom-tags.ts';

export type Splice = { start: number; end: number; bytes: Buffer };

type Element = { tag: number; start: number; end: number };

/** A short-header text element (PN, LO) encoded in the file's transfer syntax, padded to an even length. */
function encodeText(tag: number, vr: string, text: string, syntaxUid: string, utf8: boolean): Buffer {
  let value = Buffer.from(text, utf8 ? 'utf8' : 'latin1');
  if (value.length % 2) value = Buffer.concat([value, Buffer.from(' ')]);
  const group = tag >>> 16;
  const element = tag & 0xffff;
  if (syntaxUid === TRANSFER_SYNTAX.ImplicitLittle) {
    const header = Buffer.alloc(8);
    header.writeUInt16LE(group, 0);
    header.writeUInt16LE(element, 2);
    header.writeUInt32LE(value.length, 4);
    return Buffer.concat([header, value]);
  }
  const big = syntaxUid === TRANSFER_SYNTAX.ExplicitBig;
  const header = Buffer.alloc(8);
  if (big) {
    header.writeUInt16BE(group, 0);
    header.writeUInt16BE(element, 2);
    header.write(vr, 4, 'latin1');
    header.writeUInt16BE(value.length, 6);
  } else {
    header.writeUInt16LE(group, 0);
    header.writeUInt16LE(element, 2);
    header.write(vr, 4, 'latin1');
    header.writeUInt16LE(value.length, 6);
  }
  return Buffer.concat([header, value]);
}

/**
 * The byte edits that put a new Patient ID and Patient's Name into a file: each element replaced where it is,
 * or inserted in tag order when missing; group 0010's length element, if any, dropped (it is optional and
 * would no longer be right). Null for a deflated file, whose dataset cannot be edited in place.
 */
export function patientSplices(
  topLevel: readonly Element[],
  syntaxUid: string,
  utf8: boolean,
  values: { patientId: string; patientName: string },
  datasetEnd: number,
): Splice[] | null {
  if (syntaxUid === TRANSFER_SYNTAX.Deflated) return null;
  const wanted: [number, string, string][] = [
    [TAG.PatientName, 'PN', values.patientName],
    [TAG.PatientId, 'LO', values.patientId],
  ];
  const splices: Splice[] = [];
  const groupLength = topLevel.find((e) => e.tag === 0x00100000);
  if (groupLength) splices.push({ start: groupLength.start, end: groupLength.end, bytes: Buffer.alloc(0) });
  for (const [tag, vr, text] of wanted) {
    const bytes = encodeText(tag, vr, text, syntaxUid, utf8);
    const existing = topLevel.find((e) => e.tag === tag);
    if (existing) {
      splices.push({ start: existing.start, end: existing.end, bytes });
      continue;
    }
    const at = topLevel.find((e) => e.tag > tag)?.start ?? datasetEnd;
    splices.push({ start: at, end: at, bytes });
  }
  return splices.sort((a, b) => a.start - b.start || a.end - b.end);
}
