import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  type GrantedDiscount,
  type LedgerLine,
  type LineTerms,
  percentOf,
  priceInvoice,
  type ShareSplit,
  splitPayment,
  splitRefund,
  sum,
} from './billing-math.ts';

describe('percentOf', () => {
  it('rounds half up to the minor unit', () => {
    expect(percentOf(1050, 1000)).toBe(105);
    expect(percentOf(5, 1000)).toBe(1); // 0.5 → 1
    expect(percentOf(4, 1000)).toBe(0); // 0.4 → 0
    expect(percentOf(999, 1200)).toBe(120); // 119.88
  });
});

describe('allocate (largest remainder)', () => {
  it('gives the leftover units to the largest remainders, earlier parts first on ties', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(10, [3, 3, 4])).toEqual([3, 3, 4]);
    expect(allocate(7, [2, 5])).toEqual([2, 5]);
    expect(allocate(5, [1, 2])).toEqual([2, 3]); // 1.67 / 3.33
    expect(allocate(0, [0, 0])).toEqual([0, 0]);
  });

  it('always adds up exactly and never gives a part more than its weight', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 12 })
          .filter((w) => sum(w) > 0),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, fraction) => {
          const amount = Math.floor(sum(weights) * fraction);
          const parts = allocate(amount, weights);
          expect(sum(parts)).toBe(amount);
          parts.forEach((p, i) => {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(weights[i] as number);
            // Within one unit of the exact proportional share.
            expect(Math.abs(p - (amount * (weights[i] as number)) / sum(weights))).toBeLessThan(1);
          });
        },
      ),
    );
  });
});

const discountArb: fc.Arbitrary<GrantedDiscount> = fc.record({
  value: fc.oneof(
    fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 10_000 }) }),
    fc.record({ kind: fc.constant('amount' as const), amountMinor: fc.integer({ min: 0, max: 2_000 }) }),
  ),
  borneBy: fc.constantFrom('doctor' as const, 'clinic' as const, 'proportional' as const),
});

const lineArb: fc.Arbitrary<LineTerms> = fc.record({
  quantity: fc.integer({ min: 1, max: 5 }),
  unitPriceMinor: fc.integer({ min: 0, max: 500_000 }),
  taxRateBp: fc.constantFrom(0, 500, 1200, 1600, 2100),
  share: fc.option(
    fc.oneof(
      fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 0, max: 10_000 }) }),
      fc.record({ kind: fc.constant('fixed' as const), amountMinor: fc.integer({ min: 0, max: 600_000 }) }),
    ),
  ),
  discount: fc.option(discountArb),
  payerMinor: fc.constant(0),
});

/** Prices an invoice, leaving out discounts larger than what they discount (the API refuses those). */
function priced(lines: LineTerms[], whole: GrantedDiscount | null) {
  try {
    return priceInvoice(lines, whole);
  } catch {
    return null;
  }
}

function ledgerOf(lines: LineTerms[], whole: GrantedDiscount | null): LedgerLine[] | null {
  const p = priced(lines, whole);
  return p
    ? p.lines.map((l) => ({
        totalMinor: l.totalMinor,
        netMinor: l.netMinor,
        doctorMinor: l.doctorMinor,
        taxMinor: l.lineTaxMinor,
        paid: { amountMinor: 0, doctorMinor: 0, clinicMinor: 0, taxMinor: 0 },
      }))
    : null;
}

function post(ledger: LedgerLine[], entries: { line: number; split: ShareSplit }[]): void {
  for (const { line, split } of entries) {
    const paid = (ledger[line] as LedgerLine).paid;
    paid.amountMinor += split.amountMinor;
    paid.doctorMinor += split.doctorMinor;
    paid.clinicMinor += split.clinicMinor;
    paid.taxMinor += split.taxMinor;
  }
}

function expectEntriesAddUp(entries: { split: ShareSplit }[], amount: number): void {
  for (const { split } of entries)
    expect(split.doctorMinor + split.clinicMinor + split.taxMinor).toBe(split.amountMinor);
  expect(sum(entries.map((e) => Math.abs(e.split.amountMinor)))).toBe(amount);
}

describe('priceInvoice', () => {
  it('prices lines: discounts, tax on the net, the doctor’s part of the net', () => {
    const p = priceInvoice(
      [
        {
          quantity: 1,
          unitPriceMinor: 10_000,
          taxRateBp: 1200,
          share: { kind: 'percent', basisPoints: 5000 },
          discount: { value: { kind: 'percent', basisPoints: 2000 }, borneBy: 'proportional' },
          payerMinor: 0,
        },
        {
          quantity: 2,
          unitPriceMinor: 2_500,
          taxRateBp: 0,
          share: { kind: 'fixed', amountMinor: 1_000 },
          discount: null,
          payerMinor: 0,
        },
      ],
      null,
    );
    expect(p.lines[0]).toMatchObject({
      grossMinor: 10_000,
      netMinor: 8_000,
      lineTaxMinor: 960,
      totalMinor: 8_960,
      doctorMinor: 4_000,
    });
    expect(p.lines[1]).toMatchObject({
      grossMinor: 5_000,
      netMinor: 5_000,
      totalMinor: 5_000,
      doctorMinor: 2_000,
    });
    expect(p.totalMinor).toBe(13_960);
  });

  it('takes a discount from the doctor, the clinic or both, as the kind says', () => {
    const line = (borneBy: GrantedDiscount['borneBy']): LineTerms => ({
      quantity: 1,
      unitPriceMinor: 10_000,
      taxRateBp: 0,
      share: { kind: 'percent', basisPoints: 4000 },
      discount: { value: { kind: 'amount', amountMinor: 1_000 }, borneBy },
      payerMinor: 0,
    });
    expect(priceInvoice([line('doctor')], null).lines[0]?.doctorMinor).toBe(3_000);
    expect(priceInvoice([line('clinic')], null).lines[0]?.doctorMinor).toBe(4_000);
    expect(priceInvoice([line('proportional')], null).lines[0]?.doctorMinor).toBe(3_600);
  });

  it('refuses a discount above what it discounts, naming the field', () => {
    const terms: LineTerms = {
      quantity: 1,
      unitPriceMinor: 500,
      taxRateBp: 0,
      share: null,
      discount: { value: { kind: 'amount', amountMinor: 501 }, borneBy: 'clinic' },
      payerMinor: 0,
    };
    expect(() => priceInvoice([terms], null)).toThrow(/body\.lines\.0\.discount/);
    expect(() =>
      priceInvoice([{ ...terms, discount: null }], {
        value: { kind: 'amount', amountMinor: 501 },
        borneBy: 'clinic',
      }),
    ).toThrow(/body\.discount/);
  });

  it('keeps every line consistent over random terms', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 6 }),
        fc.option(discountArb),
        (lines, whole) => {
          const p = priced(lines, whole);
          if (!p) return;
          for (const l of p.lines) {
            expect(l.netMinor).toBe(l.grossMinor - l.lineDiscountMinor - l.invoiceDiscountMinor);
            expect(l.netMinor).toBeGreaterThanOrEqual(0);
            expect(l.totalMinor).toBe(l.netMinor + l.lineTaxMinor);
            expect(l.doctorMinor).toBeGreaterThanOrEqual(0);
            expect(l.doctorMinor).toBeLessThanOrEqual(l.netMinor);
          }
          expect(p.totalMinor).toBe(p.subtotalMinor - p.discountMinor + p.taxMinor);
        },
      ),
    );
  });
});

describe('splitting payments and refunds into shares', () => {
  it('adds up to every payment, and paid in full gives each line exactly its doctor, clinic and tax parts', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 6 }),
        fc.option(discountArb),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (lines, whole, fractions) => {
          const ledger = ledgerOf(lines, whole);
          if (!ledger) return;
          const total = sum(ledger.map((l) => l.totalMinor));
          for (const f of fractions) {
            const owed = total - sum(ledger.map((l) => l.paid.amountMinor));
            const amount = Math.min(owed, Math.max(1, Math.floor(owed * f)));
            if (owed === 0) break;
            const entries = splitPayment(amount, ledger);
            expectEntriesAddUp(entries, amount);
            post(ledger, entries);
          }
          post(ledger, splitPayment(total - sum(ledger.map((l) => l.paid.amountMinor)), ledger));
          for (const l of ledger) {
            expect(l.paid).toEqual({
              amountMinor: l.totalMinor,
              doctorMinor: l.doctorMinor,
              clinicMinor: l.netMinor - l.doctorMinor,
              taxMinor: l.taxMinor,
            });
          }
        },
      ),
    );
  });

  it('reverses shares in proportion on refunds and never takes a share below zero', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 6 }),
        fc.option(discountArb),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (lines, whole, paidFraction, refundFractions) => {
          const ledger = ledgerOf(lines, whole);
          if (!ledger) return;
          const total = sum(ledger.map((l) => l.totalMinor));
          post(ledger, splitPayment(Math.floor(total * paidFraction), ledger));
          for (const f of refundFractions) {
            const paid = sum(ledger.map((l) => l.paid.amountMinor));
            if (paid === 0) break;
            const amount = Math.max(1, Math.floor(paid * f));
            const entries = splitRefund(amount, ledger);
            expectEntriesAddUp(entries, amount);
            post(ledger, entries);
            for (const l of ledger) {
              expect(l.paid.doctorMinor).toBeGreaterThanOrEqual(0);
              expect(l.paid.clinicMinor).toBeGreaterThanOrEqual(0);
              expect(l.paid.taxMinor).toBeGreaterThanOrEqual(0);
            }
          }
        },
      ),
    );
  });
});
