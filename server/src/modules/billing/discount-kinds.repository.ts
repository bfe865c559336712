import type { DiscountKind, DiscountValue } from '@carebase/contracts';
import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { discountKinds } from './invoices.schema.ts';

type DiscountKindRow = typeof discountKinds.$inferSelect;
export type DiscountKindFields = Omit<DiscountKind, 'id' | 'code' | 'createdAt'>;

function discountValueOf(row: DiscountKindRow): DiscountValue {
  return row.kind === 'percent'
    ? { kind: 'percent', basisPoints: row.basisPoints ?? 0 }
    : { kind: 'amount', amountMinor: row.amountMinor ?? 0 };
}

function toDiscountKind(row: DiscountKindRow): DiscountKind {
  const { kind: _, basisPoints: __, amountMinor: ___, createdAt, ...fields } = row;
  return { ...fields, value: discountValueOf(row), createdAt: createdAt.toISOString() };
}

/** The value's columns: one of basis_points and amount_minor is set, the other null (the check wants it). */
function valueColumns(value: DiscountValue) {
  return value.kind === 'percent'
    ? { kind: value.kind, basisPoints: value.basisPoints, amountMinor: null }
    : { kind: value.kind, basisPoints: null, amountMinor: value.amountMinor };
}

export async function listDiscountKinds(
  db: Executor,
  f: { active?: boolean | undefined },
): Promise<DiscountKind[]> {
  const rows = await db
    .select()
    .from(discountKinds)
    .where(f.active === undefined ? undefined : eq(discountKinds.active, f.active))
    .orderBy(asc(discountKinds.code));
  return rows.map(toDiscountKind);
}

export async function findDiscountKind(db: Executor, id: string): Promise<DiscountKind | undefined> {
  const [row] = await db.select().from(discountKinds).where(eq(discountKinds.id, id));
  return row && toDiscountKind(row);
}

/** The kind with its row locked for the rest of the transaction, so edits to one kind take turns. */
export async function lockDiscountKind(db: Executor, id: string): Promise<DiscountKind | undefined> {
  const [row] = await db.select().from(discountKinds).where(eq(discountKinds.id, id)).for('update');
  return row && toDiscountKind(row);
}

export async function findDiscountKindIdByCode(db: Executor, code: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: discountKinds.id })
    .from(discountKinds)
    .where(eq(discountKinds.code, code));
  return row?.id;
}

export async function insertDiscountKind(
  db: Executor,
  k: DiscountKindFields & { code: string },
): Promise<string> {
  const { value, ...fields } = k;
  const [row] = await db
    .insert(discountKinds)
    .values({ ...fields, ...valueColumns(value) })
    .returning({ id: discountKinds.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function updateDiscountKind(
  db: Executor,
  id: string,
  patch: Partial<DiscountKindFields>,
): Promise<void> {
  const { value, ...fields } = patch;
  const set = {
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    ...(value ? valueColumns(value) : {}),
  };
  if (Object.keys(set).length === 0) return;
  await db.update(discountKinds).set(set).where(eq(discountKinds.id, id));
}
