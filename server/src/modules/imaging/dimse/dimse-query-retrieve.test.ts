import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres } from '../../../test/test-database.ts';
import { createDimseServer, type DimseServer } from './dimse-server.ts';
import { Status } from './dimse-status.ts';
import {
  encodeIdentifier,
  instanceFromFile,
  normalizedCopies,
  readPart10,
  run,
  seriesDir,
  startStorescp,
  tempDir,
} from './dimse-test-support.ts';
import type { DicomInstance, DimseEvent, FindMatch } from './dimse-types.ts';
import { TransferSyntax } from './transfer-syntaxes.ts';

const aeTitle = 'CAREBASE';
const names = ['DOE^JOHN', 'ROE^JANE', 'POE^EDGAR'];

/** Dataset parts of every file in `dir`, by SOP instance UID. */
function receivedDataSets(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const file of fs.readdirSync(dir)) {
    const part10 = readPart10(path.join(dir, file));
    out.set(part10.sopInstanceUid, Buffer.from(part10.dataSet));
  }
  return out;
}

describe.skipIf(onPostgres)('DIMSE server: C-FIND, C-GET, C-MOVE from dcmtk', () => {
  const dir = tempDir('qr');
  const events: DimseEvent[] = [];
  let instances: DicomInstance[] = [];
  let sources: Map<string, Buffer>;
  let storescp: { port: number; stop(): void };
  let server: DimseServer;
  let port: number;
  let findAborted = false;
  let slowFind = false;
  const scu = (tool: string, options: string[]) =>
    run(tool, ['-aet', 'VIEWER', '-aec', aeTitle, ...options, '127.0.0.1', String(port)]);

  beforeAll(async () => {
    const files = fs
      .readdirSync(seriesDir)
      .filter((f) => f !== 'brain_001.dcm')
      .slice(0, 5);
    const copies = await normalizedCopies(
      files.map((f) => path.join(seriesDir, f)),
      fs.mkdtempSync(path.join(dir, 'src-')),
    );
    instances = copies.map(instanceFromFile);
    sources = new Map(copies.map((f) => [readPart10(f).sopInstanceUid, readPart10(f).dataSet]));
    fs.mkdirSync(path.join(dir, 'storescp'));
    storescp = await startStorescp(path.join(dir, 'storescp'), 'STORESCP');
    server = createDimseServer({
      aeTitle,
      onEvent: (event) => events.push(event),
      async *find(_association, request): AsyncGenerator<FindMatch> {
        findAborted = false;
        request.signal.addEventListener('abort', () => (findAborted = true));
        const implicit = request.transferSyntaxUid === TransferSyntax.ImplicitVRLittleEndian;
        const count = slowFind ? 40 : names.length;
        for (let i = 0; i < count; i++) {
          if (slowFind) await sleep(10);
          const identifier = encodeIdentifier(
            [
              [0x00080052, 'CS', 'PATIENT'],
              [0x00100010, 'PN', names[i % names.length] ?? ''],
              [0x00100020, 'LO', `PID${i}`],
            ],
            implicit,
          );
          yield i === 2 ? { identifier, status: Status.PendingOptionalKeysUnsupported } : identifier;
        }
      },
      retrieve: async () => instances,
      resolveMoveDestination: (ae) =>
        ae === 'STORESCP' ? { aeTitle: ae, host: '127.0.0.1', port: storescp.port } : null,
    });
    port = await server.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await server?.close();
    storescp?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers findscu with every canned identifier', async () => {
    const result = await scu('findscu', [
      '-v',
      '-P',
      '-k',
      'QueryRetrieveLevel=PATIENT',
      '-k',
      'PatientName=*',
    ]);
    expect(result.code, result.stderr).toBe(0);
    for (const name of names) expect(result.stderr).toContain(name);
    expect(result.stderr).toMatch(/Received Final Find Response \(Success\)/);
  });

  it('stops on C-CANCEL from findscu --cancel', async () => {
    slowFind = true;
    const result = await scu('findscu', ['-v', '--cancel', '2', '-S', '-k', 'QueryRetrieveLevel=PATIENT']);
    slowFind = false;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /Received Final Find Response \(Matching terminated due to Cancel request\)|Cancel/,
    );
    expect(findAborted).toBe(true);
    const op = [...events].reverse().find((e) => e.type === 'operation' && e.operation === 'C-FIND');
    expect(op).toMatchObject({ status: Status.Cancel });
  });

  it('sends instances back to getscu over the same association, byte for byte', async () => {
    const out = fs.mkdtempSync(path.join(dir, 'getscu-'));
    const result = await scu('getscu', [
      '-P',
      '-k',
      'QueryRetrieveLevel=PATIENT',
      '-k',
      'PatientID=123565',
      '-od',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const received = receivedDataSets(out);
    expect(received.size).toBe(instances.length);
    for (const [uid, bytes] of received)
      expect(bytes.equals(sources.get(uid) ?? Buffer.alloc(0)), uid).toBe(true);
  });

  it('moves instances to storescp for movescu, byte for byte', async () => {
    const result = await scu('movescu', [
      '-aem',
      'STORESCP',
      '-P',
      '-k',
      'QueryRetrieveLevel=PATIENT',
      '-k',
      'PatientID=123565',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const received = receivedDataSets(path.join(dir, 'storescp'));
    expect(received.size).toBe(instances.length);
    for (const [uid, bytes] of received)
      expect(bytes.equals(sources.get(uid) ?? Buffer.alloc(0)), uid).toBe(true);
    const op = [...events].reverse().find((e) => e.type === 'operation' && e.operation === 'C-MOVE');
    expect(op).toMatchObject({ status: Status.Success, counts: { completed: instances.length, failed: 0 } });
  });

  it('answers an unknown move destination with 0xA801', async () => {
    const result = await scu('movescu', ['-v', '-aem', 'NOWHERE', '-P', '-k', 'QueryRetrieveLevel=PATIENT']);
    expect(result.stderr).toMatch(/Refused: MoveDestinationUnknown/);
  });
});
