import { z } from 'zod';

export const FieldErrorSchema = z.object({ path: z.string(), message: z.string() });

/** RFC 9457 problem details, as every error response of the API is shaped. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  errors: z.array(FieldErrorSchema).optional(),
  requestId: z.string(),
});
export type Problem = z.infer<typeof ProblemSchema>;
export type FieldError = z.infer<typeof FieldErrorSchema>;
