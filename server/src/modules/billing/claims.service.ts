import { CLAIM_TRANSITIONS, type Claim, type UpdateClaimSchema } from '@carebase/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit, writeReadAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { publishBillingChanged } from './billing-events.ts';
import type { InvoiceRow } from './invoices.repository.ts';
import { invoiceClaims } from './invoices.schema.ts';
import { lockedInvoice } from './invoices.service.ts';
import { type RecordedPayment, recordPayment } from './payments.service.ts';
import { receiptNumber } from './receipt-numbers.ts';

type ClaimRow = typeof invoiceClaims.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toClaim(r: ClaimRow): Claim {
  return {
    ...r,
    submittedAt: iso(r.submittedAt),
    decidedAt: iso(r.decidedAt),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Issuing an invoice with a payer part opens its claim as a draft, for that part. */
export async function openClaim(tx: Executor, invoice: InvoiceRow): Promise<void> {
  if (invoice.payerMinor === 0) return;
  await tx.insert(invoiceClaims).values({
    invoiceId: invoice.id,
    payerName: invoice.payerName ?? '',
    claimedMinor: invoice.payerMinor,
  });
}

async function findClaim(db: Executor, invoiceId: string, lock = false): Promise<ClaimRow> {
  const query = db.select().from(invoiceClaims).where(eq(invoiceClaims.invoiceId, invoiceId));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'This invoice has no claim: no payer covers part of it.');
  return row;
}

export async function getClaim(
  ctx: Pick<AppContext, 'db'>,
  actor: ActorContext,
  invoiceId: string,
  patientId: string,
) {
  const claim = toClaim(await findClaim(ctx.db, invoiceId));
  await writeReadAudit(ctx.db, actor, {
    action: 'claim.read',
    resourceType: 'invoice',
    resourceId: invoiceId,
    patientId,
  });
  return claim;
}

/** The amounts a claim may carry in its next status: approved within what was claimed, paid within what was approved. */
function amountsFor(before: ClaimRow, input: z.infer<typeof UpdateClaimSchema>) {
  const approved = input.approvedMinor ?? before.approvedMinor;
  const paid = input.paidMinor ?? before.paidMinor;
  if (input.status === 'approved' && input.approvedMinor === undefined)
    throw fieldError('body.approvedMinor', 'is required to approve a claim');
  if (approved !== null && approved > before.claimedMinor)
    throw fieldError('body.approvedMinor', `is more than was claimed (${before.claimedMinor} minor units)`);
  if (input.paidMinor !== undefined && !['partially_paid', 'paid'].includes(input.status))
    throw fieldError('body.paidMinor', 'is given only when the payer pays');
  const ceiling = approved ?? before.claimedMinor;
  if (paid > ceiling)
    throw fieldError('body.paidMinor', `is more than was approved (${ceiling} minor units)`);
  if (input.status === 'partially_paid' && (paid === 0 || paid >= ceiling))
    throw fieldError('body.paidMinor', `must be more than 0 and less than ${ceiling} for a partial payment`);
  return { approvedMinor: approved, paidMinor: input.status === 'paid' ? ceiling : paid };
}

/**
 * Moves a claim on. What the payer pays is taken as an insurance payment on the invoice at once (any part
 * beyond what the invoice still owes is held on the patient's account), so the balance always shows it.
 */
export async function updateClaim(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  invoiceId: string,
  input: z.infer<typeof UpdateClaimSchema>,
): Promise<Claim> {
  let paid: RecordedPayment | undefined;
  const claim = await ctx.db.transaction(async (tx) => {
    const invoice = await lockedInvoice(tx, invoiceId);
    const before = await findClaim(tx, invoiceId, true);
    if (!CLAIM_TRANSITIONS[before.status].includes(input.status))
      throw new AppError('conflict', `A ${before.status} claim cannot become ${input.status}.`, {
        fields: [{ path: 'body.status', message: `cannot follow ${before.status}` }],
      });
    const amounts = amountsFor(before, input);
    const now = new Date();
    const [row] = await tx
      .update(invoiceClaims)
      .set({
        status: input.status,
        ...amounts,
        reference: input.reference ?? before.reference,
        note: input.note ?? before.note,
        submittedAt: input.status === 'submitted' ? now : before.submittedAt,
        decidedAt: ['approved', 'denied'].includes(input.status) ? now : before.decidedAt,
        updatedAt: now,
      })
      .where(eq(invoiceClaims.invoiceId, invoiceId))
      .returning();
    const received = amounts.paidMinor - before.paidMinor;
    if (received > 0)
      paid = await recordPayment(ctx, tx, principal, actor, {
        patientId: invoice.patientId,
        method: 'insurance',
        amountMinor: received,
        invoiceIds: [invoice.id],
        deposit: true,
        reference: input.reference ?? before.reference ?? undefined,
        note: `Claim to ${before.payerName}`,
      });
    await writeAudit(tx, actor, {
      action: 'claim.update',
      resourceType: 'invoice',
      resourceId: invoiceId,
      patientId: invoice.patientId,
      details: { from: before.status, to: input.status, ...amounts },
    });
    await publishBillingChanged(tx, invoiceId);
    return toClaim(row as ClaimRow);
  });
  if (paid) await receiptNumber(ctx.db, paid.payment.id, paid.events);
  return claim;
}
