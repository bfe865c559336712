import { PduError } from './byte-cursor.ts';

export const CommandField = {
  CStoreRq: 0x0001,
  CStoreRsp: 0x8001,
  CGetRq: 0x0010,
  CGetRsp: 0x8010,
  CFindRq: 0x0020,
  CFindRsp: 0x8020,
  CMoveRq: 0x0021,
  CMoveRsp: 0x8021,
  CEchoRq: 0x0030,
  CEchoRsp: 0x8030,
  CCancelRq: 0x0fff,
} as const;

export const noDataSet = 0x0101;
export const dataSetPresent = 0x0000;
export const Priority = { Medium: 0, High: 1, Low: 2 } as const;

/** A DIMSE command set (group 0000) as named fields. */
export interface Command {
  commandField: number;
  commandDataSetType: number;
  affectedSopClassUid?: string;
  requestedSopClassUid?: string;
  messageId?: number;
  messageIdBeingRespondedTo?: number;
  moveDestination?: string;
  priority?: number;
  status?: number;
  offendingElement?: number[];
  errorComment?: string;
  errorId?: number;
  affectedSopInstanceUid?: string;
  requestedSopInstanceUid?: string;
  remainingSubOperations?: number;
  completedSubOperations?: number;
  failedSubOperations?: number;
  warningSubOperations?: number;
  moveOriginatorAeTitle?: string;
  moveOriginatorMessageId?: number;
}

type Vr = 'UI' | 'US' | 'AE' | 'LO' | 'AT';

const elements: ReadonlyArray<readonly [number, Vr, keyof Command]> = [
  [0x0002, 'UI', 'affectedSopClassUid'],
  [0x0003, 'UI', 'requestedSopClassUid'],
  [0x0100, 'US', 'commandField'],
  [0x0110, 'US', 'messageId'],
  [0x0120, 'US', 'messageIdBeingRespondedTo'],
  [0x0600, 'AE', 'moveDestination'],
  [0x0700, 'US', 'priority'],
  [0x0800, 'US', 'commandDataSetType'],
  [0x0900, 'US', 'status'],
  [0x0901, 'AT', 'offendingElement'],
  [0x0902, 'LO', 'errorComment'],
  [0x0903, 'US', 'errorId'],
  [0x1000, 'UI', 'affectedSopInstanceUid'],
  [0x1001, 'UI', 'requestedSopInstanceUid'],
  [0x1020, 'US', 'remainingSubOperations'],
  [0x1021, 'US', 'completedSubOperations'],
  [0x1022, 'US', 'failedSubOperations'],
  [0x1023, 'US', 'warningSubOperations'],
  [0x1030, 'AE', 'moveOriginatorAeTitle'],
  [0x1031, 'US', 'moveOriginatorMessageId'],
];

const byElement = new Map(elements.map((e) => [e[0], e] as const));

function element(elementNumber: number, value: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt16LE(0x0000, 0);
  header.writeUInt16LE(elementNumber, 2);
  header.writeUInt32LE(value.length, 4);
  return Buffer.concat([header, value]);
}

function encodeValue(vr: Vr, value: Command[keyof Command]): Buffer {
  if (vr === 'US') {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(value as number, 0);
    return b;
  }
  if (vr === 'AT') {
    const tags = value as number[];
    const b = Buffer.alloc(tags.length * 4);
    tags.forEach((tag, i) => {
      b.writeUInt16LE(tag >>> 16, i * 4);
      b.writeUInt16LE(tag & 0xffff, i * 4 + 2);
    });
    return b;
  }
  let text = String(value);
  if (text.length % 2 === 1) text += vr === 'UI' ? '\0' : ' ';
  return Buffer.from(text, 'latin1');
}

/** Implicit VR Little Endian, elements in ascending order, led by CommandGroupLength. */
export function encodeCommand(command: Command): Buffer {
  const parts: Buffer[] = [];
  for (const [elementNumber, vr, key] of elements) {
    const value = command[key];
    if (value === undefined) continue;
    parts.push(element(elementNumber, encodeValue(vr, value)));
  }
  const body = Buffer.concat(parts);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(body.length, 0);
  return Buffer.concat([element(0x0000, length), body]);
}

function decodeValue(vr: Vr, value: Buffer): string | number | number[] {
  if (vr === 'US') {
    if (value.length !== 2) throw new PduError('command element of VR US must be 2 bytes');
    return value.readUInt16LE(0);
  }
  if (vr === 'AT') {
    const tags: number[] = [];
    for (let i = 0; i + 4 <= value.length; i += 4) {
      tags.push(((value.readUInt16LE(i) << 16) | value.readUInt16LE(i + 2)) >>> 0);
    }
    return tags;
  }
  return value
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '');
}

export function decodeCommand(bytes: Buffer): Command {
  const out: Record<string, string | number | number[]> = {};
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + 8 > bytes.length) throw new PduError('truncated command element');
    const group = bytes.readUInt16LE(offset);
    const elementNumber = bytes.readUInt16LE(offset + 2);
    const length = bytes.readUInt32LE(offset + 4);
    offset += 8;
    if (group !== 0x0000) throw new PduError('command set holds an element outside group 0000');
    if (length > bytes.length - offset) throw new PduError('command element runs past the command set');
    const known = byElement.get(elementNumber);
    if (known) out[known[2]] = decodeValue(known[1], bytes.subarray(offset, offset + length));
    offset += length;
  }
  if (typeof out.commandField !== 'number') throw new PduError('command set without CommandField');
  if (typeof out.commandDataSetType !== 'number') out.commandDataSetType = noDataSet;
  return out as unknown as Command;
}

export function hasDataSet(command: Command): boolean {
  return command.commandDataSetType !== noDataSet;
}
