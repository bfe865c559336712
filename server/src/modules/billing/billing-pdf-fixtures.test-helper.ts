import type { Invoice, InvoiceLine, Payment, Refund } from '@carebase/contracts';
import type { Letterhead } from '../../platform/pdf/letterhead.ts';

export const letterhead: Letterhead = {
  clinicName: 'Clínica Santa Lucía',
  address: 'Av. Central 120, San José',
  phone: '+506 2222 0000',
  email: 'caja@santalucia.example',
  timeZone: 'America/Costa_Rica',
  currency: 'USD',
  logo: null,
};

export const INVOICE_ID = '00000000-0000-4000-8000-000000000001';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function line(n: number, l: Partial<InvoiceLine> & Pick<InvoiceLine, 'code' | 'description'>): InvoiceLine {
  const quantity = l.quantity ?? 1;
  const unitPriceMinor = l.unitPriceMinor ?? 0;
  const grossMinor = quantity * unitPriceMinor;
  const netMinor = grossMinor - (l.lineDiscountMinor ?? 0) - (l.invoiceDiscountMinor ?? 0);
  const taxMinor = l.taxMinor ?? 0;
  return {
    id: id(100 + n),
    position: n,
    priceItemId: null,
    kind: 'procedure',
    providerId: null,
    providerName: null,
    discount: null,
    taxRateBasisPoints: 0,
    lineDiscountMinor: 0,
    invoiceDiscountMinor: 0,
    doctorMinor: 0,
    payerMinor: 0,
    sourceType: null,
    ...l,
    quantity,
    unitPriceMinor,
    grossMinor,
    netMinor,
    taxMinor,
    totalMinor: netMinor + taxMinor,
  };
}

/**
 * Three lines: two at 12 % (one with a 10 % line discount), one at 0 %, and a 5 % invoice discount.
 * Subtotal 1,030.00, discounts 99.00, tax 108.30 (12 % on 902.50), total 1,039.30; paid 700, refunded 50.
 */
export function sampleInvoice(over: Partial<Invoice> = {}): Invoice {
  const senior = {
    kindId: id(900),
    kindName: 'Senior citizen',
    value: { kind: 'percent' as const, basisPoints: 1000 },
    reason: null,
    borneBy: 'proportional' as const,
  };
  const lines = [
    line(1, {
      code: 'CONS-01',
      description: 'General consultation',
      unitPriceMinor: 50000,
      taxRateBasisPoints: 1200,
      invoiceDiscountMinor: 2500,
      taxMinor: 5700,
      providerName: 'Dr. Ana Rojas',
    }),
    line(2, {
      code: 'XRAY-02',
      description: 'Panoramic X-ray',
      quantity: 2,
      unitPriceMinor: 25000,
      taxRateBasisPoints: 1200,
      lineDiscountMinor: 5000,
      invoiceDiscountMinor: 2250,
      taxMinor: 5130,
      discount: senior,
    }),
    line(3, {
      code: 'MED-03',
      description: 'Dressing kit',
      quantity: 3,
      unitPriceMinor: 1000,
      invoiceDiscountMinor: 150,
    }),
  ];
  return {
    id: INVOICE_ID,
    number: 'INV-2026-000123',
    status: 'partially_paid',
    patientId: id(2),
    patientName: 'José Muñoz Peña',
    currency: 'USD',
    appointmentId: null,
    visitId: null,
    lines,
    discount: { ...senior, kindName: 'Loyalty', value: { kind: 'percent', basisPoints: 500 } },
    subtotalMinor: 103000,
    discountMinor: 9900,
    taxMinor: 10830,
    totalMinor: 103930,
    paidMinor: 70000,
    refundedMinor: 5000,
    balanceMinor: 38930,
    payerName: 'Acme Health',
    payerMinor: 30000,
    notes: null,
    createdByName: 'Carla Cajera',
    issuedByName: 'Carla Cajera',
    createdAt: '2026-03-14T15:00:00.000Z',
    issuedAt: '2026-03-14T15:30:00.000Z',
    voidedAt: null,
    voidedByName: null,
    voidReason: null,
    ...over,
  };
}

export function samplePayment(over: Partial<Payment> = {}): Payment {
  return {
    id: id(10),
    number: 'RCT-2026-000045',
    patientId: id(2),
    patientName: 'José Muñoz Peña',
    method: 'cash',
    amountMinor: 50000,
    tenderedMinor: 60000,
    changeMinor: 10000,
    cardLast4: null,
    reference: null,
    note: null,
    allocations: [
      {
        invoiceId: INVOICE_ID,
        invoiceNumber: 'INV-2026-000123',
        amountMinor: 50000,
        createdAt: '2026-03-14T16:00:00.000Z',
      },
    ],
    heldMinor: 0,
    receivedByName: 'Carla Cajera',
    receivedAt: '2026-03-14T16:00:00.000Z',
    ...over,
  };
}

export function sampleRefund(over: Partial<Refund> = {}): Refund {
  return {
    id: id(20),
    number: 'CN-2026-000003',
    patientId: id(2),
    invoiceId: INVOICE_ID,
    invoiceNumber: 'INV-2026-000123',
    method: 'card',
    amountMinor: 5000,
    reason: 'Dressing kit charged twice',
    reference: null,
    createdByName: 'Carla Cajera',
    createdAt: '2026-03-15T14:00:00.000Z',
    ...over,
  };
}

/** Text with every run of white space (pdftotext's line breaks, no-break spaces) as one space. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}
