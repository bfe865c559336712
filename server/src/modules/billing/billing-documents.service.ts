import type { Invoice, Payment } from '@carebase/contracts';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit, writeReadAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { loadLetterhead } from '../../platform/pdf/letterhead.ts';
import type { PdfLanguage } from '../../platform/pdf/pdf-text.ts';
import { displayNameOf } from '../patients/patient-names.ts';
import { findPatientRow } from '../patients/patients.repository.ts';
import { BILLING_PDF_WORDS } from './billing-pdf-words.ts';
import { invoicePdf } from './invoice-pdf.ts';
import { loadInvoice } from './invoices.service.ts';
import { toPayment, toRefund } from './payment-mappers.ts';
import * as repo from './payments.repository.ts';
import { refunds } from './payments.schema.ts';
import { loadPayment } from './payments.service.ts';
import { receiptPdf } from './receipt-pdf.ts';

type Doc = { pdf: Buffer; filename: string; patientId: string };

async function patientOf(db: Executor, id: string) {
  const row = await findPatientRow(db, id);
  if (!row) throw new AppError('not_found', 'There is no such patient.');
  const a = row.address;
  const address = [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country]
    .filter(Boolean)
    .join(', ');
  return { name: displayNameOf(row), identifier: row.mrn, address: address || null, email: row.email };
}

async function paymentsOf(db: Executor, invoiceId: string): Promise<Payment[]> {
  const rows = await repo.selectPayments(db, repo.paymentFilter({ invoiceId, timeZone: 'UTC' }));
  const allocations = await repo.allocationsOf(
    db,
    rows.map((r) => r.payment.id),
  );
  return rows.map((r) => toPayment(r, allocations)).reverse();
}

async function renderInvoice(ctx: AppContext, invoice: Invoice, lang: PdfLanguage): Promise<Doc> {
  const letterhead = await loadLetterhead(ctx);
  const credits = await repo.selectRefunds(ctx.db, eq(refunds.invoiceId, invoice.id));
  const pdf = await invoicePdf({
    invoice,
    patient: await patientOf(ctx.db, invoice.patientId),
    payments: await paymentsOf(ctx.db, invoice.id),
    refunds: credits.map(toRefund).reverse(),
    letterhead,
    lang,
    timeZone: letterhead.timeZone,
    currency: invoice.currency,
  });
  return { pdf, filename: `${invoice.number ?? 'draft-invoice'}.pdf`, patientId: invoice.patientId };
}

async function renderReceipt(
  ctx: AppContext,
  payment: Payment,
  lang: PdfLanguage,
  format: 'a4' | '80mm',
): Promise<Doc> {
  const letterhead = await loadLetterhead(ctx);
  const invoices: Invoice[] = [];
  for (const a of payment.allocations)
    if (!invoices.some((i) => i.id === a.invoiceId)) invoices.push(await loadInvoice(ctx.db, a.invoiceId));
  const pdf = await receiptPdf({
    payment,
    invoices,
    letterhead,
    lang,
    timeZone: letterhead.timeZone,
    currency: letterhead.currency,
    format,
  });
  return { pdf, filename: `${payment.number}.pdf`, patientId: payment.patientId };
}

async function clinicLang(ctx: AppContext): Promise<PdfLanguage> {
  return (await ctx.settings.get(ctx.db)).settings.defaultLanguage === 'es' ? 'es' : 'en';
}

/** The invoice as a PDF (A4); the read is audited like the invoice itself. */
export async function invoiceDocument(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  lang?: PdfLanguage,
): Promise<Doc> {
  const doc = await renderInvoice(ctx, await loadInvoice(ctx.db, id), lang ?? (await clinicLang(ctx)));
  await writeReadAudit(ctx.db, actor, {
    action: 'invoice.pdf',
    resourceType: 'invoice',
    resourceId: id,
    patientId: doc.patientId,
  });
  return doc;
}

export async function receiptDocument(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  opts: { lang?: PdfLanguage | undefined; format: 'a4' | '80mm' },
): Promise<Doc> {
  const doc = await renderReceipt(
    ctx,
    await loadPayment(ctx.db, id),
    opts.lang ?? (await clinicLang(ctx)),
    opts.format,
  );
  await writeReadAudit(ctx.db, actor, {
    action: 'payment.receipt',
    resourceType: 'payment',
    resourceId: id,
    patientId: doc.patientId,
  });
  return doc;
}

/** Queues the document to the patient's email through the outbox, the PDF attached; 409 without an address. */
async function emailDocument(
  ctx: AppContext,
  actor: ActorContext,
  doc: Doc,
  what: { kind: 'invoice' | 'receipt'; number: string; resourceType: string; resourceId: string },
): Promise<{ to: string }> {
  const patient = await patientOf(ctx.db, doc.patientId);
  if (!patient.email)
    throw new AppError(
      'conflict',
      'The patient has no email address on record; add one to their details first.',
    );
  const lang = await clinicLang(ctx);
  const w = BILLING_PDF_WORDS[lang];
  const { settings } = await ctx.settings.get(ctx.db);
  const title = what.kind === 'invoice' ? w.invoice : w.receipt;
  await ctx.db.transaction(async (tx) => {
    await ctx.outbox.queueEmail(tx, {
      to: patient.email as string,
      subject: `${settings.clinicName}: ${title} ${what.number}`,
      text: [patient.name, '', `${title} ${what.number}: ${doc.filename}`, '', settings.clinicName].join(
        '\n',
      ),
      attachments: [{ filename: doc.filename, contentType: 'application/pdf', content: doc.pdf }],
    });
    await writeAudit(tx, actor, {
      action: `${what.resourceType}.email`,
      resourceType: what.resourceType,
      resourceId: what.resourceId,
      patientId: doc.patientId,
      details: { number: what.number },
    });
  });
  return { to: patient.email };
}

export async function emailInvoice(ctx: AppContext, actor: ActorContext, id: string) {
  const invoice = await loadInvoice(ctx.db, id);
  if (!invoice.number) throw new AppError('conflict', 'A draft is not sent to patients; issue it first.');
  const doc = await renderInvoice(ctx, invoice, await clinicLang(ctx));
  return emailDocument(ctx, actor, doc, {
    kind: 'invoice',
    number: invoice.number,
    resourceType: 'invoice',
    resourceId: id,
  });
}

export async function emailReceipt(ctx: AppContext, actor: ActorContext, id: string) {
  const payment = await loadPayment(ctx.db, id);
  const doc = await renderReceipt(ctx, payment, await clinicLang(ctx), 'a4');
  return emailDocument(ctx, actor, doc, {
    kind: 'receipt',
    number: payment.number,
    resourceType: 'payment',
    resourceId: id,
  });
}
