import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { BlobMissingError, type ByteRange } from './blob-backend.ts';
import { BlobCorruptError, type BlobStore } from './blob-store.ts';

/** Files up to this size are read and checked whole before the answer starts, so damage gets a clean error. */
const CHECK_FIRST_BYTES = 1024 * 1024;

/**
 * The range asked for by a `Range: bytes=…` header (one range; suffix and open-ended forms), `undefined` when
 * there is none or it cannot be read (the whole file is sent, as HTTP says), or 'unsatisfiable'.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): ByteRange | undefined | 'unsatisfiable' {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return undefined;
  return { start, end };
}

function storageFault(err: unknown): never {
  if (err instanceof BlobCorruptError || err instanceof BlobMissingError)
    throw new AppError('unavailable', 'The file cannot be read from storage: it is missing or damaged.');
  throw err;
}

/**
 * Sends a blob with the given headers: whole (checked against its hash; a large one as it streams, so the
 * connection is cut if the bytes turn out not to match) or the one range asked for (206).
 */
export async function sendBlob(
  request: FastifyRequest,
  reply: FastifyReply,
  store: BlobStore,
  sha256: string,
  headers: Record<string, string>,
): Promise<FastifyReply> {
  const size = await store.stat(sha256).catch(storageFault);
  if (size === null) storageFault(new BlobMissingError(sha256));
  reply.headers({ ...headers, 'accept-ranges': 'bytes' });
  const range = parseRange(request.headers.range, size);
  if (range === 'unsatisfiable') return reply.status(416).header('content-range', `bytes */${size}`).send();
  if (range) {
    const stream = await store.openRange(sha256, range).catch(storageFault);
    return reply
      .status(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
      .header('content-length', range.end - range.start + 1)
      .send(stream);
  }
  if (size <= CHECK_FIRST_BYTES) return reply.send(await store.read(sha256).catch(storageFault));
  const { stream } = await store.open(sha256).catch(storageFault);
  stream.on('error', (err) => request.log.error({ sha256, err }, 'a blob failed its check while being sent'));
  return reply.header('content-length', size).send(stream);
}
