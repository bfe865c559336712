import { z } from 'zod';

/** ICD-10 codes are stored and shown with the dot ("J06.9"); input may omit it ("J069") or use lower case. */
const CODE_SHAPE = /^[A-Z][0-9][0-9A-Z](?:[0-9A-Z]{1,4})?$/;

export function normalizeIcd10Code(input: string): string | null {
  const bare = input.trim().toUpperCase().replace('.', '');
  if (!CODE_SHAPE.test(bare)) return null;
  return bare.length > 3 ? `${bare.slice(0, 3)}.${bare.slice(3)}` : bare;
}

export const Icd10CodeInputSchema = z
  .string()
  .trim()
  .max(10)
  .refine(
    (s) => normalizeIcd10Code(s) !== null,
    'is not an ICD-10 code (letter, digit, then 1–5 characters, e.g. J06.9)',
  )
  .transform((s) => normalizeIcd10Code(s) ?? s);

export const Icd10SearchQuerySchema = z.object({
  q: z.string().trim().min(1, 'type a code or some words').max(100),
  limit: z.coerce.number().int().min(1).max(20).default(20),
});

export const Icd10CodeSchema = z.object({
  code: z.string(),
  description: z.string(),
  /** Spanish (CIE-10) wording, where the code has one (the starter set does; the CMS file is English only). */
  descriptionEs: z.string().nullable(),
  /** False for category headers of the CMS order file (not valid for billing). */
  billable: z.boolean(),
});
export type Icd10Code = z.infer<typeof Icd10CodeSchema>;
export const Icd10SearchResultSchema = z.array(Icd10CodeSchema);
