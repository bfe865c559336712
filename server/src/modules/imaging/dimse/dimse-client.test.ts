import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres } from '../../../test/test-database.ts';
import { AssociationRejectedError } from './association-requestor.ts';
import { echo, find, get, move, store } from './dimse-client.ts';
import { createDimseServer, type DimseServer, rejectCallingAeNotRecognized } from './dimse-server.ts';
import { Status } from './dimse-status.ts';
import {
  encodeIdentifier,
  instanceFromFile,
  memoryStore,
  normalizedCopies,
  readPart10,
  samplesDir,
  seriesDir,
  startStorescp,
  tempDir,
} from './dimse-test-support.ts';
import type { DicomInstance, StoreRequest } from './dimse-types.ts';
import { CommonStorageSopClass } from './sop-classes.ts';
import { TransferSyntax } from './transfer-syntaxes.ts';

const identifier = encodeIdentifier([
  [0x00080052, 'CS', 'STUDY'],
  [0x0020000d, 'UI', ''],
]);

describe.skipIf(onPostgres)('DIMSE client', () => {
  const dir = tempDir('client');
  const destination = memoryStore();
  const originators: StoreRequest[] = [];
  let instances: DicomInstance[] = [];
  const sources = new Map<string, Buffer>();
  let server: DimseServer;
  let destinationServer: DimseServer;
  let findSignal: AbortSignal | undefined;
  const peer = () => ({ aeTitle: 'ARCHIVE', host: '127.0.0.1', port: server.port, callingAeTitle: 'CLIENT' });

  beforeAll(async () => {
    const files = [
      path.join(seriesDir, 'brain_002.dcm'),
      path.join(seriesDir, 'brain_003.dcm'),
      path.join(samplesDir, 'jpeg_2000.dcm'),
      path.join(samplesDir, 'rle.dcm'),
    ];
    const copies = await normalizedCopies(files, dir);
    instances = copies.map(instanceFromFile);
    for (const file of copies) sources.set(readPart10(file).sopInstanceUid, readPart10(file).dataSet);
    destinationServer = createDimseServer({
      aeTitle: 'DEST',
      store: async (association, request, dataSet) => {
        originators.push(request);
        if (request.transferSyntaxUid === TransferSyntax.RleLossless) {
          dataSet.resume();
          return { status: Status.OutOfResources };
        }
        return destination.store(association, request, dataSet);
      },
    });
    await destinationServer.listen(0, '127.0.0.1');
    server = createDimseServer({
      aeTitle: 'ARCHIVE',
      acceptAssociation: ({ callingAeTitle }) =>
        callingAeTitle === 'NOBODY' ? rejectCallingAeNotRecognized : 'accept',
      async *find(_association, request) {
        findSignal = request.signal;
        for (let i = 0; i < 50; i++) {
          await sleep(2);
          yield encodeIdentifier([[0x00100020, 'LO', `P${i}`]]);
        }
      },
      retrieve: async () => instances,
      resolveMoveDestination: (ae) =>
        ae === 'DEST' ? { aeTitle: ae, host: '127.0.0.1', port: destinationServer.port } : null,
    });
    await server.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await Promise.all([server?.close(), destinationServer?.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('echoes, and reports a rejection with its reason', async () => {
    expect(await echo(peer())).toBe(Status.Success);
    const rejected = await echo({ ...peer(), callingAeTitle: 'NOBODY' }).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(AssociationRejectedError);
    expect(rejected).toMatchObject({ result: 1, source: 1, reason: 3 });
  });

  it('stores several instances into dcmtk storescp over one association, byte for byte', async () => {
    const out = fs.mkdtempSync(path.join(dir, 'storescp-'));
    const storescp = await startStorescp(out, 'STORESCP');
    try {
      const outcomes = await store(
        { aeTitle: 'STORESCP', host: '127.0.0.1', port: storescp.port, callingAeTitle: 'CLIENT' },
        instances,
      );
      expect(outcomes.map((o) => o.status)).toEqual(instances.map(() => Status.Success));
    } finally {
      storescp.stop();
    }
    for (const file of fs.readdirSync(out)) {
      const written = readPart10(path.join(out, file));
      const sent = instances.find((i) => i.sopInstanceUid === written.sopInstanceUid);
      expect(written.transferSyntaxUid).toBe(sent?.transferSyntaxUid);
      expect(written.dataSet.equals(sources.get(written.sopInstanceUid) ?? Buffer.alloc(0))).toBe(true);
    }
    expect(fs.readdirSync(out)).toHaveLength(instances.length);
  });

  it('finds, and cancels from an AbortSignal', async () => {
    const all: Buffer[] = [];
    for await (const match of find(peer(), { model: 'study', identifier })) all.push(match);
    expect(all).toHaveLength(50);
    expect(all[7]?.equals(encodeIdentifier([[0x00100020, 'LO', 'P7']]))).toBe(true);

    const controller = new AbortController();
    const some: Buffer[] = [];
    for await (const match of find(peer(), { model: 'study', identifier, signal: controller.signal })) {
      some.push(match);
      if (some.length === 3) controller.abort();
    }
    expect(some.length).toBeLessThan(10);
    expect(findSignal?.aborted).toBe(true);
  });

  it('moves to another AE: counts, failures and originator', async () => {
    const outcome = await move(peer(), { model: 'study', identifier, destination: 'DEST' });
    const rle = instances[3]!;
    expect(outcome).toMatchObject({ status: Status.Warning, completed: 3, failed: 1, warning: 0 });
    expect(outcome.failedSopInstanceUids).toEqual([rle.sopInstanceUid]);
    for (const instance of instances.slice(0, 3)) {
      const bytes = sources.get(instance.sopInstanceUid) ?? Buffer.alloc(0);
      expect(destination.received.get(instance.sopInstanceUid)?.bytes.equals(bytes)).toBe(true);
    }
    expect(originators[0]).toMatchObject({ moveOriginatorAeTitle: 'CLIENT', moveOriginatorMessageId: 1 });
    const unknown = await move(peer(), { model: 'study', identifier, destination: 'NOWHERE' });
    expect(unknown.status).toBe(Status.MoveDestinationUnknown);
  });

  it('gets instances back over the same association; a syntax we did not offer fails', async () => {
    const received = new Map<string, Buffer>();
    const outcome = await get(
      peer(),
      {
        model: 'study',
        identifier,
        storageSopClasses: [
          CommonStorageSopClass.MrImage,
          { sopClassUid: CommonStorageSopClass.CtImage, transferSyntaxes: [TransferSyntax.Jpeg2000] },
        ],
      },
      async (header, dataSet) => {
        const parts: Buffer[] = [];
        for await (const chunk of dataSet) parts.push(chunk);
        received.set(header.sopInstanceUid, Buffer.concat(parts));
        return { status: Status.Success };
      },
    );
    expect(outcome).toMatchObject({ status: Status.Warning, completed: 3, failed: 1 });
    expect(outcome.failedSopInstanceUids).toEqual([instances[3]!.sopInstanceUid]);
    for (const instance of instances.slice(0, 3)) {
      const bytes = sources.get(instance.sopInstanceUid) ?? Buffer.alloc(0);
      expect(received.get(instance.sopInstanceUid)?.equals(bytes)).toBe(true);
    }
  });

  it('closes gracefully: a running C-STORE finishes first', async () => {
    let entered: () => void = () => {};
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    const slow = createDimseServer({
      aeTitle: 'SLOW',
      store: async (_association, _request, dataSet) => {
        entered();
        for await (const _chunk of dataSet) await sleep(1);
        await sleep(100);
        return { status: Status.Success };
      },
    });
    const port = await slow.listen(0, '127.0.0.1');
    const storing = store(
      { aeTitle: 'SLOW', host: '127.0.0.1', port, callingAeTitle: 'CLIENT' },
      instances.slice(0, 1),
    );
    await inHandler;
    await slow.close(5000);
    expect((await storing).map((o) => o.status)).toEqual([Status.Success]);
  });
});
