import type { Payment, Refund } from '@carebase/contracts';
import type { PaymentDetailRow, RefundDetailRow } from './payments.repository.ts';
import { isPendingNumber } from './receipt-numbers.ts';

type AllocationRow = {
  paymentId: string;
  invoiceId: string;
  invoiceNumber: string | null;
  amountMinor: number;
  createdAt: Date;
};

export function toPayment(r: PaymentDetailRow, allocations: readonly AllocationRow[]): Payment {
  const p = r.payment;
  return {
    id: p.id,
    // Between its commit and its numbering, a moment, a payment has no receipt number to show.
    number: isPendingNumber(p.number) ? '' : p.number,
    patientId: p.patientId,
    patientName: r.patientName,
    method: p.method,
    amountMinor: p.amountMinor,
    tenderedMinor: p.tenderedMinor,
    changeMinor: p.changeMinor,
    cardLast4: p.cardLast4,
    reference: p.reference,
    note: p.note,
    allocations: allocations
      .filter((a) => a.paymentId === p.id)
      .map((a) => ({
        invoiceId: a.invoiceId,
        invoiceNumber: a.invoiceNumber ?? '',
        amountMinor: a.amountMinor,
        createdAt: a.createdAt.toISOString(),
      })),
    heldMinor: r.heldMinor,
    receivedByName: r.receivedByName,
    receivedAt: p.receivedAt.toISOString(),
  };
}

export function toRefund(r: RefundDetailRow): Refund {
  const f = r.refund;
  return {
    id: f.id,
    number: f.number,
    patientId: f.patientId,
    invoiceId: f.invoiceId,
    invoiceNumber: r.invoiceNumber,
    method: f.method,
    amountMinor: f.amountMinor,
    reason: f.reason,
    reference: f.reference,
    createdByName: r.createdByName,
    createdAt: f.createdAt.toISOString(),
  };
}
