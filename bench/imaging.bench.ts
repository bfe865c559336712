/**
 * Imaging archive benchmark: `npm run bench:imaging` (options as environment variables).
 *
 *   BENCH_DATABASE_URL   PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_INSTANCES      instances per ingest run (default 400 CT-sized files, 512 KiB each)
 *   BENCH_STUDIES        studies indexed for the QIDO-RS search (default 100000)
 *   BENCH_BIG_MB         size of the study whose ingest is watched for memory (default 2048; 0 skips)
 *   BENCH_ONLY           comma-separated: stow, cstore, qido, wado, memory (default all)
 *
 * Carebase runs as a user runs it (`carebase start`, PostgreSQL, DICOM port on); Debian's Orthanc with its
 * DICOMweb plugin and default storage is the reference, fed the same files one after the other. Each run
 * stores new UIDs, so nothing is a duplicate of an earlier run.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type BenchCluster, freePort, startCluster } from './bench-servers.ts';
import { ctCopy, ctTemplate, STOW_TYPE, stowBody } from './imaging-data.ts';
import { seedStudies } from './imaging-qido-seed.ts';
import { runLoad } from './load.ts';
import { type OrthancBench, startOrthancBench } from './orthanc-bench-server.ts';

const env = process.env;
const int = (v: string | undefined, d: number) => (v ? Number.parseInt(v, 10) : d);
const N = int(env.BENCH_INSTANCES, 400);
const STUDIES = int(env.BENCH_STUDIES, 100_000);
const BIG_MB = int(env.BENCH_BIG_MB, 2048);
const only = env.BENCH_ONLY?.split(',') ?? ['stow', 'cstore', 'qido', 'wado', 'memory'];
const PER_REQUEST = 10;
const template = ctTemplate();
const MB = 1024 * 1024;
let runNumber = 0;

type Ingest = { label: string; seconds: number; instances: number; bytes: number };
const ingests: Ingest[] = [];

function copies(count: number): Buffer[] {
  const run = ++runNumber;
  return Array.from({ length: count }, (_, i) =>
    ctCopy(template, run, Math.floor(i / 100), Math.floor(i / 50), i),
  );
}

/** POSTs the body; resolves with the status (and prints the answer when it is not 200). */
function post(url: string, body: Buffer, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const options = { method: 'POST', headers: { ...headers, 'content-length': String(body.length) } };
    const req = http.request(url, options, (res) => {
      let text = '';
      res.on('data', (d) => {
        if (res.statusCode !== 200) text += d;
      });
      res.on('end', () => {
        if (res.statusCode !== 200) console.log(`    ${res.statusCode}: ${text.slice(0, 400)}`);
        resolve(res.statusCode ?? 0);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** STOW-RS of the files in requests of PER_REQUEST instances, from `clients` concurrent clients. */
async function stow(
  label: string,
  url: string,
  headers: Record<string, string>,
  files: Buffer[],
  clients: number,
) {
  const bodies: Buffer[] = [];
  for (let i = 0; i < files.length; i += PER_REQUEST) bodies.push(stowBody(files.slice(i, i + PER_REQUEST)));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++] as Buffer;
        const status = await post(url, body, { ...headers, 'content-type': STOW_TYPE });
        if (status !== 200) throw new Error(`${label}: STOW-RS answered ${status}`);
      }
    }),
  );
  record(label, started, files);
}

function record(label: string, started: number, files: Buffer[]) {
  const seconds = (performance.now() - started) / 1000;
  const bytes = files.reduce((s, f) => s + f.length, 0);
  ingests.push({ label, seconds, instances: files.length, bytes });
  console.log(
    `  ${label}: ${(files.length / seconds).toFixed(1)} instances/s, ${(bytes / MB / seconds).toFixed(1)} MB/s`,
  );
}

function storescu(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('storescu', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`storescu: ${err.slice(-500)}`))));
  });
}

/** C-STORE with dcmtk's storescu over `associations` associations at once. */
async function cstore(label: string, aeTitle: string, port: number, files: Buffer[], associations: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-bench-cstore-'));
  const groups: string[][] = Array.from({ length: associations }, () => []);
  files.forEach((f, i) => {
    const file = path.join(dir, `${i}.dcm`);
    fs.writeFileSync(file, f);
    groups[i % associations]?.push(file);
  });
  const started = performance.now();
  await Promise.all(
    groups.map((g) => storescu(['-aec', aeTitle, '-aet', 'BENCH', '127.0.0.1', String(port), ...g])),
  );
  record(label, started, files);
  fs.rmSync(dir, { recursive: true, force: true });
}

function rss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function memory(cluster: BenchCluster) {
  const pid = cluster.pids[0] ?? 0;
  const count = Math.ceil((BIG_MB * MB) / template.length);
  const run = ++runNumber;
  const samples: number[] = [rss(pid)];
  const timer = setInterval(() => samples.push(rss(pid)), 250);
  const started = performance.now();
  for (let i = 0; i < count; i += PER_REQUEST) {
    const files = Array.from({ length: Math.min(PER_REQUEST, count - i) }, (_, k) =>
      ctCopy(template, run, 0, Math.floor((i + k) / 500), i + k),
    );
    const status = await post(`${cluster.urls[0]}/dicom-web/studies`, stowBody(files), {
      authorization: `Bearer ${cluster.token}`,
      'content-type': STOW_TYPE,
    });
    if (status !== 200) throw new Error(`big study: STOW-RS answered ${status}`);
  }
  clearInterval(timer);
  samples.push(rss(pid));
  const seconds = (performance.now() - started) / 1000;
  const quarter = Math.floor(samples.length / 4);
  const early = Math.max(...samples.slice(0, Math.max(1, quarter)));
  const late = Math.max(...samples.slice(-Math.max(1, quarter)));
  console.log(
    `  one study of ${count} instances (${((count * template.length) / MB).toFixed(0)} MB) in ${seconds.toFixed(1)} s: server RSS before ${samples[0]?.toFixed(0)} MB, peak ${Math.max(...samples).toFixed(0)} MB, first quarter max ${early.toFixed(0)} MB, last quarter max ${late.toFixed(0)} MB`,
  );
}

async function qido(cluster: BenchCluster) {
  if (!cluster.databaseUrl) return;
  const started = performance.now();
  await seedStudies(cluster.databaseUrl, STUDIES);
  console.log(`  indexed ${STUDIES} studies in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const q = (label: string, p: string) => ({
    method: 'GET' as const,
    path: `/dicom-web/studies?${p}`,
    label,
  });
  const searches = [
    q('name prefix', 'PatientName=smi*&limit=25'),
    q(
      'name contains (OHIF)',
      'PatientName=*ara*&limit=101&offset=0&fuzzymatching=false&includefield=00081030,00080060',
    ),
    q('date range + modality', 'StudyDate=20200301-20200331&ModalitiesInStudy=CT&limit=25'),
    q('patient id', 'PatientID=P51234'),
    q('accession', 'AccessionNumber=A77777'),
    q('newest (OHIF list)', 'limit=101&offset=0&includefield=00081030,00080060'),
    q('fuzzy name', 'PatientName=jonson&fuzzymatching=true&limit=25'),
  ];
  const base = cluster.urls[0] ?? '';
  const load = (requests: { method: 'GET'; path: string; label?: string }[]) =>
    runLoad({
      base,
      token: cluster.token,
      requests,
      clients: 10,
      warmup: { ms: 2000 },
      measure: { ms: 8000 },
    });
  const health = await load([{ method: 'GET', path: '/healthz' }]);
  const roles = await load([{ method: 'GET', path: '/api/roles' }]);
  const search = await load(searches);
  console.log(
    `  reference GET /healthz: p50 ${health.p50.toFixed(1)} ms, p99 ${health.p99.toFixed(1)} ms, ${health.perSecond.toFixed(0)}/s`,
  );
  console.log(
    `  reference GET /api/roles: p50 ${roles.p50.toFixed(1)} ms, p99 ${roles.p99.toFixed(1)} ms, ${roles.perSecond.toFixed(0)}/s`,
  );
  console.log(
    `  QIDO-RS study search, 10 clients, ${STUDIES} studies: p50 ${search.p50.toFixed(1)} ms, p99 ${search.p99.toFixed(1)} ms (target ≤ 30), ${search.perSecond.toFixed(0)}/s, errors ${search.errors}; p99 ÷ /api/roles p99 = ${(search.p99 / roles.p99).toFixed(1)}`,
  );
  for (const l of search.byLabel)
    console.log(`    ${l.label}: p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms`);
  if (search.firstErrors.length) console.log('   ', search.firstErrors.slice(0, 3));
}

async function wado(cluster: BenchCluster) {
  if (!cluster.databaseUrl) return;
  const client = new pg.Client({ connectionString: cluster.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ s: string; se: string; i: string }>(
    `select s.study_uid s, se.series_uid se, i.sop_instance_uid i from imaging_instances i
       join imaging_series se on se.id = i.series_id join imaging_studies s on s.id = i.study_id
      where i.frames->>'kind' = 'native' limit 200`,
  );
  await client.end();
  const requests = rows.map((r) => ({
    method: 'GET' as const,
    path: `/dicom-web/studies/${r.s}/series/${r.se}/instances/${r.i}/frames/1`,
  }));
  const figures = await runLoad({
    base: cluster.urls[0] ?? '',
    token: cluster.token,
    requests,
    clients: 4,
    warmup: { ms: 1000 },
    measure: { ms: 6000 },
  });
  const frameMb = (template.length - 1024) / MB;
  console.log(
    `  WADO-RS frames (512×512×16-bit), 4 clients: ${figures.perSecond.toFixed(0)} frames/s, ${(figures.perSecond * frameMb).toFixed(0)} MB/s, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, errors ${figures.errors}`,
  );
}

function ratios() {
  const by = new Map(ingests.map((i) => [i.label, i]));
  for (const mode of [
    'STOW-RS, 1 client',
    'STOW-RS, 4 clients',
    'C-STORE, 1 association',
    'C-STORE, 4 associations',
  ]) {
    const ours = by.get(`Carebase ${mode}`);
    const theirs = by.get(`Orthanc ${mode}`);
    if (!ours || !theirs) continue;
    const ratio = theirs.seconds / ours.seconds;
    console.log(
      `  ${mode}: Carebase ${(ours.instances / ours.seconds).toFixed(1)}/s vs Orthanc ${(theirs.instances / theirs.seconds).toFixed(1)}/s = ${ratio.toFixed(2)}× (target ≥ 2×)`,
    );
  }
}

async function main() {
  const pgUrl = env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dicomPort = await freePort();
  console.log(
    `Imaging benchmark: ${N} instances of ${(template.length / 1024).toFixed(0)} KiB per ingest run, ${os.cpus().length} cores`,
  );
  const cluster = await startCluster(pgUrl, 1, {
    DICOM_PORT: String(dicomPort),
    DICOM_ALLOW_UNKNOWN_AE: 'true',
    LOG_LEVEL: 'warn',
  });
  let orthanc: OrthancBench | undefined;
  try {
    orthanc = await startOrthancBench();
    const carebaseStow = `${cluster.urls[0]}/dicom-web/studies`;
    const auth = { authorization: `Bearer ${cluster.token}` };
    if (only.includes('stow')) {
      console.log('STOW-RS ingest');
      for (const clients of [1, 4]) {
        const mode = `STOW-RS, ${clients} client${clients > 1 ? 's' : ''}`;
        await stow(`Carebase ${mode}`, carebaseStow, auth, copies(N), clients);
        await stow(`Orthanc ${mode}`, `${orthanc.url}/dicom-web/studies`, {}, copies(N), clients);
      }
    }
    if (only.includes('cstore')) {
      console.log('C-STORE ingest (dcmtk storescu)');
      for (const associations of [1, 4]) {
        const mode = `C-STORE, ${associations} association${associations > 1 ? 's' : ''}`;
        await cstore(`Carebase ${mode}`, 'CAREBASE', dicomPort, copies(N), associations);
        await cstore(`Orthanc ${mode}`, orthanc.aeTitle, orthanc.dicomPort, copies(N), associations);
      }
    }
    if (ingests.length) {
      console.log('Ingest, Carebase against Orthanc (same files, one after the other)');
      ratios();
    }
    if (only.includes('wado')) {
      console.log('WADO-RS frame retrieval');
      await wado(cluster);
    }
    if (only.includes('qido')) {
      console.log('QIDO-RS search');
      await qido(cluster);
    }
    if (only.includes('memory') && BIG_MB > 0) {
      console.log('Memory while ingesting one large study (STOW-RS, 1 client)');
      await memory(cluster);
    }
  } catch (err) {
    console.log(cluster.output().slice(-3000));
    throw err;
  } finally {
    await orthanc?.stop();
    await cluster.close();
  }
}

await main();
