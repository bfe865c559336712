import { z } from 'zod';

export const IdSchema = z.uuid();
export const IdParamsSchema = z.object({ id: z.uuid() });
/** Checked only once the value has the right shape, so a malformed one gets one message. */
const whenWellFormed = { when: (payload: { issues: unknown[] }) => payload.issues.length === 0 };
const FROM_YEAR_ONE = 'must be in year 1 or later';
/** The first instant PostgreSQL stores without an era: 0001-01-01T00:00:00Z (year 0000 is refused). */
const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00Z');
export const IsoDateTimeSchema = z.iso
  .datetime({ offset: true })
  .refine((s) => Date.parse(s) >= FIRST_INSTANT, { message: FROM_YEAR_ONE, ...whenWellFormed });
/** A calendar date (YYYY-MM-DD) that exists, in year 1 or later (PostgreSQL refuses year 0000). */
export const IsoDateSchema = fromYearOne(z.iso.date());
/** The same rule for a date schema of its own (with its own message for the shape). */
export function fromYearOne<T extends z.ZodType<string>>(schema: T): T {
  return schema.refine((s) => s >= '0001-01-01', { message: FROM_YEAR_ONE, ...whenWellFormed });
}
export const EmailSchema = z
  .email()
  .max(254)
  .transform((s) => s.toLowerCase());
export const OkSchema = z.object({ ok: z.literal(true) });

export const SortOrderSchema = z.enum(['asc', 'desc']).default('asc');
export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const NOTHING_TO_CHANGE = 'names nothing to change: send at least one field';

/** A partial update names something to change when at least one of its fields is given (null clears one). */
export function namesAChange(patch: object): boolean {
  return Object.values(patch).some((value) => value !== undefined);
}

/**
 * The one rule for every partial update (PATCH bodies, and groups of fields merged into a stored whole): an
 * empty one is refused with 400 on the object itself (`body`, or `body.mail`), never run as an update that
 * changes nothing. It runs only when the fields themselves are valid, so an unknown field is reported alone.
 */
export function requireChange<T extends z.ZodType<object>>(schema: T): T {
  return schema.refine(namesAChange, {
    message: NOTHING_TO_CHANGE,
    when: (payload) => payload.issues.length === 0,
  });
}
