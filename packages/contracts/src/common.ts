import { z } from 'zod';

export const IdSchema = z.uuid();
export const IdParamsSchema = z.object({ id: z.uuid() });
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });
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
