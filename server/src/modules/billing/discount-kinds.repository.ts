import type { DiscountKind } from '@carebase/contracts';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { discountKinds } from './invoices.schema.ts';

export async function findDiscountKind(db: Executor, id: string): Promise<DiscountKind | undefined> {
  const [row] = await db.select().from(discountKinds).where(eq(discountKinds.id, id));
  if (!row) return undefined;
  return {
    id: row.id,
    code: row.code,
    nameEn: row.nameEn,
    nameEs: row.nameEs,
    value:
      row.kind === 'percent'
        ? { kind: 'percent', basisPoints: row.basisPoints ?? 0 }
        : { kind: 'amount', amountMinor: row.amountMinor ?? 0 },
    appliesTo: row.appliesTo,
    grantedBy: row.grantedBy,
    reasonRequired: row.reasonRequired,
    borneBy: row.borneBy,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}
