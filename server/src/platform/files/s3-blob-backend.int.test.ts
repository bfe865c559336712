import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startS3TestServer } from '../../test/s3-test-server.ts';
import { describeBlobBackend } from './blob-backend.suite.ts';
import { type BlobBackend, BlobMissingError } from './blob-backend.ts';
import { describeBlobStore } from './blob-store.suite.ts';
import { createS3BlobBackend, type S3BlobBackendOptions } from './s3-blob-backend.ts';

const MB = 1024 * 1024;
let server: Awaited<ReturnType<typeof startS3TestServer>>;
let staging: string;
const opened: BlobBackend[] = [];
let prefixes = 0;

beforeAll(async () => {
  server = await startS3TestServer();
  staging = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-s3-staging-'));
});
afterAll(async () => {
  await Promise.all(opened.map((b) => b.close()));
  await server?.close();
  fs.rmSync(staging, { recursive: true, force: true });
});

/** A backend on the test bucket under a prefix of its own, so tests do not see each other's objects. */
function backend(overrides: Partial<S3BlobBackendOptions> = {}): BlobBackend {
  prefixes += 1;
  const b = createS3BlobBackend({ ...server.options(staging), prefix: `test-${prefixes}`, ...overrides });
  opened.push(b);
  return b;
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The bytes in 64 KiB chunks, then an error, as when a client drops the connection mid-upload. */
function failingAfter(bytes: Buffer): Readable {
  return Readable.from(
    (async function* () {
      for (let i = 0; i < bytes.length; i += 64 * 1024) yield bytes.subarray(i, i + 64 * 1024);
      throw new Error('client went away');
    })(),
  );
}

/** Keys and sizes, sorted; the times are checked on their own. */
async function listAll(b: BlobBackend, prefix?: string) {
  const found: { key: string; size: number }[] = [];
  for await (const { key, size } of b.list(prefix)) found.push({ key, size });
  return found.sort((x, y) => x.key.localeCompare(y.key));
}

describe('S3 blob backend', () => {
  it('writes, stats and reads an object back, and says where it lives', async () => {
    const b = backend({ prefix: '/nested/store/' });
    const bytes = Buffer.from('%PDF-1.7 a referral letter');
    expect(await b.write('ab/cd/letter.pdf', Readable.from([bytes]))).toBe(bytes.length);
    expect(await b.stat('ab/cd/letter.pdf')).toBe(bytes.length);
    expect(await bytesOf(await b.read('ab/cd/letter.pdf'))).toEqual(bytes);
    expect(b.location).toBe('s3://carebase-test/nested/store');
    expect(b.stagingDir).toBe(staging);
  });

  it('reads a range, both ends included', async () => {
    const b = backend();
    await b.write('range', Readable.from([Buffer.from('0123456789')]));
    expect((await bytesOf(await b.read('range', { start: 2, end: 5 }))).toString()).toBe('2345');
    expect((await bytesOf(await b.read('range', { start: 9, end: 9 }))).toString()).toBe('9');
  });

  it('knows when there is nothing under a key', async () => {
    const b = backend();
    expect(await b.stat('missing')).toBeNull();
    await expect(b.read('missing')).rejects.toBeInstanceOf(BlobMissingError);
    await expect(b.read('missing', { start: 0, end: 1 })).rejects.toBeInstanceOf(BlobMissingError);
  });

  it('lists its own objects with sizes, all or under a folder', async () => {
    const b = backend();
    const other = backend();
    await other.write('a/elsewhere', Readable.from([Buffer.from('x')]));
    for (const [key, text] of [
      ['a/1', 'one'],
      ['a/2', 'two!'],
      ['ab/3', 'three'],
      ['b/c/4', 'four'],
    ])
      await b.write(key!, Readable.from([Buffer.from(text!)]));
    expect(await listAll(b)).toEqual([
      { key: 'a/1', size: 3 },
      { key: 'a/2', size: 4 },
      { key: 'ab/3', size: 5 },
      { key: 'b/c/4', size: 4 },
    ]);
    const underA = [
      { key: 'a/1', size: 3 },
      { key: 'a/2', size: 4 },
    ];
    expect(await listAll(b, 'a')).toEqual(underA);
    expect(await listAll(b, 'a/')).toEqual(underA);
    expect(await listAll(b, 'b/c')).toEqual([{ key: 'b/c/4', size: 4 }]);
    expect(await listAll(b, 'nothing')).toEqual([]);
    const times: number[] = [];
    for await (const object of b.list('b')) times.push(object.modifiedAt.getTime());
    expect(times).toHaveLength(1);
    expect(Math.abs(times[0]! - Date.now())).toBeLessThan(60_000);
  });

  it('removes an object, and removing it again is fine', async () => {
    const b = backend();
    await b.write('gone', Readable.from([Buffer.from('bye')]));
    await b.remove('gone');
    expect(await b.stat('gone')).toBeNull();
    await b.remove('gone');
    expect(await listAll(b)).toEqual([]);
  });

  it('replaces what was under the key', async () => {
    const b = backend();
    await b.write('note', Readable.from([Buffer.from('first version')]));
    await b.write('note', Readable.from([Buffer.from('second')]));
    expect((await bytesOf(await b.read('note'))).toString()).toBe('second');
    expect(await b.stat('note')).toBe(6);
  });

  it('leaves nothing when the source fails, in one part or in several, and keeps what was there', async () => {
    const b = backend({ partSizeBytes: 5 * MB });
    await expect(b.write('small', failingAfter(randomBytes(100_000)))).rejects.toThrow('client went away');
    await expect(b.write('large', failingAfter(randomBytes(11 * MB)))).rejects.toThrow('client went away');
    expect(await b.stat('small')).toBeNull();
    expect(await b.stat('large')).toBeNull();

    await b.write('kept', Readable.from([Buffer.from('original')]));
    await expect(b.write('kept', failingAfter(randomBytes(11 * MB)))).rejects.toThrow('client went away');
    expect((await bytesOf(await b.read('kept'))).toString()).toBe('original');
    expect(await listAll(b)).toEqual([{ key: 'kept', size: 8 }]);
  });

  it('uploads a large stream in parts and reads it back byte for byte', async () => {
    const b = backend({ partSizeBytes: 5 * MB });
    const bytes = randomBytes(12 * MB + 12_345);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 65_536) }, (_, i) =>
      bytes.subarray(i * 65_536, (i + 1) * 65_536),
    );
    expect(await b.write('big', Readable.from(chunks))).toBe(bytes.length);
    expect(await b.stat('big')).toBe(bytes.length);
    expect(sha256(await bytesOf(await b.read('big')))).toBe(sha256(bytes));
    const tail = await bytesOf(await b.read('big', { start: 10 * MB, end: bytes.length - 1 }));
    expect(tail.equals(bytes.subarray(10 * MB))).toBe(true);
  });

  it('moves a local file in, in parts, and the file is gone afterwards', async () => {
    const b = backend({ partSizeBytes: 5 * MB });
    const bytes = randomBytes(11 * MB);
    const file = path.join(staging, 'incoming.part');
    fs.writeFileSync(file, bytes);
    await b.moveIn('scan/ct.dcm', file);
    expect(fs.existsSync(file)).toBe(false);
    expect(sha256(await bytesOf(await b.read('scan/ct.dcm')))).toBe(sha256(bytes));
  });

  it('refuses keys that could step out of the store', async () => {
    const b = backend();
    const file = path.join(staging, 'kept.part');
    fs.writeFileSync(file, 'x');
    for (const key of ['../x', '/abs', 'a//b', '']) {
      await expect(b.write(key, Readable.from([Buffer.from('x')]))).rejects.toThrow(/not a valid object key/);
      await expect(b.moveIn(key, file)).rejects.toThrow(/not a valid object key/);
      await expect(b.read(key)).rejects.toThrow(/not a valid object key/);
      await expect(b.stat(key)).rejects.toThrow(/not a valid object key/);
      await expect(b.remove(key)).rejects.toThrow(/not a valid object key/);
    }
    await expect(listAll(b, '../x')).rejects.toThrow(/not a valid object key/);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('takes credentials from the environment when none are given', async () => {
    // s3rver checks the access key id (it does not recompute SigV4 signatures).
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', server.credentials.secretAccessKey);
    try {
      vi.stubEnv('AWS_ACCESS_KEY_ID', 'NOBODY');
      await expect(backend({ credentials: undefined }).stat('env')).rejects.toThrow();
      vi.stubEnv('AWS_ACCESS_KEY_ID', server.credentials.accessKeyId);
      const b = backend({ credentials: undefined });
      await b.write('env', Readable.from([Buffer.from('signed')]));
      expect(await b.stat('env')).toBe(6);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  // s3rver encrypts its continuation tokens with DES, which Node's OpenSSL 3 has only with
  // NODE_OPTIONS=--openssl-legacy-provider; without it any listing past one page fails on the server.
  it.skipIf(!desAvailable())('lists past one page of 1000 keys', async () => {
    const b = backend();
    for (let i = 0; i < 1050; i += 50)
      await Promise.all(
        Array.from({ length: 50 }, (_, j) => b.write(`p/${i + j}`, Readable.from([Buffer.from('x')]))),
      );
    expect((await listAll(b, 'p')).length).toBe(1050);
  });
});

function desAvailable(): boolean {
  try {
    createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
    return true;
  } catch {
    return false;
  }
}

/** The shared suites look at their staging folder, so each gets one of its own. */
const ownStaging = async () => backend({ stagingDir: fs.mkdtempSync(path.join(staging, 'suite-')) });
describeBlobBackend('S3-compatible server (s3rver)', ownStaging);
describeBlobStore('S3-compatible server (s3rver)', ownStaging);
