import { Readable } from 'node:stream';
import type { FieldError } from '@carebase/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** A cheap first look: any NUL or any surrogate half at all (paired ones are then checked properly). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const SUSPECT = /[\u0000\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const UNREADABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const NUL_MESSAGE = 'must not contain NUL characters';
export const SURROGATE_MESSAGE =
  'must be valid Unicode text: it contains a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape)';

/** What is wrong with a piece of text that no column, JSON document or audit event can hold; null if nothing. */
export function textProblem(text: string): string | null {
  if (!SUSPECT.test(text)) return null;
  if (text.includes('\u0000')) return NUL_MESSAGE;
  return LONE_SURROGATE.test(text) ? SURROGATE_MESSAGE : null;
}

/** A key as it may appear in a field path: what cannot be shown becomes U+FFFD. */
const shown = (key: string) => key.replace(UNREADABLE, '\uFFFD');

type Inputs = Pick<FastifyRequest, 'body' | 'query' | 'params'>;

/**
 * Every string (and object key) of the params, query and body that is not storable text, as field paths
 * such as `query.q` or `body.allergies.0.reaction`. Raw bodies (uploaded bytes, or the stream of an upload) are not text and are skipped.
 * Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function unreadableTextFields(inputs: Inputs): FieldError[] {
  const found: FieldError[] = [];
  const pending: [unknown, string][] = [
    [inputs.params, 'params'],
    [inputs.query, 'query'],
    [inputs.body, 'body'],
  ];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === 'string') {
      const message = textProblem(value);
      if (message) found.push({ path, message });
    } else if (
      value &&
      typeof value === 'object' &&
      !ArrayBuffer.isView(value) &&
      !(value instanceof Readable)
    ) {
      for (const [key, inner] of Object.entries(value)) {
        const keyMessage = textProblem(key);
        const innerPath = `${path}.${shown(key)}`;
        if (keyMessage) found.push({ path: innerPath, message: `(the field name) ${keyMessage}` });
        else pending.push([inner, innerPath]);
      }
    }
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

export function unreadableTextError(fields: FieldError[]): AppError {
  return new AppError('validation_failed', fields.map((f) => `${f.path} ${f.message}`).join('; '), {
    fields,
  });
}

/**
 * One rule at the edge for every string a request carries: text with a NUL character or a lone surrogate is
 * refused with 400 naming the field, before validation and before anything is stored. (PostgreSQL refuses
 * both in JSON and NUL in text, and a lone surrogate would otherwise turn silently into U+FFFD in text
 * columns.) Registered after the access check, so only a caller allowed to use the route learns of it.
 */
export function registerTextInputCheck(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.is404) return;
    const fields = unreadableTextFields(request);
    if (fields.length) throw unreadableTextError(fields);
  });
}
