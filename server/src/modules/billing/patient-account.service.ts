import type { PatientAccount } from '@carebase/contracts';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeReadAudit } from '../../platform/audit/audit.writer.ts';
import { AppError } from '../../platform/errors.ts';
import { findPatientRow } from '../patients/patients.repository.ts';
import { BALANCE } from './invoices.repository.ts';
import { invoices } from './invoices.schema.ts';
import { creditOf } from './payments.repository.ts';
import { payments, refunds } from './payments.schema.ts';

type Entry = PatientAccount['entries'][number];

/**
 * A patient's statement: every issued invoice (+), void (−), payment (−), credit note (−) and money given
 * back (+) in time order with
 * the running balance, which ends at what they owe less what is held for them. The read is audited.
 */
export async function patientAccount(
  ctx: Pick<AppContext, 'db' | 'settings'>,
  actor: ActorContext,
  patientId: string,
): Promise<PatientAccount> {
  const db = ctx.db;
  if (!(await findPatientRow(db, patientId))) throw new AppError('not_found', 'There is no such patient.');
  const { settings } = await ctx.settings.get(db);
  const issued = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.patientId, patientId), isNotNull(invoices.issuedAt)));
  const paid = await db.select().from(payments).where(eq(payments.patientId, patientId));
  const refunded = await db
    .select({ refund: refunds, invoiceNumber: invoices.number })
    .from(refunds)
    .leftJoin(invoices, eq(invoices.id, refunds.invoiceId))
    .where(eq(refunds.patientId, patientId));
  const entries: Omit<Entry, 'balanceMinor'>[] = [
    ...issued.map((i) => ({
      at: (i.issuedAt as Date).toISOString(),
      kind: 'invoice' as const,
      id: i.id,
      number: i.number ?? '',
      description: `${i.number}`,
      amountMinor: i.totalMinor,
    })),
    ...issued
      .filter((i) => i.voidedAt)
      .map((i) => ({
        at: (i.voidedAt as Date).toISOString(),
        kind: 'void' as const,
        id: i.id,
        number: i.number ?? '',
        description: i.voidReason ?? '',
        amountMinor: -i.totalMinor,
      })),
    ...paid.map((p) => ({
      at: p.receivedAt.toISOString(),
      kind: 'payment' as const,
      id: p.id,
      number: p.number,
      description: p.method,
      amountMinor: -p.amountMinor,
    })),
    ...refunded.flatMap(({ refund: r, invoiceNumber }) => [
      ...(invoiceNumber
        ? [
            {
              at: r.createdAt.toISOString(),
              kind: 'credit_note' as const,
              id: r.id,
              number: r.number,
              description: `${invoiceNumber}: ${r.reason}`,
              amountMinor: -r.amountMinor,
            },
          ]
        : []),
      {
        at: r.createdAt.toISOString(),
        kind: 'refund' as const,
        id: r.id,
        number: r.number,
        description: r.method,
        amountMinor: r.amountMinor,
      },
    ]),
  ].sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? -1 : 1));
  let balance = 0;
  const withBalance = entries.map((e) => {
    balance += e.amountMinor;
    return { ...e, balanceMinor: balance };
  });
  const [owed] = await db
    .select({ owed: sql<number>`coalesce(sum(${BALANCE}), 0)::int` })
    .from(invoices)
    .where(eq(invoices.patientId, patientId));
  await writeReadAudit(db, actor, {
    action: 'patient_account.read',
    resourceType: 'patient',
    resourceId: patientId,
    patientId,
  });
  return {
    patientId,
    currency: settings.currency,
    owedMinor: owed?.owed ?? 0,
    creditMinor: await creditOf(db, patientId),
    entries: withBalance,
  };
}
