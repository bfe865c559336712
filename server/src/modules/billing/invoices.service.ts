import type {
  CreateInvoiceSchema,
  GrantDiscount,
  Invoice,
  InvoiceLineInput,
  InvoiceListQuerySchema,
  UpdateInvoiceSchema,
} from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import {
  type ActorContext,
  patientIdsOf,
  writeAudit,
  writeReadAudit,
} from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { findPatientRow } from '../patients/patients.repository.ts';
import { localDateOf } from '../scheduling/zoned-time.ts';
import { nextNumber } from './billing-counters.ts';
import { publishBillingChanged } from './billing-events.ts';
import { openClaim } from './claims.service.ts';
import { priceDraft } from './invoice-lines.ts';
import { toInvoice, toInvoiceSummary } from './invoice-mappers.ts';
import * as repo from './invoices.repository.ts';

type Ctx = Pick<AppContext, 'db' | 'settings'>;
export type DraftLine = InvoiceLineInput & { quantity: number; source?: { type: string; id: string } };

/** The invoice as stored, without auditing the read (callers that return it to a user audit it). */
export async function loadInvoice(db: Executor, id: string): Promise<Invoice> {
  const row = await repo.findInvoiceDetail(db, id);
  if (!row) throw new AppError('not_found', 'There is no such invoice.');
  return toInvoice(row, await repo.findLines(db, [id]));
}

export async function getInvoice(ctx: Ctx, actor: ActorContext, id: string): Promise<Invoice> {
  const invoice = await loadInvoice(ctx.db, id);
  await writeReadAudit(ctx.db, actor, {
    action: 'invoice.read',
    resourceType: 'invoice',
    resourceId: id,
    patientId: invoice.patientId,
  });
  return invoice;
}

export async function listInvoices(ctx: Ctx, actor: ActorContext, q: z.infer<typeof InvoiceListQuerySchema>) {
  const { settings } = await ctx.settings.get(ctx.db);
  const { rows, totals } = await repo.listInvoices(
    ctx.db,
    { ...q, unpaid: q.unpaid === undefined ? undefined : q.unpaid === 'true', timeZone: settings.timeZone },
    q,
  );
  const items = rows.map((r) =>
    toInvoiceSummary({ ...r.invoice, patientName: r.patientName, balanceMinor: r.balanceMinor }),
  );
  await writeReadAudit(ctx.db, actor, {
    action: 'invoices.list.read',
    resourceType: 'invoice',
    details: { status: q.status ?? null, page: q.page, patientIds: patientIdsOf(items) },
  });
  return {
    items,
    total: totals.count,
    page: q.page,
    pageSize: q.pageSize,
    totals: {
      totalMinor: Number(totals.totalMinor),
      paidMinor: Number(totals.paidMinor),
      balanceMinor: Number(totals.balanceMinor),
    },
  };
}

async function patientOf(db: Executor, patientId: string, path: string) {
  const patient = await findPatientRow(db, patientId);
  if (!patient) throw fieldError(path, 'is not a patient');
  if (patient.mergedIntoId) throw fieldError(path, 'was merged into another record; bill that one');
  return patient;
}

/** The clinic's language, read through the caller's executor (inside a transaction: the transaction). */
async function language(ctx: Ctx, db: Executor): Promise<'en' | 'es'> {
  return (await ctx.settings.get(db)).settings.defaultLanguage === 'es' ? 'es' : 'en';
}

/** Writes a new draft in the caller's transaction: priced lines, totals, audit, event. */
export async function insertDraft(
  ctx: Ctx,
  tx: Executor,
  principal: Principal,
  actor: ActorContext,
  draft: {
    patientId: string;
    lines: DraftLine[];
    discount: GrantDiscount | null;
    notes: string | null;
    visitId?: string | null;
    appointmentId?: string | null;
  },
): Promise<string> {
  const patient = await patientOf(tx, draft.patientId, 'body.patientId');
  // Settings through tx: on PGlite's one connection a read beside the open transaction would wait forever.
  const { settings } = await ctx.settings.get(tx);
  const priced = await priceDraft(tx, principal, draft.lines, draft.discount, await language(ctx, tx));
  const id = await repo.insertInvoice(tx, {
    patientId: patient.id,
    currency: settings.currency,
    visitId: draft.visitId ?? null,
    appointmentId: draft.appointmentId ?? null,
    notes: draft.notes,
    payerName: (priced.invoice.payerMinor ?? 0) > 0 ? (patient.payer?.name ?? null) : null,
    createdBy: actor.actorId,
    ...priced.invoice,
  });
  await repo.replaceLines(tx, id, priced.lines);
  await writeAudit(tx, actor, {
    action: 'invoice.create',
    resourceType: 'invoice',
    resourceId: id,
    patientId: patient.id,
    details: { lines: draft.lines, discount: draft.discount, totalMinor: priced.invoice.totalMinor },
  });
  await publishBillingChanged(tx, id);
  return id;
}

export async function createInvoice(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  input: z.infer<typeof CreateInvoiceSchema>,
): Promise<Invoice> {
  return ctx.db.transaction(async (tx) => {
    const id = await insertDraft(ctx, tx, principal, actor, input);
    return loadInvoice(tx, id);
  });
}

/** The invoice's row locked, or 404; `draft` refuses anything but a draft. */
export async function lockedInvoice(tx: Executor, id: string, opts: { draft?: boolean } = {}) {
  const [row] = await repo.lockInvoices(tx, [id]);
  if (!row) throw new AppError('not_found', 'There is no such invoice.');
  if (opts.draft && row.status !== 'draft')
    throw new AppError('conflict', `Invoice ${row.number} is ${row.status}: only drafts change.`);
  return row;
}

/** A stored draft's lines as inputs again, so a change of discount or notes re-prices them the same way. */
async function storedInputs(tx: Executor, id: string): Promise<DraftLine[]> {
  return (await repo.findLines(tx, [id])).map(({ line: l }) => ({
    priceItemId: l.priceItemId as string,
    quantity: l.quantity,
    providerId: l.providerId,
    discount: l.discountKindId ? { kindId: l.discountKindId, reason: l.discountReason ?? undefined } : null,
    payerMinor: l.payerMinor,
    ...(l.sourceType && l.sourceId ? { source: { type: l.sourceType, id: l.sourceId } } : {}),
  }));
}

export async function updateInvoice(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  id: string,
  patch: z.infer<typeof UpdateInvoiceSchema>,
): Promise<Invoice> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockedInvoice(tx, id, { draft: true });
    const lines = patch.lines ?? (await storedInputs(tx, id));
    const kept = row.discountKindId
      ? { kindId: row.discountKindId, reason: row.discountReason ?? undefined }
      : null;
    const discount = patch.discount !== undefined ? patch.discount : kept;
    const priced = await priceDraft(tx, principal, lines, discount, await language(ctx, tx));
    const patient = await patientOf(tx, row.patientId, 'body.patientId');
    await repo.updateInvoice(tx, id, {
      ...priced.invoice,
      notes: patch.notes !== undefined ? patch.notes : row.notes,
      payerName: (priced.invoice.payerMinor ?? 0) > 0 ? (patient.payer?.name ?? null) : null,
    });
    await repo.replaceLines(tx, id, priced.lines);
    await writeAudit(tx, actor, {
      action: 'invoice.update',
      resourceType: 'invoice',
      resourceId: id,
      patientId: row.patientId,
      details: { patch, totalBefore: row.totalMinor, totalAfter: priced.invoice.totalMinor },
    });
    await publishBillingChanged(tx, id);
    return loadInvoice(tx, id);
  });
}

/** Gives the draft its number (gap-free per year) and fixes it: from here on only payments change it. */
export async function issueInvoice(ctx: AppContext, actor: ActorContext, id: string): Promise<Invoice> {
  const { settings } = await ctx.settings.get(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const row = await lockedInvoice(tx, id, { draft: true });
    const lines = await repo.findLines(tx, [id]);
    if (lines.length === 0)
      throw new AppError('conflict', 'An invoice needs at least one line to be issued.');
    const year = Number(localDateOf(new Date(), settings.timeZone).slice(0, 4));
    const number = await nextNumber(tx, 'INV', year);
    await repo.updateInvoice(tx, id, {
      number,
      status: row.totalMinor === 0 ? 'paid' : 'issued',
      issuedAt: new Date(),
      issuedBy: actor.actorId,
    });
    await openClaim(tx, row);
    await writeAudit(tx, actor, {
      action: 'invoice.issue',
      resourceType: 'invoice',
      resourceId: id,
      patientId: row.patientId,
      details: { number, totalMinor: row.totalMinor },
    });
    await publishBillingChanged(tx, id);
    return loadInvoice(tx, id);
  });
}

/** A void keeps its number and lines; only an invoice with nothing paid on it (net of refunds) is voided. */
export async function voidInvoice(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  reason: string,
): Promise<Invoice> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockedInvoice(tx, id);
    if (row.status === 'draft')
      throw new AppError('conflict', 'A draft has no number to keep: discard it instead of voiding it.');
    if (row.status === 'void') throw new AppError('conflict', `Invoice ${row.number} is already void.`);
    const kept = row.paidMinor - row.refundedMinor;
    if (kept > 0)
      throw new AppError(
        'conflict',
        `Invoice ${row.number} has ${kept} minor units paid on it: refund them before voiding.`,
      );
    await repo.updateInvoice(tx, id, {
      status: 'void',
      voidedAt: new Date(),
      voidedBy: actor.actorId,
      voidReason: reason,
    });
    await writeAudit(tx, actor, {
      action: 'invoice.void',
      resourceType: 'invoice',
      resourceId: id,
      patientId: row.patientId,
      details: { number: row.number, reason },
    });
    await publishBillingChanged(tx, id);
    return loadInvoice(tx, id);
  });
}

/** A draft was never a financial document: it may be discarded (the audit keeps that it existed). */
export async function discardDraft(ctx: AppContext, actor: ActorContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await lockedInvoice(tx, id, { draft: true });
    await repo.deleteDraft(tx, id);
    await writeAudit(tx, actor, {
      action: 'invoice.discard',
      resourceType: 'invoice',
      resourceId: id,
      patientId: row.patientId,
      details: { totalMinor: row.totalMinor },
    });
    await publishBillingChanged(tx, id);
  });
}
