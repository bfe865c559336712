import { z } from 'zod';
import { fieldError } from '../../platform/errors.ts';

/** Where a page ended: the sort value and id of its last row (and the phase or tie-break name when needed). */
export type PageCursor = { p?: 1 | 2; v: string; n?: string; id: string };

const CursorSchema = z.object({
  k: z.string(),
  p: z.union([z.literal(1), z.literal(2)]).optional(),
  v: z.string().max(300),
  n: z.string().max(300).optional(),
  id: z.uuid(),
});

/** Opaque to clients; `kind` ties it to the search mode, sort and order it was made for. */
export function encodeCursor(kind: string, cursor: PageCursor): string {
  return Buffer.from(JSON.stringify({ k: kind, ...cursor })).toString('base64url');
}

/** What a cursor value must look like for sorts whose values are cast back in SQL (a bad one must not reach it). */
export const CURSOR_VALUE_PATTERNS: Record<string, RegExp> = {
  birthDate: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  createdAt: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/,
  fuzzy: /^\d{1,3}(\.\d{1,6})?$/,
};

export function decodeCursor(raw: string, kind: string, valuePattern?: RegExp): PageCursor {
  let parsed: z.infer<typeof CursorSchema>;
  try {
    parsed = CursorSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw fieldError('query.cursor', 'is not a cursor this API returned');
  }
  if (parsed.k !== kind) throw fieldError('query.cursor', 'belongs to a search with another sort or order');
  if (valuePattern && !valuePattern.test(parsed.v))
    throw fieldError('query.cursor', 'is not a cursor this API returned');
  const { k: _kind, ...cursor } = parsed;
  return cursor;
}
