import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres } from '../../../test/test-database.ts';
import { applicationContextName, encodeAssociateRequest } from './associate-pdu.ts';
import { openAssociation } from './association-requestor.ts';
import { echo } from './dimse-client.ts';
import { createDimseServer, type DimseServer } from './dimse-server.ts';
import type { DimseEvent } from './dimse-types.ts';
import { SopClass } from './sop-classes.ts';
import { TransferSyntax } from './transfer-syntaxes.ts';

const aeTitle = 'CAREBASE';
const maxPduLength = 16 * 1024;

/** Writes raw bytes, then collects what the server sends until it closes the connection. */
function exchange(port: number, chunks: Buffer[], end = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (d) => received.push(d));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(received)));
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        socket.write(chunk);
        await new Promise((r) => setTimeout(r, 5));
      }
      if (end) socket.end();
    });
  });
}

function associateRequest(): Buffer {
  return encodeAssociateRequest({
    protocolVersion: 1,
    calledAeTitle: aeTitle,
    callingAeTitle: 'FUZZER',
    applicationContext: applicationContextName,
    presentationContexts: [
      {
        id: 1,
        abstractSyntax: SopClass.Verification,
        transferSyntaxes: [TransferSyntax.ImplicitVRLittleEndian],
      },
    ],
    userInformation: { maxPduLength: 0, roleSelections: [] },
  });
}

/** Offset just past the first PDU in `bytes`. */
function afterFirstPdu(bytes: Buffer): number {
  return 6 + bytes.readUInt32BE(2);
}

describe.skipIf(onPostgres)('DIMSE server: malformed input', () => {
  const events: DimseEvent[] = [];
  let server: DimseServer;
  let port: number;
  const peer = () => ({
    aeTitle,
    host: '127.0.0.1',
    port,
    callingAeTitle: 'TESTER',
    responseTimeoutMs: 5000,
  });

  beforeAll(async () => {
    server = createDimseServer({
      aeTitle,
      maxPduLength,
      associationTimeoutMs: 300,
      onEvent: (e) => events.push(e),
    });
    port = await server.listen(0, '127.0.0.1');
  });
  afterAll(() => server.close());

  it('aborts on random bytes and keeps serving', async () => {
    const garbage = Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const reply = await exchange(port, [garbage]);
    expect(reply[0]).toBe(0x07); // A-ABORT
    expect(await echo(peer())).toBe(0);
  });

  it('aborts a P-DATA-TF larger than the announced maximum', async () => {
    const big = Buffer.alloc(6);
    big.writeUInt8(0x04, 0);
    big.writeUInt32BE(maxPduLength + 1, 2);
    const reply = await exchange(port, [associateRequest(), big]);
    expect(reply[0]).toBe(0x02); // A-ASSOCIATE-AC
    expect(reply[afterFirstPdu(reply)]).toBe(0x07);
    expect(await echo(peer())).toBe(0);
  });

  it('aborts malformed items inside a PDU', async () => {
    const rq = associateRequest();
    rq.writeUInt16BE(0xffff, 6 + 68 + 2); // the application context item claims 64 KiB
    const reply = await exchange(port, [rq]);
    expect(reply[0]).toBe(0x07);
    expect(await echo(peer())).toBe(0);
  });

  it('rejects associations beyond the limit (transient, local limit exceeded)', async () => {
    const limited = createDimseServer({ aeTitle, maxAssociations: 1 });
    const limitedPort = await limited.listen(0, '127.0.0.1');
    const first = await openAssociation({ ...peer(), port: limitedPort }, [
      { abstractSyntax: SopClass.Verification, transferSyntaxes: [TransferSyntax.ImplicitVRLittleEndian] },
    ]);
    const second = await echo({ ...peer(), port: limitedPort }).catch((e: unknown) => e);
    expect(second).toMatchObject({ result: 2, source: 3, reason: 2 });
    await first.release();
    await limited.close();
  });

  it('drops a truncated PDU and a silent connection', async () => {
    const rq = associateRequest();
    await exchange(port, [rq.subarray(0, 20)], true);
    const silent = await exchange(port, []);
    expect(silent.length === 0 || silent[0] === 0x07).toBe(true);
    expect(await echo(peer())).toBe(0);
    expect(events.filter((e) => e.type === 'protocol-error').length).toBeGreaterThanOrEqual(3);
  });
});
