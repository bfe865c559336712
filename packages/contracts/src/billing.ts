import { z } from 'zod';
import { requireChange } from './common.ts';

// ── Money ─────────────────────────────────────────────────────────────────────

/** Integer minor units of the clinic's currency (cents); the ceiling keeps a typo from becoming a price. */
export const MONEY_MAX_MINOR = 100_000_000;
/** Rates and percentages in basis points: 1,200 is 12 %. */
export const BASIS_POINTS_MAX = 10_000;

export const MoneySchema = z
  .number({ error: 'must be an amount in minor units (cents)' })
  .int('must be a whole number of minor units (cents)')
  .min(0, 'must not be negative')
  .max(MONEY_MAX_MINOR, `must be at most ${MONEY_MAX_MINOR} minor units`);

/** An amount that must be more than zero: a payment, a refund, a paid-out. */
export const PositiveMoneySchema = z
  .number({ error: 'must be an amount in minor units (cents)' })
  .int('must be a whole number of minor units (cents)')
  .min(1, 'must be more than zero')
  .max(MONEY_MAX_MINOR, `must be at most ${MONEY_MAX_MINOR} minor units`);

export const BasisPointsSchema = z
  .number({ error: 'must be a number of basis points (1,200 is 12 %)' })
  .int('must be a whole number of basis points (1,200 is 12 %)')
  .min(0, 'must not be negative')
  .max(BASIS_POINTS_MAX, `must be at most ${BASIS_POINTS_MAX} (100 %)`);

// ── Price list ───────────────────────────────────────────────────────────────

export const PRICE_ITEM_KINDS = [
  'consultation',
  'procedure',
  'dental',
  'lab',
  'imaging',
  'medicine',
  'supply',
  'other',
] as const;
export type PriceItemKind = (typeof PRICE_ITEM_KINDS)[number];

/** The doctor's share of a line: a percentage of what is paid, or a fixed amount per unit. The rest is the clinic's. */
export const DoctorShareSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), basisPoints: BasisPointsSchema }).strict(),
  z.object({ kind: z.literal('fixed'), amountMinor: MoneySchema }).strict(),
]);
export type DoctorShare = z.infer<typeof DoctorShareSchema>;

/** Upper-case letters, digits and dashes, as printed on invoices (CONS-GEN, LAB-CBC). */
export const PriceItemCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    /^[A-Z0-9][A-Z0-9-]{0,31}$/,
    'must be 1 to 32 letters, digits or dashes, starting with a letter or digit',
  );
const ItemNameSchema = z.string().trim().min(1, 'is required').max(200);

export const ProviderShareSchema = z.object({
  providerId: z.uuid(),
  providerName: z.string(),
  share: DoctorShareSchema,
  validFrom: z.string(),
});
export type ProviderShare = z.infer<typeof ProviderShareSchema>;

export const PriceItemSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: z.enum(PRICE_ITEM_KINDS),
  nameEn: z.string(),
  nameEs: z.string(),
  /** The appointment service this consultation type bills, if any. */
  serviceId: z.uuid().nullable(),
  active: z.boolean(),
  /** The current price and tax rate, in force since validFrom. */
  priceMinor: z.number().int(),
  taxRateBasisPoints: z.number().int(),
  validFrom: z.string(),
  /** The share of every doctor without an override; null: the whole line is the clinic's. */
  doctorShare: DoctorShareSchema.nullable(),
  overrides: z.array(ProviderShareSchema),
  createdAt: z.string(),
});
export type PriceItem = z.infer<typeof PriceItemSchema>;
export const PriceItemListSchema = z.object({ items: z.array(PriceItemSchema) });

export const PriceListQuerySchema = z
  .object({
    kind: z.enum(PRICE_ITEM_KINDS).optional(),
    active: z.enum(['true', 'false']).optional(),
    /** Part of the code or of either name. */
    q: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

export const CreatePriceItemSchema = z
  .object({
    code: PriceItemCodeSchema,
    kind: z.enum(PRICE_ITEM_KINDS),
    nameEn: ItemNameSchema,
    nameEs: ItemNameSchema,
    serviceId: z.uuid().nullable().default(null),
    priceMinor: MoneySchema,
    taxRateBasisPoints: BasisPointsSchema.default(0),
    doctorShare: DoctorShareSchema.nullable().default(null),
    active: z.boolean().default(true),
  })
  .strict();
export type CreatePriceItem = z.input<typeof CreatePriceItemSchema>;

/** The code never changes (invoices print it). A new price, tax rate or share starts a new period of history. */
export const UpdatePriceItemSchema = requireChange(
  z
    .object({
      kind: z.enum(PRICE_ITEM_KINDS),
      nameEn: ItemNameSchema,
      nameEs: ItemNameSchema,
      serviceId: z.uuid().nullable(),
      priceMinor: MoneySchema,
      taxRateBasisPoints: BasisPointsSchema,
      doctorShare: DoctorShareSchema.nullable(),
      active: z.boolean(),
    })
    .partial()
    .strict(),
);
export type UpdatePriceItem = z.infer<typeof UpdatePriceItemSchema>;

export const ProviderShareParamsSchema = z.object({ id: z.uuid(), providerId: z.uuid() });
export const PutProviderShareSchema = z.object({ share: DoctorShareSchema }).strict();

/** One period of an item's price and tax rate, or of one of its share rules. validTo null: still in force. */
export const PricePeriodSchema = z.object({
  priceMinor: z.number().int(),
  taxRateBasisPoints: z.number().int(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  changedByName: z.string().nullable(),
});
export const SharePeriodSchema = z.object({
  /** null: the default for every doctor. */
  providerId: z.uuid().nullable(),
  providerName: z.string().nullable(),
  /** null: no share (the whole line is the clinic's) during this period. */
  share: DoctorShareSchema.nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  changedByName: z.string().nullable(),
});
export const PriceItemHistorySchema = z.object({
  prices: z.array(PricePeriodSchema),
  shares: z.array(SharePeriodSchema),
});
export type PriceItemHistory = z.infer<typeof PriceItemHistorySchema>;

/** Creates a consultation item for each active, priced service that no item bills yet. */
export const ImportServicesResultSchema = z.object({ created: z.array(PriceItemSchema) });
