import {
  type AssociateAccept,
  type AssociateRequest,
  decodeAssociateAccept,
  decodeAssociateRequest,
} from './associate-pdu.ts';
import { AbortReason, ByteCursor, PduError } from './byte-cursor.ts';

export const PduType = {
  AssociateRq: 0x01,
  AssociateAc: 0x02,
  AssociateRj: 0x03,
  PData: 0x04,
  ReleaseRq: 0x05,
  ReleaseRp: 0x06,
  Abort: 0x07,
} as const;

/** A-ASSOCIATE-RJ result/source/reason (PS3.8 9.3.4). */
export const Reject = {
  Permanent: 1,
  Transient: 2,
  SourceServiceUser: 1,
  SourceServiceProviderAcse: 2,
  SourceServiceProviderPresentation: 3,
  /** Reasons when the source is the service user. */
  NoReasonGiven: 1,
  ApplicationContextNotSupported: 2,
  CallingAeNotRecognized: 3,
  CalledAeNotRecognized: 7,
  /** Reason when the source is the ACSE provider. */
  ProtocolVersionNotSupported: 2,
  /** Reasons when the source is the presentation provider. */
  TemporaryCongestion: 1,
  LocalLimitExceeded: 2,
} as const;

export interface AssociateReject {
  result: number;
  source: number;
  reason: number;
}

/** One presentation data value: a fragment of a command or of a data set. */
export interface Pdv {
  contextId: number;
  isCommand: boolean;
  isLast: boolean;
  data: Buffer;
}

export type Pdu =
  | ({ type: 'associate-rq' } & AssociateRequest)
  | ({ type: 'associate-ac' } & AssociateAccept)
  | ({ type: 'associate-rj' } & AssociateReject)
  | { type: 'p-data'; pdvs: Pdv[] }
  | { type: 'release-rq' }
  | { type: 'release-rp' }
  | { type: 'abort'; source: number; reason: number };

function fourByteBody(type: number, b2: number, b3: number): Buffer {
  const pdu = Buffer.alloc(10);
  pdu.writeUInt8(type, 0);
  pdu.writeUInt32BE(4, 2);
  pdu.writeUInt8(b2, 8);
  pdu.writeUInt8(b3, 9);
  return pdu;
}

export function encodeAssociateReject(rj: AssociateReject): Buffer {
  const pdu = fourByteBody(PduType.AssociateRj, rj.source, rj.reason);
  pdu.writeUInt8(rj.result, 7);
  return pdu;
}

export function encodeReleaseRequest(): Buffer {
  return fourByteBody(PduType.ReleaseRq, 0, 0);
}

export function encodeReleaseResponse(): Buffer {
  return fourByteBody(PduType.ReleaseRp, 0, 0);
}

/** Source 0 = service user, 2 = service provider. */
export function encodeAbort(source: number, reason: number): Buffer {
  return fourByteBody(PduType.Abort, source, reason);
}

/** One P-DATA-TF PDU holding one PDV. */
export function encodePData(pdv: Pdv): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt8(PduType.PData, 0);
  header.writeUInt32BE(6 + pdv.data.length, 2);
  header.writeUInt32BE(2 + pdv.data.length, 6);
  header.writeUInt8(pdv.contextId, 10);
  header.writeUInt8((pdv.isCommand ? 1 : 0) | (pdv.isLast ? 2 : 0), 11);
  return Buffer.concat([header, pdv.data]);
}

function decodePData(body: Buffer): Pdv[] {
  const cursor = new ByteCursor(body);
  const pdvs: Pdv[] = [];
  while (cursor.remaining > 0) {
    const length = cursor.u32();
    if (length < 2) throw new PduError('PDV item shorter than its header');
    const item = cursor.slice(length);
    const contextId = item.u8();
    const control = item.u8();
    pdvs.push({
      contextId,
      isCommand: (control & 1) === 1,
      isLast: (control & 2) === 2,
      data: item.bytes(item.remaining),
    });
  }
  if (pdvs.length === 0) throw new PduError('P-DATA-TF without a PDV');
  return pdvs;
}

/** Decodes a PDU body (the bytes after the 6-byte header); throws PduError on malformed bytes. */
export function decodePdu(type: number, body: Buffer): Pdu {
  switch (type) {
    case PduType.AssociateRq:
      return { type: 'associate-rq', ...decodeAssociateRequest(body) };
    case PduType.AssociateAc:
      return { type: 'associate-ac', ...decodeAssociateAccept(body) };
    case PduType.PData:
      return { type: 'p-data', pdvs: decodePData(body) };
    case PduType.AssociateRj:
    case PduType.ReleaseRq:
    case PduType.ReleaseRp:
    case PduType.Abort: {
      if (body.length !== 4) throw new PduError(`PDU type ${type} must have a 4-byte body`);
      if (type === PduType.ReleaseRq) return { type: 'release-rq' };
      if (type === PduType.ReleaseRp) return { type: 'release-rp' };
      if (type === PduType.Abort) return { type: 'abort', source: body[2]!, reason: body[3]! };
      return { type: 'associate-rj', result: body[1]!, source: body[2]!, reason: body[3]! };
    }
    default:
      throw new PduError(`unknown PDU type 0x${type.toString(16)}`, AbortReason.UnrecognizedPdu);
  }
}
