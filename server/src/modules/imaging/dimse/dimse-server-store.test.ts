import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres } from '../../../test/test-database.ts';
import { createDimseServer, type DimseServer, rejectCallingAeNotRecognized } from './dimse-server.ts';
import { DimseFailure, Status } from './dimse-status.ts';
import {
  memoryStore,
  normalizedCopies,
  readPart10,
  run,
  samplesDir,
  seriesDir,
  tempDir,
} from './dimse-test-support.ts';
import type { DimseEvent } from './dimse-types.ts';

const aeTitle = 'CAREBASE';

/** The storescu option that makes it propose each sample's own transfer syntax first. */
const samples: Array<[file: string, propose: string]> = [
  ['explicit_little.dcm', '-xe'],
  ['implicit_little.dcm', '-xi'],
  ['explicit_big.dcm', '-xb'],
  ['jpeg_2000.dcm', '-xw'],
  ['jpeg_baseline_8bit.dcm', '-xy'],
  ['jpeg_lossless_sel1.dcm', '-xs'],
  ['jpeg_ls.dcm', '-xu'],
  ['rle.dcm', '-xr'],
  ['deflated.dcm', '-xd'],
];

describe.skipIf(onPostgres)('DIMSE server: C-ECHO and C-STORE from dcmtk', () => {
  const memory = memoryStore();
  const events: DimseEvent[] = [];
  const failing = new Set<string>();
  let server: DimseServer;
  let port: number;
  const scu = (tool: string, options: string[], files: string[] = []) =>
    run(tool, ['-aet', 'MODALITY', '-aec', aeTitle, ...options, '127.0.0.1', String(port), ...files]);
  const dir = tempDir('store');
  let series: string[] = [];

  beforeAll(async () => {
    const seriesFiles = fs
      .readdirSync(seriesDir)
      .filter((f) => f !== 'brain_001.dcm') // 2.5 MB of trailing zeros that parse as garbage elements
      .map((f) => path.join(seriesDir, f));
    series = await normalizedCopies(seriesFiles, fs.mkdtempSync(path.join(dir, 'series-')));
    await normalizedCopies(
      samples.map(([file]) => path.join(samplesDir, file)),
      dir,
    );
    server = createDimseServer({
      aeTitle,
      acceptAssociation: ({ callingAeTitle }) =>
        callingAeTitle === 'STRANGER' ? rejectCallingAeNotRecognized : 'accept',
      store: async (association, request, dataSet) => {
        if (failing.has(request.sopInstanceUid)) {
          dataSet.resume();
          throw new DimseFailure(Status.OutOfResources, 'disk full (test)');
        }
        return memory.store(association, request, dataSet);
      },
      onEvent: (event) => events.push(event),
    });
    port = await server.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers C-ECHO', async () => {
    const result = await scu('echoscu', []);
    expect(result.code, result.stderr).toBe(0);
    expect(events.some((e) => e.type === 'operation' && e.operation === 'C-ECHO' && e.status === 0)).toBe(
      true,
    );
  });

  it.each(samples)('stores %s byte for byte in its own transfer syntax', async (file, propose) => {
    const sent = readPart10(path.join(dir, file));
    const result = await scu('storescu', [propose], [path.join(dir, file)]);
    expect(result.code, result.stderr).toBe(0);
    const received = memory.received.get(sent.sopInstanceUid);
    expect(received?.transferSyntaxUid).toBe(sent.transferSyntaxUid);
    expect(received?.sopClassUid).toBe(sent.sopClassUid);
    // dcmtk pads an odd-length deflated stream with one zero byte on the wire.
    const expected = sent.dataSet.length % 2 ? Buffer.concat([sent.dataSet, Buffer.alloc(1)]) : sent.dataSet;
    expect(received?.bytes.equals(expected)).toBe(true);
  });

  it('stores a 19-file series over one association', async () => {
    const before = events.filter((e) => e.type === 'association-opened').length;
    const result = await scu('storescu', [], series);
    expect(result.code, result.stderr).toBe(0);
    expect(events.filter((e) => e.type === 'association-opened').length).toBe(before + 1);
    for (const file of series) {
      const sent = readPart10(file);
      expect(memory.received.get(sent.sopInstanceUid)?.bytes.equals(sent.dataSet), file).toBe(true);
    }
  });

  it('stores over parallel associations', async () => {
    memory.received.clear();
    const groups = [series.slice(0, 7), series.slice(7, 13), series.slice(13)];
    const results = await Promise.all(groups.map((files) => scu('storescu', [], files)));
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect(memory.received.size).toBe(series.length);
  });

  it('fails only the instance whose handler throws, the association goes on', async () => {
    memory.received.clear();
    const bad = readPart10(series[1] ?? '').sopInstanceUid;
    failing.add(bad);
    const result = await scu('storescu', ['-v', '-nh'], series.slice(0, 4));
    failing.delete(bad);
    expect(result.stderr).toMatch(/Refused: OutOfResources/);
    expect(memory.received.size).toBe(3);
    expect(memory.received.has(bad)).toBe(false);
    const failed = [...events].reverse().find((e) => e.type === 'operation' && e.sopInstanceUid === bad);
    expect(failed).toMatchObject({ status: Status.OutOfResources });
  });

  it('rejects an unknown calling AE title and a wrong called AE title', async () => {
    const stranger = await run('echoscu', ['-aet', 'STRANGER', '-aec', aeTitle, '127.0.0.1', String(port)]);
    expect(stranger.code).not.toBe(0);
    expect(stranger.stderr).toMatch(/Calling AE Title Not Recognized/i);
    const wrongCalled = await run('echoscu', [
      '-aet',
      'MODALITY',
      '-aec',
      'NOTUS',
      '127.0.0.1',
      String(port),
    ]);
    expect(wrongCalled.stderr).toMatch(/Called AE Title Not Recognized/i);
    expect(events.filter((e) => e.type === 'association-rejected')).toHaveLength(2);
    expect((await scu('echoscu', [])).code).toBe(0);
  });
});
