import type { GrantDiscount, Invoice, InvoiceLine, InvoiceLineInput } from '@carebase/contracts';

/** What a saved line is written back as, so that a change to one line resends the others unchanged. */
export function inputOf(line: InvoiceLine): InvoiceLineInput | null {
  if (!line.priceItemId) return null;
  return {
    priceItemId: line.priceItemId,
    quantity: line.quantity,
    providerId: line.providerId,
    discount: line.discount ? grantOf(line.discount) : null,
    payerMinor: line.payerMinor,
  };
}

export function grantOf(discount: { kindId: string; reason: string | null }): GrantDiscount {
  return discount.reason ? { kindId: discount.kindId, reason: discount.reason } : { kindId: discount.kindId };
}

/** The draft's lines with one replaced (or removed, with null). */
export function linesWith(
  invoice: Invoice,
  index: number,
  next: InvoiceLineInput | null,
): InvoiceLineInput[] {
  return invoice.lines.flatMap((line, i) => {
    const input = i === index ? next : inputOf(line);
    return input ? [input] : [];
  });
}
