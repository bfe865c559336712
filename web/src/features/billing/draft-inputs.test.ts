import type { Invoice, InvoiceLine } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { inputOf, linesWith } from './draft-inputs.ts';

const line = (over: Partial<InvoiceLine>): InvoiceLine => ({
  id: '00000000-0000-4000-8000-000000000001',
  position: 1,
  priceItemId: '00000000-0000-4000-8000-0000000000a1',
  kind: 'consultation',
  code: 'CONS',
  description: 'Consultation',
  quantity: 1,
  unitPriceMinor: 4000,
  taxRateBasisPoints: 0,
  providerId: null,
  providerName: null,
  discount: null,
  grossMinor: 4000,
  lineDiscountMinor: 0,
  invoiceDiscountMinor: 0,
  netMinor: 4000,
  taxMinor: 0,
  totalMinor: 4000,
  doctorMinor: 0,
  payerMinor: 0,
  sourceType: null,
  ...over,
});

describe('draft inputs', () => {
  it('write a saved line back with its discount kind and reason, not its computed sums', () => {
    const saved = line({
      quantity: 2,
      providerId: '00000000-0000-4000-8000-0000000000d1',
      discount: {
        kindId: '00000000-0000-4000-8000-0000000000c1',
        kindName: 'Senior',
        value: { kind: 'percent', basisPoints: 2000 },
        reason: 'Over 65',
        borneBy: 'proportional',
      },
      payerMinor: 500,
    });
    expect(inputOf(saved)).toEqual({
      priceItemId: saved.priceItemId,
      quantity: 2,
      providerId: saved.providerId,
      discount: { kindId: '00000000-0000-4000-8000-0000000000c1', reason: 'Over 65' },
      payerMinor: 500,
    });
    expect(inputOf(line({ priceItemId: null }))).toBeNull();
  });

  it('replace or remove one line and resend the others unchanged', () => {
    const a = line({});
    const b = line({
      id: '00000000-0000-4000-8000-000000000002',
      priceItemId: '00000000-0000-4000-8000-0000000000a2',
    });
    const invoice = { lines: [a, b] } as Invoice;
    expect(linesWith(invoice, 0, null)).toEqual([inputOf(b)]);
    const changed = { ...inputOf(a)!, quantity: 3 };
    expect(linesWith(invoice, 0, changed)).toEqual([changed, inputOf(b)]);
  });
});
