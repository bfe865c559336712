import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { type BlobStore, BlobTooLargeError, BlobUploadCutError, type StoredBlob } from './blob-store.ts';
import { type SniffedContentType, sniffContentType } from './file-type.ts';

/** Enough of the start of a file to tell its type by signature (WebP needs 12). */
const SNIFF_BYTES = 16;

/** What an upload sent as the raw request body may be: its types, its size, and what it is for (in messages). */
export type RawUploadRules<T extends SniffedContentType> = {
  accepted: readonly T[];
  maxBytes: number;
  /** Named in the refusals: "the clinic logo", "attachments". */
  purpose: string;
};

const NAMES: Record<SniffedContentType, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'application/pdf': 'PDF',
};

function listed(words: string[], last: string): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}` : (words[0] ?? '');
}

function onlyAccepted(rules: RawUploadRules<SniffedContentType>): string {
  return `Only ${listed(
    rules.accepted.map((t) => NAMES[t]),
    'and',
  )} files are accepted for ${rules.purpose}`;
}

function bodyError(code: 'unsupported_media_type' | 'bad_request', detail: string, message: string) {
  return new AppError(code, detail, { fields: [{ path: 'body', message }] });
}

export function uploadTooLarge(rules: RawUploadRules<SniffedContentType>): AppError {
  const limit = `${rules.maxBytes / (1024 * 1024)} MB`;
  return new AppError(
    'payload_too_large',
    `The file is larger than the ${limit} allowed for ${rules.purpose}.`,
    {
      fields: [{ path: 'body', message: `is larger than ${limit}` }],
    },
  );
}

/**
 * Hands the request body of this scope to the route as a stream, unread, so that a file of any size passes
 * through without being held in memory; a declared length over the limit is refused before a byte is read.
 * `types` defaults to any type not otherwise parsed (JSON keeps its parser), so that one clear refusal follows.
 */
export function registerRawUploadParser(
  scope: FastifyInstance,
  rules: RawUploadRules<SniffedContentType>,
  types: string | string[] = '*',
): void {
  scope.addContentTypeParser(types, (request, payload, done) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > rules.maxBytes) {
      done(uploadTooLarge(rules), undefined);
      return;
    }
    done(null, payload);
  });
}

export type RawUpload<T extends SniffedContentType> = { source: Readable; type: T };

/** The first bytes of a stream (enough to tell its type), and a stream that still gives every byte. */
async function peek(stream: Readable, wanted: number): Promise<{ head: Buffer; whole: Readable }> {
  const seen: Buffer[] = [];
  let length = 0;
  while (length < wanted && !stream.readableEnded) {
    if (stream.destroyed) throw new BlobUploadCutError();
    const chunk = stream.read() as Buffer | null;
    if (chunk) {
      seen.push(Buffer.from(chunk));
      length += chunk.length;
      continue;
    }
    await new Promise<void>((resolve, reject) => {
      const events = ['readable', 'end', 'close'] as const;
      const settle = () => {
        for (const e of events) stream.off(e, settle);
        stream.off('error', fail);
        resolve();
      };
      const fail = (err: Error) => {
        settle();
        reject(err);
      };
      for (const e of events) stream.once(e, settle);
      stream.once('error', fail);
    });
  }
  const head = Buffer.concat(seen);
  // A stream that has ended takes nothing back: the whole file is the head.
  if (stream.readableEnded) return { head, whole: Readable.from([head]) };
  stream.unshift(head);
  return { head, whole: stream };
}

/**
 * Checks the start of the body before anything is stored: its real type (by signature) must be accepted and
 * match the header. The rest is checked as it is stored (its size, through `storeRawUpload`).
 */
export async function checkRawUpload<T extends SniffedContentType>(
  body: unknown,
  declaredType: string | undefined,
  rules: RawUploadRules<T>,
): Promise<RawUpload<T>> {
  const only = onlyAccepted(rules);
  const types = listed([...rules.accepted], 'or');
  const stream = Buffer.isBuffer(body) ? Readable.from([body]) : body instanceof Readable ? body : null;
  if (!stream) {
    throw bodyError(
      'unsupported_media_type',
      `${only}: send the file itself as the body with Content-Type ${types}.`,
      `must be the file itself, sent as ${types}`,
    );
  }
  const { head, whole } = await peek(stream, SNIFF_BYTES);
  if (head.length === 0) throw bodyError('bad_request', 'The file is empty.', 'is empty');
  const sniffed = sniffContentType(head);
  const type = rules.accepted.find((t) => t === sniffed);
  if (!type) {
    throw bodyError('unsupported_media_type', `${only}; this file is none of them.`, `must be ${types}`);
  }
  const declared = declaredType?.split(';')[0]?.trim().toLowerCase();
  if (declared !== type) {
    throw bodyError(
      'unsupported_media_type',
      `The file's content is ${type} but it was sent as ${declared || 'no type'}; send it with Content-Type ${type}.`,
      `is ${type} but was sent as ${declared || 'no type'}`,
    );
  }
  return { source: whole, type };
}

/** Stores a checked upload as it streams in, refusing it (and keeping nothing) once it passes the limit. */
export async function storeRawUpload(
  store: BlobStore,
  executor: Executor,
  upload: RawUpload<SniffedContentType>,
  rules: RawUploadRules<SniffedContentType>,
): Promise<StoredBlob> {
  try {
    return await store.put(executor, upload.source, { contentType: upload.type, maxBytes: rules.maxBytes });
  } catch (err) {
    throw err instanceof BlobTooLargeError ? uploadTooLarge(rules) : err;
  }
}
