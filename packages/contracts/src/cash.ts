import { z } from 'zod';
import { MoneySchema, PositiveMoneySchema } from './billing.ts';
import { LocalDateSchema } from './scheduling.ts';

export const DRAWER_MOVEMENT_KINDS = ['payment', 'refund', 'paid_out', 'reopen'] as const;

const ReasonSchema = z.string().trim().min(1, 'is required').max(500);
/** Note and coin values in minor units ("10000" is a note of 100.00) mapped to how many were counted. */
export const DenominationCountsSchema = z
  .record(
    z.string().regex(/^[1-9]\d{0,7}$/, 'must be a denomination in minor units'),
    z.number().int('must be a whole number').min(0, 'must not be negative').max(100_000),
  )
  .refine((c) => Object.keys(c).length <= 40, 'must name at most 40 denominations');

/** The cash a count by denomination adds up to ({ "10000": 3, "25": 4 } → 30100 minor units). */
export function countedMinorOf(counts: Record<string, number>): number {
  return Object.entries(counts).reduce((sum, [value, n]) => sum + Number(value) * n, 0);
}

export const OpenDrawerSchema = z.object({ openingFloatMinor: MoneySchema }).strict();
export const PaidOutSchema = z.object({ amountMinor: PositiveMoneySchema, reason: ReasonSchema }).strict();
export const CloseDrawerSchema = z.object({ counts: DenominationCountsSchema }).strict();
export const ReopenDrawerSchema = z.object({ reason: ReasonSchema }).strict();
export type OpenDrawer = z.infer<typeof OpenDrawerSchema>;
export type PaidOut = z.infer<typeof PaidOutSchema>;
export type CloseDrawer = z.infer<typeof CloseDrawerSchema>;
export type ReopenDrawer = z.infer<typeof ReopenDrawerSchema>;
/** The drawers of one business day (the clinic's today when absent). */
export const DrawerListQuerySchema = z.object({ day: LocalDateSchema.optional() }).strict();

export const DrawerMovementSchema = z.object({
  kind: z.enum(DRAWER_MOVEMENT_KINDS),
  amountMinor: z.number().int(),
  reference: z.string().nullable(),
  reason: z.string().nullable(),
  byName: z.string().nullable(),
  at: z.string(),
});
export type DrawerMovement = z.infer<typeof DrawerMovementSchema>;

export const CashDrawerSchema = z.object({
  id: z.uuid(),
  cashierId: z.uuid(),
  cashierName: z.string(),
  businessDay: z.string(),
  status: z.enum(['open', 'closed']),
  openingFloatMinor: z.number().int(),
  cashInMinor: z.number().int(),
  cashOutMinor: z.number().int(),
  /** Float + in − out: what should be in the drawer now. */
  expectedMinor: z.number().int(),
  counts: z.record(z.string(), z.number().int()).nullable(),
  countedMinor: z.number().int().nullable(),
  /** Counted − expected at close: negative is short, positive is over. */
  differenceMinor: z.number().int().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  movements: z.array(DrawerMovementSchema),
});
export type CashDrawer = z.infer<typeof CashDrawerSchema>;
export const CashDrawerListSchema = z.object({ items: z.array(CashDrawerSchema) });
