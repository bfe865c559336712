import type {
  CreatePayoutSchema,
  DoctorStatement,
  Language,
  MyEarnings,
  Payout,
  PayoutBalances,
  PayoutListQuerySchema,
} from '@carebase/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { can, type Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit, writeReadAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { loadLetterhead } from '../../platform/pdf/letterhead.ts';
import { requireProvider } from '../scheduling/providers.service.ts';
import { addDays, localDateOf, zonedToUtc } from '../scheduling/zoned-time.ts';
import { publishBillingChanged } from './billing-events.ts';
import { payouts } from './payments.schema.ts';
import { payoutStatementPdf } from './payout-statement-pdf.ts';
import * as repo from './payouts.repository.ts';

type Ctx = Pick<AppContext, 'db' | 'settings'>;
type Period = { from?: string | undefined; to?: string | undefined };

/** The instants a period of clinic days covers: from midnight of `from` to midnight after `to`. */
export function boundsOf(p: Period, timeZone: string): repo.Bounds {
  if (p.from && p.to && p.to < p.from) throw fieldError('query.to', 'is before from');
  return {
    start: p.from ? zonedToUtc(p.from, 0, timeZone) : null,
    end: p.to ? zonedToUtc(addDays(p.to, 1), 0, timeZone) : null,
  };
}

function toPayout(r: repo.PayoutRow): Payout {
  return {
    id: r.payout.id,
    providerId: r.payout.providerId,
    providerName: r.providerName,
    amountMinor: r.payout.amountMinor,
    method: r.payout.method,
    reference: r.payout.reference,
    note: r.payout.note,
    paidAt: r.payout.paidAt.toISOString(),
    createdByName: r.createdByName,
  };
}

/** All shares ever earned less all payouts ever made to the doctor. */
async function outstandingOf(db: Executor, providerId: string): Promise<number> {
  const all = { start: null, end: null };
  const earned = (await repo.earnedByProvider(db, all, providerId)).get(providerId) ?? 0;
  const paid = (await repo.paidByProvider(db, all, providerId)).get(providerId) ?? 0;
  return earned - paid;
}

/** Every doctor who has earned a share or been paid: earned and paid in the period, and owed over all time. */
export async function payoutBalances(ctx: Ctx, q: Period): Promise<PayoutBalances> {
  const { settings } = await ctx.settings.get(ctx.db);
  const bounds = boundsOf(q, settings.timeZone);
  const all = { start: null, end: null };
  const [earned, paid, earnedEver, paidEver] = await Promise.all([
    repo.earnedByProvider(ctx.db, bounds),
    repo.paidByProvider(ctx.db, bounds),
    repo.earnedByProvider(ctx.db, all),
    repo.paidByProvider(ctx.db, all),
  ]);
  const ids = [...new Set([...earnedEver.keys(), ...paidEver.keys()])];
  const names = await repo.namesOf(ctx.db, ids);
  const items = ids
    .map((id) => ({
      providerId: id,
      providerName: names.get(id) ?? '',
      earnedMinor: earned.get(id) ?? 0,
      paidMinor: paid.get(id) ?? 0,
      outstandingMinor: (earnedEver.get(id) ?? 0) - (paidEver.get(id) ?? 0),
    }))
    .sort((a, b) => a.providerName.localeCompare(b.providerName) || a.providerId.localeCompare(b.providerId));
  const total = (key: 'earnedMinor' | 'paidMinor' | 'outstandingMinor') =>
    items.reduce((s, i) => s + i[key], 0);
  return {
    from: q.from ?? null,
    to: q.to ?? null,
    currency: settings.currency,
    items,
    totals: {
      earnedMinor: total('earnedMinor'),
      paidMinor: total('paidMinor'),
      outstandingMinor: total('outstandingMinor'),
    },
  };
}

/** Billing staff see every doctor's statement; a doctor with earnings:self only their own. */
function checkStatementAccess(principal: Principal, providerId: string): void {
  if (can(principal, 'billing:read')) return;
  if (can(principal, 'earnings:self') && principal.userId === providerId) return;
  throw new AppError('forbidden', 'A doctor may see only their own statement; others need billing:read.');
}

/**
 * A doctor's statement over a period: what was owed before it, each share of a payment (+) or refund (−) in
 * it, the payouts in it, and what is owed at its end. The read is audited with the patients it names.
 */
export async function doctorStatement(
  ctx: Ctx,
  principal: Principal,
  actor: ActorContext,
  providerId: string,
  q: Period,
): Promise<DoctorStatement> {
  checkStatementAccess(principal, providerId);
  const { settings } = await ctx.settings.get(ctx.db);
  const bounds = boundsOf(q, settings.timeZone);
  const name = (await repo.namesOf(ctx.db, [providerId])).get(providerId);
  if (name === undefined) throw new AppError('not_found', 'There is no such provider.');
  const before = { start: null, end: bounds.start };
  const opening = bounds.start
    ? ((await repo.earnedByProvider(ctx.db, before, providerId)).get(providerId) ?? 0) -
      ((await repo.paidByProvider(ctx.db, before, providerId)).get(providerId) ?? 0)
    : 0;
  const earnedMinor = (await repo.earnedByProvider(ctx.db, bounds, providerId)).get(providerId) ?? 0;
  const rows = await repo.statementEntries(ctx.db, providerId, bounds);
  const paid = (await repo.selectPayouts(ctx.db, repo.payoutFilter({ providerId, ...bounds }), 'asc')).map(
    toPayout,
  );
  const paidMinor = (await repo.paidByProvider(ctx.db, bounds, providerId)).get(providerId) ?? 0;
  await writeReadAudit(ctx.db, actor, {
    action: 'payouts.statement.read',
    resourceType: 'user',
    resourceId: providerId,
    details: { from: q.from ?? null, to: q.to ?? null, entries: rows.length },
  });
  return {
    providerId,
    providerName: name,
    from: q.from ?? null,
    to: q.to ?? null,
    currency: settings.currency,
    openingMinor: opening,
    earnedMinor,
    paidMinor,
    closingMinor: opening + earnedMinor - paidMinor,
    entries: rows.map((r) => ({
      at: r.at.toISOString(),
      kind: r.refundId ? 'refund' : 'payment',
      invoiceId: r.invoiceId,
      invoiceNumber: r.invoiceNumber,
      patientName: r.patientName,
      description: r.description,
      amountMinor: r.amountMinor,
      doctorMinor: r.doctorMinor,
    })),
    payouts: paid,
  };
}

export async function listPayouts(ctx: Ctx, q: z.infer<typeof PayoutListQuerySchema>) {
  const { settings } = await ctx.settings.get(ctx.db);
  const rows = await repo.selectPayouts(
    ctx.db,
    repo.payoutFilter({ providerId: q.providerId, ...boundsOf(q, settings.timeZone) }),
  );
  return { items: rows.map(toPayout) };
}

/** A provider is a user with a clinical role, or one who has earned shares (their role may have changed since). */
async function checkProvider(tx: Executor, providerId: string): Promise<void> {
  try {
    await requireProvider(tx, providerId);
    return;
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'not_found') throw err;
  }
  if (!(await repo.hasShareEntries(tx, providerId)))
    throw fieldError('body.providerId', 'is not a provider (a user with a clinical role)');
}

/**
 * Pays a doctor part or all of what they are owed. Payouts to one doctor take turns (an advisory lock held to
 * commit), so concurrent payouts can never together pay more than is outstanding.
 */
export async function createPayout(
  ctx: Pick<AppContext, 'db'>,
  actor: ActorContext,
  input: z.infer<typeof CreatePayoutSchema>,
): Promise<Payout> {
  return ctx.db.transaction(async (tx) => {
    await checkProvider(tx, input.providerId);
    await repo.lockProviderPayouts(tx, input.providerId);
    const outstanding = await outstandingOf(tx, input.providerId);
    if (input.amountMinor > outstanding)
      throw new AppError(
        'conflict',
        `The doctor is owed ${Math.max(outstanding, 0)} minor units; pay no more than that.`,
        {
          fields: [
            { path: 'body.amountMinor', message: `is more than the outstanding amount (${outstanding})` },
          ],
        },
      );
    const id = await repo.insertPayout(tx, {
      providerId: input.providerId,
      amountMinor: input.amountMinor,
      method: input.method,
      reference: input.reference ?? null,
      note: input.note ?? null,
      createdBy: actor.actorId,
    });
    await writeAudit(tx, actor, {
      action: 'payout.create',
      resourceType: 'payout',
      resourceId: id,
      details: {
        providerId: input.providerId,
        amountMinor: input.amountMinor,
        method: input.method,
        outstandingBeforeMinor: outstanding,
      },
    });
    await publishBillingChanged(tx, id, [input.providerId]);
    const [row] = await repo.selectPayouts(tx, eq(payouts.id, id));
    if (!row) throw new Error('payout vanished');
    return toPayout(row);
  });
}

/** The caller's own earnings: this clinic month unless a period is given, with a value for every day in it. */
export async function myEarnings(ctx: Ctx, principal: Principal, q: Period): Promise<MyEarnings> {
  const { settings } = await ctx.settings.get(ctx.db);
  const today = localDateOf(new Date(), settings.timeZone);
  const month = (q.from ?? q.to ?? today).slice(0, 8);
  const from = q.from ?? `${month}01`;
  const to = q.to ?? `${month}${lastDayOf(month)}`;
  const bounds = boundsOf({ from, to }, settings.timeZone);
  if (dayCount(from, to) > 366) throw fieldError('query.to', 'must be at most 366 days after from');
  const id = principal.userId;
  const [earned, paid, perDay, outstanding] = await Promise.all([
    repo.earnedByProvider(ctx.db, bounds, id),
    repo.paidByProvider(ctx.db, bounds, id),
    repo.dailyEarned(ctx.db, id, bounds, settings.timeZone),
    outstandingOf(ctx.db, id),
  ]);
  const byDay = new Map(perDay.map((d) => [d.date, d.minor]));
  const days: MyEarnings['days'] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push({ date: d, earnedMinor: byDay.get(d) ?? 0 });
  return {
    from,
    to,
    currency: settings.currency,
    earnedMinor: earned.get(id) ?? 0,
    paidMinor: paid.get(id) ?? 0,
    outstandingMinor: outstanding,
    days,
  };
}

/** The last day of the month "YYYY-MM-", as "DD". */
function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0');
}

function dayCount(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
}

/** The statement as a PDF in the clinic's language; the read is audited like the statement's. */
export async function doctorStatementPdf(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  providerId: string,
  q: Period & { lang?: Language | undefined },
): Promise<{ pdf: Buffer; filename: string }> {
  const statement = await doctorStatement(ctx, principal, actor, providerId, { from: q.from, to: q.to });
  const { settings } = await ctx.settings.get(ctx.db);
  const pdf = await payoutStatementPdf({
    statement,
    letterhead: await loadLetterhead(ctx),
    lang: q.lang ?? settings.defaultLanguage,
    timeZone: settings.timeZone,
  });
  const period = [q.from, q.to].filter(Boolean).join('_') || 'all';
  return { pdf, filename: `doctor-statement-${statement.providerName}-${period}.pdf` };
}
