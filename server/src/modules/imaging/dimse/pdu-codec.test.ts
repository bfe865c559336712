import { describe, expect, it } from 'vitest';
import { onPostgres } from '../../../test/test-database.ts';
import {
  applicationContextName,
  decodeAssociateAccept,
  decodeAssociateRequest,
  encodeAssociateAccept,
  encodeAssociateRequest,
} from './associate-pdu.ts';
import { PduError } from './byte-cursor.ts';
import { CommandField, decodeCommand, encodeCommand, noDataSet } from './command-set.ts';
import { decodePdu, encodePData } from './pdu-codec.ts';

describe.skipIf(onPostgres)('PDU and command set codecs', () => {
  it('round-trips an A-ASSOCIATE-RQ and -AC with role selection', () => {
    const rq = {
      protocolVersion: 1,
      calledAeTitle: 'ARCHIVE',
      callingAeTitle: 'MODALITY',
      applicationContext: applicationContextName,
      presentationContexts: [
        {
          id: 1,
          abstractSyntax: '1.2.840.10008.5.1.4.1.1.4',
          transferSyntaxes: ['1.2.840.10008.1.2.1', '1.2.840.10008.1.2'],
        },
      ],
      userInformation: {
        maxPduLength: 16384,
        implementationClassUid: '1.2.3',
        implementationVersionName: 'X',
        roleSelections: [{ sopClassUid: '1.2.840.10008.5.1.4.1.1.4', scuRole: false, scpRole: true }],
      },
    };
    const encoded = encodeAssociateRequest(rq);
    expect(decodeAssociateRequest(encoded.subarray(6))).toEqual(rq);
    const ac = { ...rq, presentationContexts: [{ id: 1, result: 0, transferSyntax: '1.2.840.10008.1.2.1' }] };
    const { protocolVersion: _v, ...acFields } = ac;
    expect(decodeAssociateAccept(encodeAssociateAccept(acFields).subarray(6))).toEqual(acFields);
  });

  it('splits P-DATA flags and rejects malformed items', () => {
    const pdu = encodePData({ contextId: 3, isCommand: true, isLast: true, data: Buffer.from('ab') });
    expect(decodePdu(pdu[0]!, pdu.subarray(6))).toEqual({
      type: 'p-data',
      pdvs: [{ contextId: 3, isCommand: true, isLast: true, data: Buffer.from('ab') }],
    });
    const broken = Buffer.from(pdu.subarray(6));
    broken.writeUInt32BE(99, 0);
    expect(() => decodePdu(4, broken)).toThrow(PduError);
  });

  it('round-trips a command set with its group length, padding odd UIDs', () => {
    const command = {
      commandField: CommandField.CStoreRq,
      commandDataSetType: 0,
      messageId: 7,
      affectedSopClassUid: '1.2.840.10008.5.1.4.1.1.4',
      affectedSopInstanceUid: '1.2.3',
      moveOriginatorAeTitle: 'VIEWER',
      moveOriginatorMessageId: 3,
      priority: 0,
    };
    const bytes = encodeCommand(command);
    expect(bytes.readUInt32LE(8)).toBe(bytes.length - 12);
    expect(bytes.length % 2).toBe(0);
    expect(decodeCommand(bytes)).toEqual(command);
    expect(
      decodeCommand(
        encodeCommand({ commandField: CommandField.CEchoRsp, commandDataSetType: noDataSet, status: 0 }),
      ).status,
    ).toBe(0);
  });
});
