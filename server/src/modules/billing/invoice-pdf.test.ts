import { describe, expect, it } from 'vitest';
import { pdfToText } from '../../platform/pdf/pdf-extract.test-helper.ts';
import {
  flat,
  letterhead,
  sampleInvoice,
  samplePayment,
  sampleRefund,
} from './billing-pdf-fixtures.test-helper.ts';
import { type InvoicePdfInput, invoicePdf, taxByRate } from './invoice-pdf.ts';

const patient = { name: 'José Muñoz Peña', identifier: 'MRN-000812', address: 'Calle 5, San José' };
const card = samplePayment({
  number: 'RCT-2026-000051',
  method: 'card',
  cardLast4: '4242',
  amountMinor: 25000,
  tenderedMinor: null,
  changeMinor: null,
  allocations: [
    // Part of this payment went to another invoice: only this invoice's part is listed.
    {
      invoiceId: sampleInvoice().id,
      invoiceNumber: 'INV-2026-000123',
      amountMinor: 20000,
      createdAt: '2026-03-15T16:00:00Z',
    },
    {
      invoiceId: '00000000-0000-4000-8000-00000000ffff',
      invoiceNumber: 'INV-2026-000099',
      amountMinor: 5000,
      createdAt: '2026-03-15T16:00:00Z',
    },
  ],
});

function render(over: Partial<InvoicePdfInput> = {}): Promise<Buffer> {
  return invoicePdf({
    invoice: sampleInvoice(),
    patient,
    payments: [samplePayment(), card],
    refunds: [sampleRefund()],
    letterhead,
    lang: 'en',
    timeZone: 'America/Costa_Rica',
    currency: 'USD',
    ...over,
  });
}

const text = async (pdf: Promise<Buffer>) => flat(pdfToText(await pdf, ['-layout']));

describe('taxByRate', () => {
  it('sums the net amount and the tax of the lines of each rate, highest rate first', () => {
    expect(taxByRate(sampleInvoice().lines)).toEqual([
      { basisPoints: 1200, baseMinor: 90250, taxMinor: 10830 },
      { basisPoints: 0, baseMinor: 2850, taxMinor: 0 },
    ]);
  });
});

describe('invoicePdf', () => {
  it('prints the lines, the totals with tax by rate, the payer part, payments, credit notes and the balance', async () => {
    const pdf = await render();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const t = flat(pdfToText(pdf, ['-layout']));
    expect(t).toContain('Clínica Santa Lucía');
    expect(t).toContain('Invoice INV-2026-000123');
    expect(t).toMatch(/José Muñoz Peña MRN-000812 Calle 5, San José/);
    expect(t).toMatch(/14 March 2026 Partially paid Acme Health/);
    expect(t).toMatch(/XRAY-02 Panoramic X-ray 2 US\$250\.00 -US\$50\.00 12 % US\$500\.00/);
    expect(t).toContain('Discount: Senior citizen');
    expect(t).toMatch(/Subtotal US\$1,030\.00/);
    expect(t).toMatch(/Discounts -US\$99\.00/);
    expect(t).toMatch(/Invoice discount: Loyalty \(5 %\) -US\$49\.00/);
    expect(t).toMatch(/Tax 12 ?% on US\$902\.50 US\$108\.30/);
    expect(t).toMatch(/Tax 0 ?% on US\$28\.50 US\$0\.00/);
    expect(t).toMatch(/Total US\$1,039\.30/);
    expect(t).toMatch(/Covered by Acme Health US\$300\.00/);
    expect(t).toMatch(/Patient part US\$739\.30/);
    expect(t).toMatch(/Paid US\$700\.00/);
    expect(t).toMatch(/Refunded US\$50\.00/);
    expect(t).toMatch(/Balance due US\$389\.30/);
    // Payment history in the clinic's time zone (UTC−6), with this invoice's part of each payment.
    expect(t).toMatch(/14 Mar 2026, 10:00 RCT-2026-000045 Cash US\$500\.00/);
    expect(t).toMatch(/15 Mar 2026, 10:00 RCT-2026-000051 Card ending 4242 US\$200\.00/);
    expect(t).not.toContain('INV-2026-000099');
    expect(t).toMatch(/CN-2026-000003 Card Dressing kit charged twice US\$50\.00/);
    expect(t).not.toContain('VOID');
  });

  it('speaks Spanish and formats money the Spanish way', async () => {
    const t = await text(render({ lang: 'es', currency: 'EUR' }));
    expect(t).toContain('Factura INV-2026-000123');
    expect(t).toContain('FACTURAR A');
    expect(t).toMatch(/Impuesto 12 ?% sobre 902,50 € 108,30 €/);
    expect(t).toMatch(/Cubierto por Acme Health 300,00 €/);
    expect(t).toMatch(/Saldo pendiente 389,30 €/);
    expect(t).toContain('Tarjeta terminada en 4242');
    expect(t).toContain('NOTAS DE CRÉDITO');
    expect(t).toContain('Página 1 de 1');
  });

  it('marks a void invoice with its reason and owes nothing on it', async () => {
    const invoice = sampleInvoice({
      status: 'void',
      balanceMinor: 0,
      voidReason: 'Issued to the wrong patient',
      voidedAt: '2026-03-16T16:00:00Z',
      voidedByName: 'Carla Cajera',
    });
    const t = await text(render({ invoice, payments: [], refunds: [] }));
    expect(t).toContain('VOID');
    expect(t).toContain('Reason: Issued to the wrong patient');
    expect(t).toContain('Voided on 16 Mar 2026, 10:00 by Carla Cajera');
    expect(t).not.toContain('Balance due');
  });

  it('prints a draft as not valid for payment, without a number or payments', async () => {
    const invoice = sampleInvoice({
      status: 'draft',
      number: null,
      issuedAt: null,
      paidMinor: 0,
      refundedMinor: 0,
    });
    const t = await text(render({ invoice, payments: [], refunds: [] }));
    expect(t).toContain('Draft invoice — not valid for payment');
    expect(t).toMatch(/Drafted on 14 March 2026|DRAFTED ON/);
    expect(t).not.toContain('INV-2026');
    expect(t).not.toContain('PAYMENTS');
    expect(t).not.toContain('Balance due');
    expect(t).toMatch(/Total US\$1,039\.30/);
  });
});
