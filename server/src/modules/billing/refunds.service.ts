import type { CreateRefundSchema, Refund, RefundDepositSchema } from '@carebase/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit, writeReadAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { localDateOf } from '../scheduling/zoned-time.ts';
import { nextNumber } from './billing-counters.ts';
import { publishBillingChanged } from './billing-events.ts';
import { openDrawerOf, recordDrawerMovement } from './cash-drawer-ledger.ts';
import { lockedInvoice } from './invoices.service.ts';
import { toRefund } from './payment-mappers.ts';
import * as repo from './payments.repository.ts';
import { lockPayment } from './payments.repository.ts';
import { refunds } from './payments.schema.ts';
import { postRefund } from './share-ledger.ts';

export async function loadRefund(db: Executor, id: string): Promise<Refund> {
  const [row] = await repo.selectRefunds(db, eq(refunds.id, id));
  if (!row) throw new AppError('not_found', 'There is no such credit note.');
  return toRefund(row);
}

export async function listInvoiceRefunds(
  ctx: Pick<AppContext, 'db'>,
  actor: ActorContext,
  invoiceId: string,
  patientId: string,
): Promise<Refund[]> {
  const rows = await repo.selectRefunds(ctx.db, eq(refunds.invoiceId, invoiceId));
  await writeReadAudit(ctx.db, actor, {
    action: 'refunds.list.read',
    resourceType: 'invoice',
    resourceId: invoiceId,
    patientId,
  });
  return rows.map(toRefund);
}

/** The credit note's row, numbered in the year's CN series, and the cash out of the drawer when in cash. */
async function writeRefund(
  ctx: AppContext,
  tx: Executor,
  principal: Principal,
  actor: ActorContext,
  r: {
    patientId: string;
    invoiceId: string | null;
    paymentId: string | null;
    method: Refund['method'];
    amountMinor: number;
    reason: string;
    reference?: string | undefined;
  },
): Promise<{ id: string; number: string }> {
  const { settings } = await ctx.settings.get(tx);
  const drawerId = r.method === 'cash' ? await openDrawerOf(ctx, tx, principal.userId) : null;
  const number = await nextNumber(tx, 'CN', Number(localDateOf(new Date(), settings.timeZone).slice(0, 4)));
  const [row] = await tx
    .insert(refunds)
    .values({ ...r, number, reference: r.reference ?? null, drawerId, createdBy: actor.actorId })
    .returning({ id: refunds.id });
  const id = (row as { id: string }).id;
  if (drawerId)
    await recordDrawerMovement(tx, {
      drawerId,
      kind: 'refund',
      amountMinor: -r.amountMinor,
      refundId: id,
      reason: r.reason,
      createdBy: actor.actorId,
    });
  await writeAudit(tx, actor, {
    action: 'refund.create',
    resourceType: 'refund',
    resourceId: id,
    patientId: r.patientId,
    details: {
      number,
      invoiceId: r.invoiceId,
      paymentId: r.paymentId,
      amountMinor: r.amountMinor,
      method: r.method,
      reason: r.reason,
    },
  });
  return { id, number };
}

/** Gives back money still held on account from a deposit; no invoice and no shares are touched. */
export async function refundDeposit(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  paymentId: string,
  input: z.infer<typeof RefundDepositSchema>,
): Promise<Refund> {
  return ctx.db.transaction(async (tx) => {
    const payment = await lockPayment(tx, paymentId);
    if (input.amountMinor > payment.heldMinor)
      throw new AppError(
        'conflict',
        `Only ${payment.heldMinor} minor units of payment ${payment.number} are held on account.`,
        {
          fields: [
            { path: 'body.amountMinor', message: `is more than is held on account (${payment.heldMinor})` },
          ],
        },
      );
    const { id } = await writeRefund(ctx, tx, principal, actor, {
      patientId: payment.patientId,
      invoiceId: null,
      paymentId,
      method: input.method,
      amountMinor: input.amountMinor,
      reason: input.reason,
      reference: input.reference,
    });
    await publishBillingChanged(tx, id);
    return loadRefund(tx, id);
  });
}

/**
 * A refund on an invoice, as a credit note: up to what was paid on it and not refunded yet. The shares it
 * paid come back in proportion; cash comes out of the cashier's open drawer.
 */
export async function createRefund(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  input: z.infer<typeof CreateRefundSchema>,
): Promise<Refund> {
  return ctx.db.transaction(async (tx) => {
    const invoice = await lockedInvoice(tx, input.invoiceId).catch((err: unknown) => {
      throw err instanceof AppError && err.code === 'not_found'
        ? new AppError('validation_failed', 'body.invoiceId is not an invoice', {
            fields: [{ path: 'body.invoiceId', message: 'is not an invoice' }],
          })
        : err;
    });
    const refundable = invoice.paidMinor - invoice.refundedMinor;
    if (input.amountMinor > refundable)
      throw new AppError(
        'conflict',
        `Only ${refundable} minor units paid on invoice ${invoice.number ?? ''} can be refunded.`,
        {
          fields: [
            { path: 'body.amountMinor', message: `is more than what can be refunded (${refundable})` },
          ],
        },
      );
    const { id: refundId } = await writeRefund(ctx, tx, principal, actor, {
      patientId: invoice.patientId,
      invoiceId: invoice.id,
      paymentId: null,
      method: input.method,
      amountMinor: input.amountMinor,
      reason: input.reason,
      reference: input.reference,
    });
    const doctors = await postRefund(tx, invoice, refundId, input.amountMinor);
    await publishBillingChanged(tx, refundId, doctors);
    return loadRefund(tx, refundId);
  });
}
