import { z } from 'zod';
import { BasisPointsSchema, MoneySchema, PriceItemCodeSchema } from './billing.ts';
import { requireChange } from './common.ts';
import { RoleKeySchema } from './users.ts';

/** Whether a kind of discount is granted on one line, on the whole invoice, or either. */
export const DISCOUNT_APPLIES_TO = ['line', 'invoice', 'both'] as const;
/**
 * Whose share a discount comes out of: the doctor's (down to nothing), the clinic's (the doctor keeps the
 * share of the full price, up to what is left), or both in proportion to their shares of the line.
 */
export const DISCOUNT_BORNE_BY = ['doctor', 'clinic', 'proportional'] as const;
export type DiscountBorneBy = (typeof DISCOUNT_BORNE_BY)[number];

export const DiscountValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), basisPoints: BasisPointsSchema }).strict(),
  z.object({ kind: z.literal('amount'), amountMinor: MoneySchema }).strict(),
]);
export type DiscountValue = z.infer<typeof DiscountValueSchema>;

const NameSchema = z.string().trim().min(1, 'is required').max(200);

export const DiscountKindSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  nameEn: z.string(),
  nameEs: z.string(),
  value: DiscountValueSchema,
  appliesTo: z.enum(DISCOUNT_APPLIES_TO),
  /** Role keys whose holders may grant it; empty: anyone who may bill. */
  grantedBy: z.array(z.string()),
  reasonRequired: z.boolean(),
  borneBy: z.enum(DISCOUNT_BORNE_BY),
  active: z.boolean(),
  createdAt: z.string(),
});
export type DiscountKind = z.infer<typeof DiscountKindSchema>;
export const DiscountKindListSchema = z.object({ items: z.array(DiscountKindSchema) });

/** The fields a kind is written with, with no defaults: an update changes only what it names. */
const DiscountKindFieldsSchema = z
  .object({
    nameEn: NameSchema,
    nameEs: NameSchema,
    value: DiscountValueSchema,
    appliesTo: z.enum(DISCOUNT_APPLIES_TO),
    grantedBy: z.array(RoleKeySchema).max(20),
    reasonRequired: z.boolean(),
    borneBy: z.enum(DISCOUNT_BORNE_BY),
    active: z.boolean(),
  })
  .strict();

export const CreateDiscountKindSchema = DiscountKindFieldsSchema.extend({
  code: PriceItemCodeSchema,
  appliesTo: DiscountKindFieldsSchema.shape.appliesTo.default('both'),
  grantedBy: DiscountKindFieldsSchema.shape.grantedBy.default([]),
  reasonRequired: z.boolean().default(false),
  borneBy: DiscountKindFieldsSchema.shape.borneBy.default('proportional'),
  active: z.boolean().default(true),
}).strict();
export type CreateDiscountKind = z.input<typeof CreateDiscountKindSchema>;

/**
 * The code never changes; invoices keep the value they were granted with, so editing one changes only later
 * grants. Built without the create defaults, which would otherwise reset every field the patch leaves out.
 */
export const UpdateDiscountKindSchema = requireChange(DiscountKindFieldsSchema.partial().strict());
export type UpdateDiscountKind = z.infer<typeof UpdateDiscountKindSchema>;

export const DiscountKindListQuerySchema = z.object({ active: z.enum(['true', 'false']).optional() });
