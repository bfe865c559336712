import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { api, startCluster } from './bench-servers.ts';

const MB = 1024 * 1024;

/** The resident and peak memory of a process, from /proc (Linux). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Samples a process's RSS until stopped; gives the highest seen. */
export function sampleRss(pid: number, everyMs = 50) {
  let max = memoryOf(pid).rss;
  const timer = setInterval(() => {
    max = Math.max(max, memoryOf(pid).rss);
  }, everyMs);
  return () => {
    clearInterval(timer);
    return Math.max(max, memoryOf(pid).rss);
  };
}

/** `size` bytes that start as a PDF and go on as cheap, non-repeating filler, and their sha256 once read. */
export function generatedPdf(size: number): { stream: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  const chunk = 4 * MB;
  const base = Buffer.alloc(chunk);
  for (let i = 0; i < chunk; i += 4) base.writeUInt32LE((i * 2654435761) >>> 0, i);
  base.write('%PDF-1.7\n', 0, 'latin1');
  let sent = 0;
  let n = 0;
  const stream = new Readable({
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const part = Buffer.from(base.subarray(0, Math.min(chunk, size - sent)));
      if (sent > 0) part.writeUInt32LE(n++, 0);
      sent += part.length;
      hash.update(part);
      this.push(part);
    },
  });
  return { stream, sha256: () => hash.digest('hex') };
}

export type TransferFigures = {
  backend: string;
  sizeMb: number;
  uploadMbS: number;
  downloadMbS: number;
  baseRssMb: number;
  uploadRssGrowthMb: number;
  downloadRssGrowthMb: number;
};

function post(
  url: string,
  token: string,
  size: number,
  body: Readable,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/pdf',
        'content-length': size,
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    body.pipe(req);
  });
}

function download(url: string, token: string): Promise<{ sha256: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        const hash = createHash('sha256');
        let bytes = 0;
        res.on('data', (d: Buffer) => {
          hash.update(d);
          bytes += d.length;
        });
        res.on('end', () => resolve({ sha256: hash.digest('hex'), bytes }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** A 2 GB (or `size`) attachment uploaded and downloaded through the API of a server on that backend. */
export async function measureTransfer(
  backend: string,
  size: number,
  extraEnv: Record<string, string>,
): Promise<TransferFigures> {
  const cluster = await startCluster('pglite', 1, {
    ATTACHMENT_MAX_MB: String(Math.ceil(size / MB) + 1),
    REQUEST_TIMEOUT_SECONDS: '3600',
    ...extraEnv,
  });
  try {
    const [base = '', pid = 0] = [cluster.urls[0], cluster.pids[0]];
    const patient = await api<{ id: string }>(base, cluster.token, 'POST', '/api/patients', {
      givenName: 'Large',
      familyName: 'Upload',
      sex: 'female',
      birthDate: '1980-01-01',
      confirmDuplicate: true,
    });
    // Warm the route with a small file first, so the baseline includes what every upload loads once.
    const small = generatedPdf(MB);
    const url = `${base}/api/patients/${patient.body.id}/attachments?filename=large.pdf&kind=imaging`;
    await post(url, cluster.token, MB, small.stream);
    const baseRss = memoryOf(pid).rss;

    const file = generatedPdf(size);
    let stop = sampleRss(pid);
    let started = performance.now();
    const uploaded = await post(url, cluster.token, size, file.stream);
    const uploadMs = performance.now() - started;
    const uploadRss = stop();
    if (uploaded.status !== 201)
      throw new Error(`upload → ${uploaded.status}: ${uploaded.text.slice(0, 300)}`);
    const attachment = JSON.parse(uploaded.text) as { id: string; sha256: string };
    if (attachment.sha256 !== file.sha256()) throw new Error('the stored file does not hash as it was sent');

    stop = sampleRss(pid);
    started = performance.now();
    const got = await download(`${base}/api/attachments/${attachment.id}/content`, cluster.token);
    const downloadMs = performance.now() - started;
    const downloadRss = stop();
    if (got.sha256 !== attachment.sha256 || got.bytes !== size) throw new Error('the download differs');
    return {
      backend,
      sizeMb: size / MB,
      uploadMbS: size / MB / (uploadMs / 1000),
      downloadMbS: size / MB / (downloadMs / 1000),
      baseRssMb: baseRss / MB,
      uploadRssGrowthMb: (uploadRss - baseRss) / MB,
      downloadRssGrowthMb: (downloadRss - baseRss) / MB,
    };
  } finally {
    await cluster.close();
  }
}

/** The reference: the same bytes written to a local file (fsynced) and read back by this process. */
export async function measureDisk(size: number): Promise<{ writeMbS: number; readMbS: number }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-disk-')), 'ref.bin');
  try {
    const source = generatedPdf(size);
    let started = performance.now();
    await pipeline(source.stream, fs.createWriteStream(file));
    const handle = await fs.promises.open(file, 'r');
    await handle.sync();
    await handle.close();
    const writeMs = performance.now() - started;
    started = performance.now();
    const hash = createHash('sha256');
    for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
    const readMs = performance.now() - started;
    return { writeMbS: size / MB / (writeMs / 1000), readMbS: size / MB / (readMs / 1000) };
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}
