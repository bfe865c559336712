import type { DiscountValue, Invoice, InvoiceLine, InvoiceSummary } from '@carebase/contracts';
import type { InvoiceDetailRow, InvoiceListRow, LineDetailRow } from './invoices.repository.ts';

function discountValue(bp: number | null, amount: number | null): DiscountValue {
  return bp !== null ? { kind: 'percent', basisPoints: bp } : { kind: 'amount', amountMinor: amount ?? 0 };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toInvoiceSummary(r: InvoiceListRow): InvoiceSummary {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    patientId: r.patientId,
    patientName: r.patientName,
    currency: r.currency,
    totalMinor: r.totalMinor,
    paidMinor: r.paidMinor,
    refundedMinor: r.refundedMinor,
    balanceMinor: r.balanceMinor,
    payerMinor: r.payerMinor,
    visitId: r.visitId,
    createdAt: r.createdAt.toISOString(),
    issuedAt: iso(r.issuedAt),
  };
}

export function toInvoiceLine({ line: l, providerName, discountKindName }: LineDetailRow): InvoiceLine {
  return {
    id: l.id,
    position: l.position,
    priceItemId: l.priceItemId,
    kind: l.kind,
    code: l.code,
    description: l.description,
    quantity: l.quantity,
    unitPriceMinor: l.unitPriceMinor,
    taxRateBasisPoints: l.taxRateBp,
    providerId: l.providerId,
    providerName,
    discount: l.discountKindId
      ? {
          kindId: l.discountKindId,
          kindName: discountKindName ?? '',
          value: discountValue(l.discountBasisPoints, l.discountAmountMinor),
          reason: l.discountReason,
          borneBy: l.discountBorneBy ?? 'clinic',
        }
      : null,
    grossMinor: l.grossMinor,
    lineDiscountMinor: l.lineDiscountMinor,
    invoiceDiscountMinor: l.invoiceDiscountMinor,
    netMinor: l.netMinor,
    taxMinor: l.lineTaxMinor,
    totalMinor: l.totalMinor,
    doctorMinor: l.doctorMinor,
    payerMinor: l.payerMinor,
    sourceType: l.sourceType,
  };
}

export function toInvoice(d: InvoiceDetailRow, lines: readonly LineDetailRow[]): Invoice {
  const inv = d.invoice;
  return {
    ...toInvoiceSummary({ ...inv, patientName: d.patientName, balanceMinor: d.balanceMinor }),
    appointmentId: inv.appointmentId,
    lines: lines.map(toInvoiceLine),
    discount: inv.discountKindId
      ? {
          kindId: inv.discountKindId,
          kindName: d.discountKindName ?? '',
          value: discountValue(inv.discountBasisPoints, inv.discountAmountMinor),
          reason: inv.discountReason,
          borneBy: lines[0]?.line.invoiceDiscountBorneBy ?? 'clinic',
        }
      : null,
    subtotalMinor: inv.subtotalMinor,
    discountMinor: inv.discountMinor,
    taxMinor: inv.taxMinor,
    payerName: inv.payerName,
    notes: inv.notes,
    createdByName: d.createdByName,
    issuedByName: d.issuedByName,
    voidedAt: iso(inv.voidedAt),
    voidedByName: d.voidedByName,
    voidReason: inv.voidReason,
  };
}
