import { describe, expect, it } from 'vitest';
import { pdfToText } from '../../platform/pdf/pdf-extract.test-helper.ts';
import { SLIP_WIDTH } from '../../platform/pdf/slip-document.ts';
import { flat, letterhead, sampleInvoice, samplePayment } from './billing-pdf-fixtures.test-helper.ts';
import { type ReceiptPdfInput, receiptPdf } from './receipt-pdf.ts';

const second = sampleInvoice({
  id: '00000000-0000-4000-8000-000000000077',
  number: 'INV-2026-000124',
  status: 'paid',
  balanceMinor: 0,
});
const cash = samplePayment({
  amountMinor: 70000,
  tenderedMinor: 100000,
  changeMinor: 30000,
  heldMinor: 5000,
  allocations: [
    {
      invoiceId: sampleInvoice().id,
      invoiceNumber: 'INV-2026-000123',
      amountMinor: 50000,
      createdAt: '2026-03-14T16:00:00Z',
    },
    {
      invoiceId: second.id,
      invoiceNumber: 'INV-2026-000124',
      amountMinor: 15000,
      createdAt: '2026-03-14T16:00:00Z',
    },
  ],
});

function render(over: Partial<ReceiptPdfInput> = {}): Promise<Buffer> {
  return receiptPdf({
    payment: cash,
    invoices: [sampleInvoice(), second],
    letterhead,
    lang: 'en',
    timeZone: 'America/Costa_Rica',
    currency: 'USD',
    format: '80mm',
    ...over,
  });
}

/** Width and height of each page, from the page dictionaries pdfkit writes uncompressed. */
function pageSizes(pdf: Buffer): { width: number; height: number }[] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
}

describe('receiptPdf', () => {
  it('prints an 80 mm slip as tall as its content, with cash tendered, change and each invoice settled', async () => {
    const pdf = await render();
    const sizes = pageSizes(pdf);
    expect(sizes).toHaveLength(1);
    expect(sizes[0]!.width).toBeCloseTo(226.77, 0);
    expect(Math.abs(SLIP_WIDTH - 226.77)).toBeLessThan(1);
    expect(sizes[0]!.height).toBeGreaterThan(150);
    expect(sizes[0]!.height).toBeLessThan(400);
    const t = flat(pdfToText(pdf, ['-layout']));
    expect(t).toContain('Clínica Santa Lucía');
    expect(t).toContain('Av. Central 120, San José');
    expect(t).toContain('RECEIPT RCT-2026-000045');
    expect(t).toMatch(/Received on 14 Mar 2026, 10:00/);
    expect(t).toMatch(/Patient José Muñoz Peña/);
    expect(t).toMatch(/Method Cash/);
    expect(t).toMatch(/INV-2026-000123 Applied US\$500\.00 Balance after US\$389\.30/);
    expect(t).toMatch(/INV-2026-000124 Applied US\$150\.00 Balance after US\$0\.00/);
    expect(t).toMatch(/AMOUNT PAID US\$700\.00/);
    expect(t).toMatch(/Tendered US\$1,000\.00/);
    expect(t).toMatch(/Change US\$300\.00/);
    expect(t).toMatch(/Held on account US\$50\.00/);
  });

  it('grows the slip with the number of invoices, and stays one page', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      invoiceId: `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`,
      invoiceNumber: `INV-2026-0002${String(i).padStart(2, '0')}`,
      amountMinor: 1000,
      createdAt: '2026-03-14T16:00:00Z',
    }));
    const pdf = await render({ payment: { ...cash, allocations: many } });
    const sizes = pageSizes(pdf);
    expect(sizes).toHaveLength(1);
    expect(sizes[0]!.height).toBeGreaterThan(800);
    const t = flat(pdfToText(pdf, ['-layout']));
    expect(t).toMatch(/INV-2026-000229 Applied US\$10\.00 Balance after —/);
  });

  it('prints an A4 receipt in Spanish with the letterhead and the card last four digits', async () => {
    const payment = samplePayment({
      method: 'card',
      cardLast4: '4242',
      tenderedMinor: null,
      changeMinor: null,
      reference: 'AUTH-99812',
    });
    const pdf = await render({ payment, lang: 'es', currency: 'EUR', format: 'a4' });
    expect(pageSizes(pdf)[0]).toEqual({ width: 595.28, height: 841.89 });
    const t = flat(pdfToText(pdf, ['-layout']));
    expect(t).toContain('Recibo RCT-2026-000045');
    expect(t).toContain('Tarjeta terminada en 4242');
    expect(t).toContain('AUTH-99812');
    expect(t).toContain('FACTURAS SALDADAS');
    expect(t).toMatch(/INV-2026-000123 500,00 € 389,30 €/);
    expect(t).toMatch(/Importe pagado 500,00 €/);
    expect(t).not.toContain('Entregado');
    expect(t).not.toContain('Saldo a favor');
    expect(t).toContain('Página 1 de 1');
  });

  it('prints an advance payment held on account with no invoice', async () => {
    const payment = samplePayment({
      allocations: [],
      heldMinor: 50000,
      tenderedMinor: 50000,
      changeMinor: 0,
    });
    const t = flat(pdfToText(await render({ payment }), ['-layout']));
    expect(t).toContain('Advance payment held on the patient account.');
    expect(t).toMatch(/Held on account US\$500\.00/);
    expect(t).not.toContain('INVOICES SETTLED');
  });
});
