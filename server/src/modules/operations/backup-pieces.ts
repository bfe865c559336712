import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import type { BlobBackend } from '../../platform/files/blob-backend.ts';
import { decrypting, encrypting, HEADER_BYTES, TAG_BYTES } from './backup-crypto.ts';

/** A stored piece of a backup: its key in the destination, and the size and sha256 of the bytes stored. */
export type Piece = { key: string; size: number; sha256: string };

/** Counts and hashes what passes, reporting the bytes so far. */
function measuring(onBytes?: (bytes: number) => void) {
  const hash = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      onBytes?.(size);
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ size, sha256: hash.digest('hex') }) };
}

/** Writes a piece (encrypted when a key is given), measuring what is stored. */
export async function writePiece(
  dest: BlobBackend,
  key: string,
  source: Readable,
  encryptionKey: Buffer | null,
  onBytes?: (bytes: number) => void,
): Promise<Piece> {
  const stored = measuring();
  const plain = measuring(onBytes);
  source.on('error', (err) => plain.stream.destroy(err));
  let tail: Readable = source.pipe(plain.stream);
  if (encryptionKey) {
    const cipher = encrypting(encryptionKey);
    tail.on('error', (err) => cipher.destroy(err));
    tail = tail.pipe(cipher);
  }
  tail.on('error', (err) => stored.stream.destroy(err));
  await dest.write(key, tail.pipe(stored.stream));
  return { key, ...stored.result() };
}

/** A piece's plain bytes: decrypted (and authenticated at its end) when it was stored encrypted. */
export async function readPiece(
  dest: BlobBackend,
  key: string,
  encryptionKey: Buffer | null,
): Promise<Readable> {
  if (!encryptionKey) return dest.read(key);
  const size = await dest.stat(key);
  if (size === null || size < HEADER_BYTES + TAG_BYTES) throw new Error(`${key} is missing or truncated`);
  const collect = async (s: Readable) => {
    const parts: Buffer[] = [];
    for await (const c of s) parts.push(c as Buffer);
    return Buffer.concat(parts);
  };
  const header = await collect(await dest.read(key, { start: 0, end: HEADER_BYTES - 1 }));
  const tag = await collect(await dest.read(key, { start: size - TAG_BYTES, end: size - 1 }));
  const decipher = decrypting(encryptionKey, header, tag);
  if (size === HEADER_BYTES + TAG_BYTES) return Readable.from([]).pipe(decipher);
  const body = await dest.read(key, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 });
  body.on('error', (err) => decipher.destroy(err));
  return body.pipe(decipher);
}

/** Hashes a stream to its end. */
export async function sha256Of(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}
