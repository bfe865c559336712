import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { appointments } from '../appointments/appointments.schema.ts';
import { insertPatient } from '../encounters/chart-fixtures.ts';
import { insertDepartment } from '../queue/queue-fixtures.ts';
import { services } from '../scheduling/scheduling.schema.ts';
import { freePort, readPart10, run, seriesDir, startStorescp, tempDir } from './dimse/dimse-test-support.ts';
import { imagingInstances } from './imaging.schema.ts';
import { makeDicom, newUid } from './imaging-fixtures.ts';

const hasDcmtk = fs.existsSync('/usr/bin/storescu');
let t: TestApp;
let admin: TestUser;
let port: number;
const AE = 'CAREBASE';

beforeAll(async () => {
  if (!hasDcmtk) return;
  port = await freePort();
  t = await createTestApp({ dimse: { port, host: '127.0.0.1', aeTitle: AE, allowUnknownAe: false } });
  admin = await t.userWithRoles(['admin']);
});
afterAll(async () => t?.close());

const addPeer = (aeTitle: string, peerPort: number, verbs: string[]) =>
  t.request({
    method: 'POST',
    url: '/api/imaging/peers',
    cookie: admin.cookie,
    payload: { aeTitle, host: '127.0.0.1', port: peerPort, verbs, description: '' },
  });

const dcm = (tool: string, args: string[], files: string[] = []) =>
  run(tool, ['-aec', AE, ...args, '127.0.0.1', String(port), ...files], 60_000);

function findMatches(stderr: string): number {
  return (stderr.match(/Find Response: \d+ \(Pending/g) ?? []).length;
}

describe.skipIf(!hasDcmtk)('the DICOM port (dcmtk as the peer)', () => {
  const studyUid = newUid();
  const seriesUid = newUid();
  const dir = hasDcmtk ? tempDir('archive') : '';
  const files = hasDcmtk
    ? [1, 2, 3].map((n) => {
        const file = path.join(dir, `made-${n}.dcm`);
        fs.writeFileSync(
          file,
          makeDicom({
            studyUid,
            seriesUid,
            instanceNumber: n,
            patientId: 'DIMSE-1',
            patientName: 'Dimse^Test',
            modality: 'MR',
          }),
        );
        return file;
      })
    : [];

  it('refuses unknown AEs, then echoes and stores for a known one', async () => {
    expect((await run('echoscu', ['-aet', 'MODALITY', '-aec', AE, '127.0.0.1', String(port)])).code).not.toBe(
      0,
    );
    expect((await addPeer('MODALITY', 104, ['echo', 'store', 'find', 'get', 'move'])).statusCode).toBe(201);
    expect((await run('echoscu', ['-aet', 'MODALITY', '-aec', AE, '127.0.0.1', String(port)])).code).toBe(0);
    const stored = await dcm('storescu', ['-aet', 'MODALITY'], files);
    expect(stored.code, stored.stderr + stored.stdout).toBe(0);
    const activity = await t.request({ method: 'GET', url: '/api/imaging/activity', cookie: admin.cookie });
    expect(
      activity.json().items.some((a: { operation: string }) => a.operation === 'association rejected'),
    ).toBe(true);
  });

  it('stores a whole series over several associations, each file as it arrived', async () => {
    const series = fs
      .readdirSync(seriesDir)
      .filter((f) => f.endsWith('.dcm'))
      .slice(1)
      .map((f) => path.join(seriesDir, f));
    const halves = [series.slice(0, 10), series.slice(10)];
    const results = await Promise.all(halves.map((half) => dcm('storescu', ['-aet', 'MODALITY'], half)));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const sent = readPart10(series[0] ?? '');
    const rows = await t.app.ctx.db.select().from(imagingInstances);
    const row = rows.find((r) => r.sopInstanceUid === sent.sopInstanceUid);
    expect(row?.source).toBe('dimse');
    const stored = await t.app.ctx.blobs.read(row?.sha256 ?? '');
    expect(stored.subarray(row?.datasetOffset).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.source === 'dimse').length).toBe(3 + series.length);
  });

  it('answers C-FIND at each level, study root and patient root', async () => {
    const study = await dcm('findscu', [
      '-aet',
      'MODALITY',
      '-S',
      '-k',
      'QueryRetrieveLevel=STUDY',
      '-k',
      'PatientID=DIMSE-1',
      '-k',
      'StudyInstanceUID',
      '-k',
      'PatientName',
      '-k',
      'NumberOfStudyRelatedInstances',
    ]);
    expect(study.code, study.stderr).toBe(0);
    expect(findMatches(study.stderr)).toBe(1);
    expect(study.stderr).toContain('Dimse^Test');
    const seriesLevel = await dcm('findscu', [
      '-aet',
      'MODALITY',
      '-S',
      '-k',
      'QueryRetrieveLevel=SERIES',
      '-k',
      `StudyInstanceUID=${studyUid}`,
      '-k',
      'SeriesInstanceUID',
      '-k',
      'Modality',
    ]);
    expect(findMatches(seriesLevel.stderr)).toBe(1);
    const images = await dcm('findscu', [
      '-aet',
      'MODALITY',
      '-S',
      '-k',
      'QueryRetrieveLevel=IMAGE',
      '-k',
      `StudyInstanceUID=${studyUid}`,
      '-k',
      `SeriesInstanceUID=${seriesUid}`,
      '-k',
      'SOPInstanceUID',
    ]);
    expect(findMatches(images.stderr)).toBe(3);
    const patients = await dcm('findscu', [
      '-aet',
      'MODALITY',
      '-P',
      '-k',
      'QueryRetrieveLevel=PATIENT',
      '-k',
      'PatientName=Dimse*',
      '-k',
      'PatientID',
    ]);
    expect(findMatches(patients.stderr)).toBe(1);
    const wildcard = await dcm('findscu', [
      '-aet',
      'MODALITY',
      '-S',
      '-k',
      'QueryRetrieveLevel=STUDY',
      '-k',
      'PatientName=dimse*',
      '-k',
      'StudyDate=20261201-',
    ]);
    expect(findMatches(wildcard.stderr)).toBe(1);
  });

  it('sends a study back with C-GET and C-MOVE, byte for byte', async () => {
    const out = tempDir('get');
    const got = await dcm('getscu', [
      '-aet',
      'MODALITY',
      '-S',
      '-od',
      out,
      '-k',
      'QueryRetrieveLevel=STUDY',
      '-k',
      `StudyInstanceUID=${studyUid}`,
    ]);
    expect(got.code, got.stderr).toBe(0);
    const received = fs.readdirSync(out).map((f) => readPart10(path.join(out, f)));
    expect(received).toHaveLength(3);
    const sent = files.map((f) => readPart10(f));
    const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(new Set(received.map((r) => digest(r.dataSet)))).toEqual(
      new Set(sent.map((s) => digest(s.dataSet))),
    );

    const moved = tempDir('move');
    const scp = await startStorescp(moved, 'RECEIVER');
    try {
      expect((await addPeer('RECEIVER', scp.port, [])).statusCode).toBe(201);
      const move = await dcm('movescu', [
        '-aet',
        'MODALITY',
        '-S',
        '-aem',
        'RECEIVER',
        '-k',
        'QueryRetrieveLevel=SERIES',
        '-k',
        `StudyInstanceUID=${studyUid}`,
        '-k',
        `SeriesInstanceUID=${seriesUid}`,
      ]);
      expect(move.code, move.stderr).toBe(0);
      const arrived = fs.readdirSync(moved).map((f) => digest(readPart10(path.join(moved, f)).dataSet));
      expect(new Set(arrived)).toEqual(new Set(sent.map((s) => digest(s.dataSet))));
      const unknown = await dcm('movescu', [
        '-aet',
        'MODALITY',
        '-S',
        '-aem',
        'NOBODY',
        '-k',
        'QueryRetrieveLevel=STUDY',
        '-k',
        `StudyInstanceUID=${studyUid}`,
      ]);
      expect(unknown.stderr).toMatch(/A801|Destination ?Unknown/i);
    } finally {
      scp.stop();
    }
  });

  it('fails one bad instance of an association and stores the rest', async () => {
    const conflictUid = newUid();
    const first = path.join(dir, 'conflict-a.dcm');
    const second = path.join(dir, 'conflict-b.dcm');
    const fine = path.join(dir, 'fine.dcm');
    fs.writeFileSync(first, makeDicom({ sopInstanceUid: conflictUid, patientName: 'A^A' }));
    fs.writeFileSync(second, makeDicom({ sopInstanceUid: conflictUid, patientName: 'B^B' }));
    fs.writeFileSync(fine, makeDicom());
    const r = await dcm('storescu', ['-aet', 'MODALITY', '-nh'], [first, second, fine]);
    expect(r.code, r.stderr).toBe(0);
    const activity = await t.request({ method: 'GET', url: '/api/imaging/activity', cookie: admin.cookie });
    const failed = activity
      .json()
      .items.find((a: { operation: string; status: number }) => a.operation === 'C-STORE');
    expect(failed).toMatchObject({ status: 0x0111, peerAeTitle: 'MODALITY' });
    const rows = await t.app.ctx.db.select().from(imagingInstances);
    expect(rows.some((x) => x.sopInstanceUid === readPart10(fine).sopInstanceUid)).toBe(true);
  });

  it("gives a modality today's imaging appointments as its worklist (C-FIND MWL)", async () => {
    const db = t.app.ctx.db;
    await addPeer('MODALITY', 104, ['echo', 'store', 'find', 'get', 'move']); // 409 when an earlier test added it
    const departmentKey = await insertDepartment(db, 'R');
    const [ct] = await db
      .insert(services)
      .values({ name: `CT chest ${newUid()}`, departmentKey, durationMinutes: 20, modality: 'CT' })
      .returning();
    const [consult] = await db
      .insert(services)
      .values({ name: `Consultation ${newUid()}`, departmentKey, durationMinutes: 20 })
      .returning();
    const patientId = await insertPatient(db, { givenName: 'Wanda', familyName: 'Worklist' });
    const soon = new Date(Date.now() + 5 * 60_000);
    for (const [i, service] of [ct, consult].entries()) {
      const startsAt = new Date(soon.getTime() + i * 30 * 60_000);
      const endsAt = new Date(startsAt.getTime() + 20 * 60_000);
      await db.insert(appointments).values({
        patientId,
        providerId: admin.id,
        serviceId: service?.id ?? '',
        startsAt,
        endsAt,
        blockedUntil: endsAt,
      });
    }
    const day = soon.toISOString().slice(0, 10).replaceAll('-', '');
    const query = [
      '-k',
      'PatientName',
      '-k',
      'PatientID',
      '-k',
      'PatientBirthDate',
      '-k',
      'AccessionNumber',
      '-k',
      'StudyInstanceUID',
      '-k',
      'ScheduledProcedureStepSequence[0].Modality=CT',
      '-k',
      `ScheduledProcedureStepSequence[0].ScheduledProcedureStepStartDate=${day}`,
      '-k',
      'ScheduledProcedureStepSequence[0].ScheduledProcedureStepDescription',
    ];
    const r = await dcm('findscu', ['-aet', 'MODALITY', '-W', ...query]);
    expect(r.code, r.stderr).toBe(0);
    expect(findMatches(r.stderr)).toBe(1);
    expect(r.stderr).toContain('Worklist^Wanda');
    expect(r.stderr).toMatch(/CT chest/);
    const mr = await dcm('findscu', [
      '-aet',
      'MODALITY',
      '-W',
      '-k',
      'PatientName',
      '-k',
      'ScheduledProcedureStepSequence[0].Modality=MR',
    ]);
    expect(findMatches(mr.stderr)).toBe(0);
  });
});
