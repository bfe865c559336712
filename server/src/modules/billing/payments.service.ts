import { randomUUID } from 'node:crypto';
import type { CreatePaymentSchema, Payment, PaymentListQuerySchema } from '@carebase/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import {
  type ActorContext,
  auditCtes,
  patientIdsOf,
  writeAudit,
  writeReadAudit,
} from '../../platform/audit/audit.writer.ts';
import { type Executor, isWriteConflict } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import type { EventInput } from '../../platform/events/events.publisher.ts';
import { findPatientRow } from '../patients/patients.repository.ts';
import { billingChangedEvents, publishBillingChanged } from './billing-events.ts';
import { openDrawerOf } from './cash-drawer-ledger.ts';
import type { InvoiceRow } from './invoices.repository.ts';
import * as invoiceRepo from './invoices.repository.ts';
import { toPayment } from './payment-mappers.ts';
import * as repo from './payments.repository.ts';
import { payments } from './payments.schema.ts';
import { receiptNumber } from './receipt-numbers.ts';
import {
  type InvoiceForPosting,
  planAllocations,
  postAllocation,
  readInvoicesForPosting,
} from './share-ledger.ts';

type Ctx = Pick<AppContext, 'db' | 'settings'>;

export async function loadPayment(db: Executor, id: string): Promise<Payment> {
  const [row] = await repo.selectPayments(db, eq(payments.id, id));
  if (!row) throw new AppError('not_found', 'There is no such payment.');
  return toPayment(row, await repo.allocationsOf(db, [id]));
}

export async function getPayment(ctx: Ctx, actor: ActorContext, id: string): Promise<Payment> {
  const payment = await loadPayment(ctx.db, id);
  await writeReadAudit(ctx.db, actor, {
    action: 'payment.read',
    resourceType: 'payment',
    resourceId: id,
    patientId: payment.patientId,
  });
  return payment;
}

export async function listPayments(ctx: Ctx, actor: ActorContext, q: z.infer<typeof PaymentListQuerySchema>) {
  const { settings } = await ctx.settings.get(ctx.db);
  const rows = await repo.selectPayments(ctx.db, repo.paymentFilter({ ...q, timeZone: settings.timeZone }));
  const allocations = await repo.allocationsOf(
    ctx.db,
    rows.map((r) => r.payment.id),
  );
  const items = rows.map((r) => toPayment(r, allocations));
  await writeReadAudit(ctx.db, actor, {
    action: 'payments.list.read',
    resourceType: 'payment',
    details: { patientIds: patientIdsOf(items) },
  });
  return { items };
}

/** What an issued invoice still owes; drafts and voids take no payments. */
export function balanceOf(invoice: InvoiceRow, path: string): number {
  if (invoice.status === 'draft' || invoice.status === 'void')
    throw new AppError(
      'conflict',
      `Invoice ${invoice.number ?? '(draft)'} is ${invoice.status}: it takes no payments.`,
      {
        fields: [{ path, message: `is ${invoice.status}` }],
      },
    );
  return invoice.totalMinor - invoice.paidMinor;
}

/**
 * The patient's invoices named, each checked to be theirs: locked in id order, or (lock false) read with
 * their row versions and ledgers for a write that checks them.
 */
async function patientInvoices(
  tx: Executor,
  patientId: string,
  ids: readonly string[],
  path: string,
  lock: boolean,
): Promise<(invoiceRepo.InvoiceRow | InvoiceForPosting)[]> {
  const twice = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (twice >= 0) throw fieldError(`${path}.${twice}`, 'names an invoice a second time');
  const rows = await (lock ? invoiceRepo.lockInvoices(tx, ids) : readInvoicesForPosting(tx, ids));
  return ids.map((id, i) => {
    const row = rows.find((r) => r.id === id);
    if (!row || row.patientId !== patientId)
      throw fieldError(`${path}.${i}`, 'is not an invoice of this patient');
    return row;
  });
}

function checkTender(input: z.infer<typeof CreatePaymentSchema>): {
  tenderedMinor: number | null;
  changeMinor: number | null;
} {
  if (input.cardLast4 !== undefined && input.method !== 'card')
    throw fieldError('body.cardLast4', 'is only for card payments');
  if (input.method !== 'cash') {
    if (input.tenderedMinor !== undefined)
      throw fieldError('body.tenderedMinor', 'is only for cash payments');
    return { tenderedMinor: null, changeMinor: null };
  }
  const tendered = input.tenderedMinor ?? input.amountMinor;
  if (tendered < input.amountMinor)
    throw fieldError('body.tenderedMinor', `is less than the amount (${input.amountMinor} minor units)`);
  return { tenderedMinor: tendered, changeMinor: tendered - input.amountMinor };
}

/**
 * Takes a payment: it settles the named invoices in order, records the doctors' and clinic's shares of each
 * line it covers, and holds any rest on account when the cashier asked for a deposit. Cash goes into the
 * drawer. It is written by one statement that checks the invoices have not changed since they were read, or
 * else under their row locks, so concurrent payments can never pay an invoice past its total.
 */
export async function createPayment(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  input: z.infer<typeof CreatePaymentSchema>,
): Promise<Payment> {
  const tender = checkTender(input);
  if (input.invoiceIds.length === 0 && !input.deposit)
    throw fieldError(
      'body.invoiceIds',
      'must name the invoices paid, or the payment must be taken as a deposit',
    );
  let taken: RecordedPayment;
  try {
    // Most payments meet no other on their invoices: read, then write in one statement that checks nothing
    // read has changed, with no transaction held open between the two.
    taken = await recordPayment(ctx, ctx.db, principal, actor, input, tender, false);
  } catch (err) {
    if (!isWriteConflict(err)) throw err;
    // Something changed between the read and the write: take turns on the rows, which always goes through.
    taken = await ctx.db.transaction((tx) => recordPayment(ctx, tx, principal, actor, input, tender, true));
  }
  const { payment, events } = taken;
  // The payment is taken: should numbering fail now, its receipt is numbered with the next payment or at
  // start-up, and the cashier is not told to take it again.
  const number = await receiptNumber(ctx.db, payment.id, events).catch((err: unknown) => {
    ctx.log.error({ err, paymentId: payment.id }, 'the receipt of a payment taken could not be numbered yet');
    return '';
  });
  return { ...payment, number };
}

/** A payment just written, and the events to send once it has committed. */
export type RecordedPayment = { payment: Payment; events: EventInput[] };

/**
 * Takes a payment inside the caller's transaction (a claim paid by the insurer records one too), or (lock
 * false) with `tx` outside any transaction, by a write that fails with isWriteConflict if what it read has
 * changed. Its receipt is numbered, and its events sent, once it has committed (receiptNumber, given
 * `events`), so the payment returned has no number yet (an empty string).
 */
export async function recordPayment(
  ctx: AppContext,
  tx: Executor,
  principal: Principal,
  actor: ActorContext,
  input: z.infer<typeof CreatePaymentSchema>,
  tender: { tenderedMinor: number | null; changeMinor: number | null } = {
    tenderedMinor: null,
    changeMinor: null,
  },
  lock = true,
): Promise<RecordedPayment> {
  // An invoice of the patient's proves they exist: the patient is looked up only for a deposit alone, or to
  // name the right field when an invoice is not theirs.
  const checkPatient = async () => {
    if (!(await findPatientRow(tx, input.patientId))) throw fieldError('body.patientId', 'is not a patient');
  };
  const invoices = await patientInvoices(
    tx,
    input.patientId,
    input.invoiceIds,
    'body.invoiceIds',
    lock,
  ).catch(async (err: unknown) => {
    await checkPatient();
    throw err;
  });
  if (invoices.length === 0) await checkPatient();
  const balances = invoices.map((inv, i) => balanceOf(inv, `body.invoiceIds.${i}`));
  const owed = balances.reduce((a, b) => a + b, 0);
  if (input.amountMinor > owed && !input.deposit)
    throw new AppError(
      'conflict',
      `The amount is more than the balance of ${owed} minor units; take the rest as a deposit on purpose or lower it.`,
      { fields: [{ path: 'body.amountMinor', message: `is more than the balance (${owed})` }] },
    );
  const drawerId = input.method === 'cash' ? await openDrawerOf(ctx, tx, principal.userId, lock) : null;
  let left = input.amountMinor;
  const allocations: {
    id: string;
    invoiceId: string;
    amountMinor: number;
    invoice: (typeof invoices)[number];
  }[] = [];
  for (const [i, invoice] of invoices.entries()) {
    const amount = Math.min(left, balances[i] as number);
    if (amount === 0) continue;
    allocations.push({ id: randomUUID(), invoiceId: invoice.id, amountMinor: amount, invoice });
    left -= amount;
  }
  const posting = await planAllocations(
    tx,
    allocations.map((a) => ({ invoice: a.invoice, allocationId: a.id, amount: a.amountMinor })),
  );
  const payment = {
    id: randomUUID(),
    patientId: input.patientId,
    method: input.method,
    amountMinor: input.amountMinor,
    ...tender,
    cardLast4: input.cardLast4 ?? null,
    reference: input.reference ?? null,
    note: input.note ?? null,
    drawerId,
    receivedBy: actor.actorId,
  };
  const event = {
    action: 'payment.create',
    resourceType: 'payment',
    resourceId: payment.id,
    patientId: input.patientId,
    details: {
      method: input.method,
      amountMinor: input.amountMinor,
      heldMinor: left,
      invoiceIds: input.invoiceIds,
    },
  };
  const written = await repo.writePayment(tx, {
    payment,
    allocations,
    posting,
    audit: auditCtes(actor, event),
    locked: lock,
  });
  // Every chain head was held by other transactions: log it on its own, waiting for one.
  if (!written.audited) await writeAudit(tx, actor, event);
  // The payment as a read would give it, from what was just written.
  const recorded = toPayment(
    {
      payment: { ...payment, number: '', receivedAt: written.receivedAt },
      patientName: written.patientName,
      receivedByName: written.receivedByName,
      heldMinor: left,
    },
    allocations.map((a) => ({
      paymentId: payment.id,
      invoiceId: a.invoiceId,
      invoiceNumber: a.invoice.number,
      amountMinor: a.amountMinor,
      createdAt: written.receivedAt,
    })),
  );
  return { payment: recorded, events: billingChangedEvents(payment.id, posting.doctors) };
}

/** Applies money held on the patient's account to one of their invoices, from the oldest deposit on. */
export async function applyCredit(
  ctx: AppContext,
  actor: ActorContext,
  input: { invoiceId: string; amountMinor: number },
): Promise<Payment[]> {
  return ctx.db.transaction(async (tx) => {
    const [invoice] = await invoiceRepo.lockInvoices(tx, [input.invoiceId]);
    if (!invoice) throw fieldError('body.invoiceId', 'is not an invoice');
    const balance = balanceOf(invoice, 'body.invoiceId');
    if (input.amountMinor > balance)
      throw new AppError('conflict', `The invoice owes ${balance} minor units; apply no more than that.`, {
        fields: [{ path: 'body.amountMinor', message: `is more than the balance (${balance})` }],
      });
    const deposits = await repo.lockDeposits(tx, invoice.patientId);
    const held = deposits.reduce((a, d) => a + d.heldMinor, 0);
    if (input.amountMinor > held)
      throw new AppError('conflict', `The patient has ${held} minor units on account.`, {
        fields: [{ path: 'body.amountMinor', message: `is more than the credit on account (${held})` }],
      });
    let left = input.amountMinor;
    const used: string[] = [];
    const doctors: (string | null)[] = [];
    for (const d of deposits) {
      const amount = Math.min(left, d.heldMinor);
      if (amount === 0) break;
      const allocationId = await repo.insertAllocation(tx, {
        paymentId: d.id,
        invoiceId: invoice.id,
        amountMinor: amount,
        createdBy: actor.actorId,
      });
      doctors.push(...(await postAllocation(tx, invoice, allocationId, amount)));
      used.push(d.id);
      left -= amount;
    }
    await writeAudit(tx, actor, {
      action: 'payment.apply_credit',
      resourceType: 'invoice',
      resourceId: invoice.id,
      patientId: invoice.patientId,
      details: { amountMinor: input.amountMinor, paymentIds: used },
    });
    await publishBillingChanged(tx, invoice.id, doctors);
    const result: Payment[] = [];
    for (const id of used) result.push(await loadPayment(tx, id));
    return result;
  });
}
