import type { DiscountKind, GrantDiscount, InvoiceLineInput } from '@carebase/contracts';
import type { Principal } from '../../platform/access/principal.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { activeProviderIds } from '../scheduling/providers.service.ts';
import * as priceRepo from './billing.repository.ts';
import { shareOf } from './billing-mappers.ts';
import { type GrantedDiscount, type LineTerms, type PricedInvoice, priceInvoice } from './billing-math.ts';
import { findDiscountKind } from './discount-kinds.repository.ts';
import type { InvoiceInsert, LineInsert } from './invoices.repository.ts';

/** A discount kind granted by this caller, checked: active, for this place, by an allowed role, with a reason if required. */
export async function grantedDiscount(
  db: Executor,
  principal: Principal,
  grant: GrantDiscount,
  where: 'line' | 'invoice',
  path: string,
): Promise<{ kind: DiscountKind; granted: GrantedDiscount }> {
  const kind = await findDiscountKind(db, grant.kindId);
  if (!kind?.active) throw fieldError(`${path}.kindId`, 'is not an active discount kind');
  if (kind.appliesTo !== 'both' && kind.appliesTo !== where)
    throw fieldError(
      `${path}.kindId`,
      `is granted only on ${kind.appliesTo === 'line' ? 'lines' : 'whole invoices'}`,
    );
  if (kind.grantedBy.length > 0 && !principal.roles.some((r) => kind.grantedBy.includes(r)))
    throw new AppError(
      'forbidden',
      `Only ${kind.grantedBy.join(', ')} may grant the ${kind.nameEn} discount.`,
      {
        fields: [{ path: `${path}.kindId`, message: 'may not be granted by you' }],
      },
    );
  if (kind.reasonRequired && !grant.reason)
    throw fieldError(`${path}.reason`, `is required for the ${kind.nameEn} discount`);
  return { kind, granted: { value: kind.value, borneBy: kind.borneBy } };
}

type ResolvedLine = { terms: LineTerms; row: Omit<LineInsert, keyof PricedInvoice['lines'][number]> };

/** One input line with the price, tax rate and doctor's share in force now, kept on the line from here on. */
async function resolveLine(
  db: Executor,
  principal: Principal,
  input: InvoiceLineInput & { quantity: number },
  i: number,
  language: 'en' | 'es',
  source?: { type: string; id: string },
): Promise<ResolvedLine> {
  const path = `body.lines.${i}`;
  const item = await priceRepo.findItem(db, input.priceItemId);
  if (!item?.active) throw fieldError(`${path}.priceItemId`, 'is not an active price list item');
  const providerId = input.providerId ?? null;
  if (providerId && !(await activeProviderIds(db, [providerId])).has(providerId))
    throw fieldError(`${path}.providerId`, 'is not an active user with a clinical role');
  const own = providerId ? await priceRepo.currentShare(db, item.id, providerId) : undefined;
  const share = providerId ? shareOf(own ?? (await priceRepo.currentShare(db, item.id, null))) : null;
  const discount = input.discount
    ? await grantedDiscount(db, principal, input.discount, 'line', `${path}.discount`)
    : null;
  return {
    terms: {
      quantity: input.quantity,
      unitPriceMinor: item.priceMinor,
      taxRateBp: item.taxRateBp,
      share,
      discount: discount?.granted ?? null,
      payerMinor: input.payerMinor ?? 0,
      coverageBp: input.coverageBasisPoints,
    },
    row: {
      priceItemId: item.id,
      kind: item.kind,
      code: item.code,
      description: language === 'es' ? item.nameEs : item.nameEn,
      quantity: input.quantity,
      unitPriceMinor: item.priceMinor,
      taxRateBp: item.taxRateBp,
      providerId,
      shareKind: share?.kind ?? null,
      shareBasisPoints: share?.kind === 'percent' ? share.basisPoints : null,
      shareAmountMinor: share?.kind === 'fixed' ? share.amountMinor : null,
      discountKindId: discount?.kind.id ?? null,
      discountBasisPoints: discount?.kind.value.kind === 'percent' ? discount.kind.value.basisPoints : null,
      discountAmountMinor: discount?.kind.value.kind === 'amount' ? discount.kind.value.amountMinor : null,
      discountReason: input.discount?.reason ?? null,
      discountBorneBy: discount?.kind.borneBy ?? null,
      sourceType: source?.type ?? null,
      sourceId: source?.id ?? null,
    },
  };
}

export type LinesAndTotals = {
  lines: LineInsert[];
  invoice: Pick<
    InvoiceInsert,
    | 'subtotalMinor'
    | 'discountMinor'
    | 'taxMinor'
    | 'totalMinor'
    | 'payerMinor'
    | 'discountKindId'
    | 'discountBasisPoints'
    | 'discountAmountMinor'
    | 'discountReason'
    | 'discountGrantedBy'
  >;
};

/** Prices a draft's lines and whole-invoice discount: the rows to store and the invoice's totals. */
export async function priceDraft(
  db: Executor,
  principal: Principal,
  inputs: readonly (InvoiceLineInput & { quantity: number; source?: { type: string; id: string } })[],
  discount: GrantDiscount | null,
  language: 'en' | 'es',
): Promise<LinesAndTotals> {
  const resolved: ResolvedLine[] = [];
  for (const [i, input] of inputs.entries())
    resolved.push(await resolveLine(db, principal, input, i, language, input.source));
  const whole = discount ? await grantedDiscount(db, principal, discount, 'invoice', 'body.discount') : null;
  const priced = priceInvoice(
    resolved.map((r) => r.terms),
    whole?.granted ?? null,
  );
  return {
    lines: resolved.map((r, i) => {
      const p = priced.lines[i] as PricedInvoice['lines'][number];
      return { ...r.row, ...p, invoiceDiscountBorneBy: whole?.kind.borneBy ?? null };
    }),
    invoice: {
      subtotalMinor: priced.subtotalMinor,
      discountMinor: priced.discountMinor,
      taxMinor: priced.taxMinor,
      totalMinor: priced.totalMinor,
      payerMinor: priced.payerMinor,
      discountKindId: whole?.kind.id ?? null,
      discountBasisPoints: whole?.kind.value.kind === 'percent' ? whole.kind.value.basisPoints : null,
      discountAmountMinor: whole?.kind.value.kind === 'amount' ? whole.kind.value.amountMinor : null,
      discountReason: discount?.reason ?? null,
      discountGrantedBy: whole ? principal.userId : null,
    },
  };
}
