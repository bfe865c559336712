import { type DaySummary, PAYMENT_METHODS } from '@carebase/contracts';
import { and, gte, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { clinicToday } from '../queue/queue.service.ts';
import { payments, refunds } from './payments.schema.ts';

/** Money received and given back on one clinic day (today by default), by method. No patient is named. */
export async function daySummary(
  ctx: Pick<AppContext, 'db' | 'settings'>,
  day?: string,
): Promise<DaySummary> {
  const today = await clinicToday(ctx);
  const d = day ?? today.day;
  const start = sql`(${d}::date::timestamp at time zone ${today.timeZone})`;
  const end = sql`${start} + interval '1 day'`;
  const received = await ctx.db
    .select({ method: payments.method, minor: sql<number>`sum(${payments.amountMinor})::int` })
    .from(payments)
    .where(and(gte(payments.receivedAt, start), lt(payments.receivedAt, end)))
    .groupBy(payments.method);
  const given = await ctx.db
    .select({ method: refunds.method, minor: sql<number>`sum(${refunds.amountMinor})::int` })
    .from(refunds)
    .where(and(gte(refunds.createdAt, start), lt(refunds.createdAt, end)))
    .groupBy(refunds.method);
  const methods = PAYMENT_METHODS.map((method) => ({
    method,
    receivedMinor: received.find((r) => r.method === method)?.minor ?? 0,
    refundedMinor: given.find((r) => r.method === method)?.minor ?? 0,
  })).filter((m) => m.receivedMinor > 0 || m.refundedMinor > 0);
  const receivedMinor = methods.reduce((a, m) => a + m.receivedMinor, 0);
  const refundedMinor = methods.reduce((a, m) => a + m.refundedMinor, 0);
  return { day: d, methods, receivedMinor, refundedMinor, netMinor: receivedMinor - refundedMinor };
}
