import { isBigEndian, isImplicitVr } from './transfer-syntaxes.ts';

/** Failed SOP Instance UID List, returned in the final C-MOVE/C-GET response. */
export const failedSopInstanceUidListTag = 0x00080058;

const longLengthVrs = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

/** A one-element data set holding a UI value (multi-valued with backslashes), in an uncompressed syntax. */
export function encodeUidElement(tag: number, uids: readonly string[], transferSyntaxUid: string): Buffer {
  let text = uids.join('\\');
  if (text.length % 2 === 1) text += '\0';
  const value = Buffer.from(text, 'latin1');
  const big = isBigEndian(transferSyntaxUid);
  const implicit = isImplicitVr(transferSyntaxUid);
  const header = Buffer.alloc(8);
  const u16 = (v: number, at: number) => (big ? header.writeUInt16BE(v, at) : header.writeUInt16LE(v, at));
  u16(tag >>> 16, 0);
  u16(tag & 0xffff, 2);
  if (implicit) header.writeUInt32LE(value.length, 4);
  else {
    header.write('UI', 4, 'latin1');
    u16(value.length, 6);
  }
  return Buffer.concat([header, value]);
}

/**
 * Finds a top-level string element in a flat data set (uncompressed syntaxes), for the few
 * values this layer reads from response data sets. Stops at the first undefined length.
 */
export function readStringElement(
  dataSet: Buffer,
  transferSyntaxUid: string,
  tag: number,
): string | undefined {
  const big = isBigEndian(transferSyntaxUid);
  const implicit = isImplicitVr(transferSyntaxUid);
  const u16 = (at: number) => (big ? dataSet.readUInt16BE(at) : dataSet.readUInt16LE(at));
  const u32 = (at: number) => (big ? dataSet.readUInt32BE(at) : dataSet.readUInt32LE(at));
  let offset = 0;
  while (offset + 8 <= dataSet.length) {
    const current = ((u16(offset) << 16) | u16(offset + 2)) >>> 0;
    let length: number;
    let valueAt: number;
    const vr = dataSet.toString('latin1', offset + 4, offset + 6);
    if (implicit) {
      length = u32(offset + 4);
      valueAt = offset + 8;
    } else if (longLengthVrs.has(vr)) {
      if (offset + 12 > dataSet.length) return undefined;
      length = u32(offset + 8);
      valueAt = offset + 12;
    } else {
      length = u16(offset + 6);
      valueAt = offset + 8;
    }
    if (length === 0xffffffff || valueAt + length > dataSet.length) return undefined;
    if (current === tag) return dataSet.toString('latin1', valueAt, valueAt + length).replace(/[\0 ]+$/, '');
    if (current > tag) return undefined;
    offset = valueAt + length;
  }
  return undefined;
}
