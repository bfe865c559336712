import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { type SniffedContentType, sniffContentType } from './file-type.ts';

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
 * Reads any request body of this scope as bytes, up to the limit, so that `checkRawUpload` can answer with one
 * clear refusal after looking at them (JSON keeps its own parser). Register it in a scope of its own.
 */
export function registerRawUploadParser(
  scope: FastifyInstance,
  rules: RawUploadRules<SniffedContentType>,
): void {
  scope.addContentTypeParser('*', (request, payload, done) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > rules.maxBytes) {
      done(uploadTooLarge(rules), undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    payload.on('data', (chunk: Buffer) => {
      if (finished) return;
      size += chunk.length;
      if (size > rules.maxBytes) {
        finished = true;
        done(uploadTooLarge(rules), undefined);
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => {
      if (!finished) done(null, Buffer.concat(chunks));
    });
    payload.on('error', (err) => {
      if (!finished) {
        finished = true;
        done(err, undefined);
      }
    });
  });
}

/** Checks the bytes before anything is stored: their real type (by signature) must be accepted and match the header. */
export function checkRawUpload<T extends SniffedContentType>(
  body: unknown,
  declaredType: string | undefined,
  rules: RawUploadRules<T>,
): { bytes: Buffer; type: T } {
  const only = onlyAccepted(rules);
  const types = listed([...rules.accepted], 'or');
  if (!Buffer.isBuffer(body)) {
    throw bodyError(
      'unsupported_media_type',
      `${only}: send the file itself as the body with Content-Type ${types}.`,
      `must be the file itself, sent as ${types}`,
    );
  }
  if (body.length === 0) throw bodyError('bad_request', 'The file is empty.', 'is empty');
  if (body.length > rules.maxBytes) throw uploadTooLarge(rules);
  const sniffed = sniffContentType(body);
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
  return { bytes: body, type };
}
