import { AbortReason, ByteCursor, PduError } from './byte-cursor.ts';

export const applicationContextName = '1.2.840.10008.3.1.1.1';
export const implementationClassUid = '2.25.70971544816583581901685252100157679338';
export const implementationVersionName = 'CAREBASE_DIMSE1';

/** Presentation context results in an A-ASSOCIATE-AC (PS3.8 9.3.3.2). */
export const ContextResult = {
  Acceptance: 0,
  UserRejection: 1,
  NoReason: 2,
  AbstractSyntaxNotSupported: 3,
  TransferSyntaxesNotSupported: 4,
} as const;

export interface ContextProposal {
  id: number;
  abstractSyntax: string;
  transferSyntaxes: string[];
}

export interface ContextAnswer {
  id: number;
  result: number;
  transferSyntax: string;
}

export interface RoleSelection {
  sopClassUid: string;
  scuRole: boolean;
  scpRole: boolean;
}

export interface UserInformation {
  /** 0 means no limit. */
  maxPduLength: number;
  implementationClassUid?: string;
  implementationVersionName?: string;
  roleSelections: RoleSelection[];
}

interface AssociateCommon {
  calledAeTitle: string;
  callingAeTitle: string;
  applicationContext: string;
  userInformation: UserInformation;
}

export interface AssociateRequest extends AssociateCommon {
  protocolVersion: number;
  presentationContexts: ContextProposal[];
}

export interface AssociateAccept extends AssociateCommon {
  presentationContexts: ContextAnswer[];
}

function item(type: number, body: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt8(type, 0);
  header.writeUInt16BE(body.length, 2);
  return Buffer.concat([header, body]);
}

function textItem(type: number, text: string): Buffer {
  return item(type, Buffer.from(text, 'latin1'));
}

function aeField(aeTitle: string): Buffer {
  return Buffer.from(aeTitle.padEnd(16, ' ').slice(0, 16), 'latin1');
}

function encodeUserInformation(info: UserInformation): Buffer {
  const max = Buffer.alloc(4);
  max.writeUInt32BE(info.maxPduLength, 0);
  const roles = info.roleSelections.map((r) => {
    const uid = Buffer.from(r.sopClassUid, 'latin1');
    const body = Buffer.alloc(4 + uid.length);
    body.writeUInt16BE(uid.length, 0);
    uid.copy(body, 2);
    body.writeUInt8(r.scuRole ? 1 : 0, 2 + uid.length);
    body.writeUInt8(r.scpRole ? 1 : 0, 3 + uid.length);
    return item(0x54, body);
  });
  return item(
    0x50,
    Buffer.concat([
      item(0x51, max),
      textItem(0x52, info.implementationClassUid ?? implementationClassUid),
      ...roles,
      textItem(0x55, info.implementationVersionName ?? implementationVersionName),
    ]),
  );
}

function encodeAssociate(
  type: 0x01 | 0x02,
  common: AssociateCommon,
  protocolVersion: number,
  contexts: Buffer[],
): Buffer {
  const fixed = Buffer.alloc(68);
  fixed.writeUInt16BE(protocolVersion, 0);
  aeField(common.calledAeTitle).copy(fixed, 4);
  aeField(common.callingAeTitle).copy(fixed, 20);
  const body = Buffer.concat([
    fixed,
    textItem(0x10, common.applicationContext),
    ...contexts,
    encodeUserInformation(common.userInformation),
  ]);
  const header = Buffer.alloc(6);
  header.writeUInt8(type, 0);
  header.writeUInt32BE(body.length, 2);
  return Buffer.concat([header, body]);
}

export function encodeAssociateRequest(rq: AssociateRequest): Buffer {
  const contexts = rq.presentationContexts.map((pc) =>
    item(
      0x20,
      Buffer.concat([
        Buffer.from([pc.id, 0, 0, 0]),
        textItem(0x30, pc.abstractSyntax),
        ...pc.transferSyntaxes.map((ts) => textItem(0x40, ts)),
      ]),
    ),
  );
  return encodeAssociate(0x01, rq, rq.protocolVersion, contexts);
}

export function encodeAssociateAccept(ac: AssociateAccept): Buffer {
  const contexts = ac.presentationContexts.map((pc) =>
    item(0x21, Buffer.concat([Buffer.from([pc.id, 0, pc.result, 0]), textItem(0x40, pc.transferSyntax)])),
  );
  return encodeAssociate(0x02, ac, 1, contexts);
}

function forEachItem(cursor: ByteCursor, visit: (type: number, body: ByteCursor) => void): void {
  while (cursor.remaining > 0) {
    const type = cursor.u8();
    cursor.u8();
    const length = cursor.u16();
    visit(type, cursor.slice(length));
  }
}

function decodeUserInformation(cursor: ByteCursor): UserInformation {
  const info: UserInformation = { maxPduLength: 0, roleSelections: [] };
  forEachItem(cursor, (type, body) => {
    if (type === 0x51) info.maxPduLength = body.u32();
    else if (type === 0x52) info.implementationClassUid = body.text(body.remaining);
    else if (type === 0x55) info.implementationVersionName = body.text(body.remaining).trim();
    else if (type === 0x54) {
      const uid = body.text(body.u16());
      info.roleSelections.push({ sopClassUid: uid, scuRole: body.u8() === 1, scpRole: body.u8() === 1 });
    }
    // 0x53 asynchronous operations window, 0x56-0x58 extended negotiation and user identity: not negotiated.
  });
  return info;
}

interface DecodedAssociate extends AssociateCommon {
  protocolVersion: number;
  proposals: ContextProposal[];
  answers: ContextAnswer[];
}

function decodeAssociate(body: Buffer): DecodedAssociate {
  const cursor = new ByteCursor(body);
  const protocolVersion = cursor.u16();
  cursor.u16();
  const calledAeTitle = cursor.text(16).trim();
  const callingAeTitle = cursor.text(16).trim();
  cursor.bytes(32);
  const out: DecodedAssociate = {
    protocolVersion,
    calledAeTitle,
    callingAeTitle,
    applicationContext: '',
    userInformation: { maxPduLength: 0, roleSelections: [] },
    proposals: [],
    answers: [],
  };
  forEachItem(cursor, (type, item) => {
    if (type === 0x10) out.applicationContext = item.text(item.remaining);
    else if (type === 0x50) out.userInformation = decodeUserInformation(item);
    else if (type === 0x20 || type === 0x21) {
      const id = item.u8();
      item.u8();
      const result = item.u8();
      item.u8();
      let abstractSyntax = '';
      const transferSyntaxes: string[] = [];
      forEachItem(item, (subType, sub) => {
        if (subType === 0x30) abstractSyntax = sub.text(sub.remaining);
        else if (subType === 0x40) transferSyntaxes.push(sub.text(sub.remaining));
        else throw new PduError(`unknown presentation context sub-item 0x${subType.toString(16)}`);
      });
      if (type === 0x20) {
        if (!abstractSyntax) throw new PduError('presentation context without abstract syntax');
        out.proposals.push({ id, abstractSyntax, transferSyntaxes });
      } else out.answers.push({ id, result, transferSyntax: transferSyntaxes[0] ?? '' });
    } else
      throw new PduError(
        `unknown A-ASSOCIATE item 0x${type.toString(16)}`,
        AbortReason.UnrecognizedPduParameter,
      );
  });
  if (!out.applicationContext) throw new PduError('A-ASSOCIATE without application context');
  return out;
}

export function decodeAssociateRequest(body: Buffer): AssociateRequest {
  const { proposals, answers: _answers, ...rest } = decodeAssociate(body);
  return { ...rest, presentationContexts: proposals };
}

export function decodeAssociateAccept(body: Buffer): AssociateAccept {
  const { answers, proposals: _proposals, protocolVersion: _version, ...rest } = decodeAssociate(body);
  return { ...rest, presentationContexts: answers };
}
