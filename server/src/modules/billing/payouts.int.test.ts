import type { DoctorStatement, MyEarnings, Payout, PayoutBalances } from '@carebase/contracts';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfToText } from '../../platform/pdf/pdf-extract.test-helper.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { clinicToday } from '../queue/queue.service.ts';
import { addDays } from '../scheduling/zoned-time.ts';
import { type BillingKit, createBillingKit } from './billing.test-kit.ts';
import { payouts, shareEntries } from './payments.schema.ts';

let k: BillingKit;
let today: string;
let weekAgo: string;
let oldInvoiceId: string;
let firstPayout: Payout;

beforeAll(async () => {
  k = await createBillingKit();
  today = (await clinicToday(k.t.app.ctx)).day;
  weekAgo = addDays(today, -7);
});
afterAll(async () => k?.close());

const db = () => k.t.app.ctx.db;

async function get<T>(url: string, cookie: string): Promise<T> {
  const res = await k.send('GET', url, undefined, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

async function payout(body: object, cookie = k.accountant.cookie) {
  return k.send('POST', '/api/billing/payouts', body, cookie);
}

/** What the ledger says a doctor is owed, straight from the tables. */
async function ledgerOwed(providerId: string): Promise<number> {
  const [earned] = await db()
    .select({ s: sql<number>`coalesce(sum(${shareEntries.doctorMinor}), 0)::int` })
    .from(shareEntries)
    .where(eq(shareEntries.providerId, providerId));
  const [paid] = await db()
    .select({ s: sql<number>`coalesce(sum(${payouts.amountMinor}), 0)::int` })
    .from(payouts)
    .where(eq(payouts.providerId, providerId));
  return (earned?.s ?? 0) - (paid?.s ?? 0);
}

const balanceOf = (b: PayoutBalances, id: string) => b.items.find((i) => i.providerId === id);

describe('earning and paying out', () => {
  it('credits each doctor their share of what patients paid, in cash through the drawer', async () => {
    await k.openDrawer(k.cashier);
    const patientId = await k.newPatient('Quispe');
    const inv = await k.issued({
      patientId,
      lines: [
        { priceItemId: k.items.consult.id, quantity: 1, providerId: k.doctor.id },
        { priceItemId: k.items.filling.id, quantity: 1, providerId: k.dentist.id },
        { priceItemId: k.items.cbc.id, quantity: 1 },
      ],
    });
    oldInvoiceId = inv.id;
    await k.pay({ patientId, method: 'cash', amountMinor: inv.totalMinor, invoiceIds: [inv.id] });
    const b = await get<PayoutBalances>('/api/billing/payouts/balances', k.receptionist.cookie);
    expect(balanceOf(b, k.doctor.id)).toMatchObject({
      earnedMinor: 30_00,
      paidMinor: 0,
      outstandingMinor: 30_00,
    });
    expect(balanceOf(b, k.dentist.id)).toMatchObject({ earnedMinor: 30_00, outstandingMinor: 30_00 });
    expect(b.totals).toEqual({ earnedMinor: 60_00, paidMinor: 0, outstandingMinor: 60_00 });
    expect(b.currency).toBe('USD');
  });

  it('records a payout, audited and announced to billing and to the doctor alone', async () => {
    const res = await payout({
      providerId: k.doctor.id,
      amountMinor: 10_00,
      method: 'bank_transfer',
      reference: 'TRF-1',
      note: ' first half ',
    });
    expect(res.statusCode, res.body).toBe(201);
    firstPayout = res.json();
    expect(firstPayout).toMatchObject({
      providerId: k.doctor.id,
      amountMinor: 10_00,
      method: 'bank_transfer',
      reference: 'TRF-1',
      note: 'first half',
    });
    expect(firstPayout.createdByName).toBeTruthy();
    const [audit] = await auditOf(db(), 'payout.create', firstPayout.id);
    expect(audit).toMatchObject({
      actorId: k.accountant.id,
      details: { providerId: k.doctor.id, amountMinor: 10_00, outstandingBeforeMinor: 30_00 },
    });
    await k.eventAbout('billing.changed', firstPayout.id);
    await expect
      .poll(() =>
        k.events.find(
          (e) => e.type === 'billing.changed' && e.resourceId === firstPayout.id && e.userId === k.doctor.id,
        ),
      )
      .toBeDefined();
    const list = await get<{ items: Payout[] }>(
      `/api/billing/payouts?providerId=${k.doctor.id}`,
      k.receptionist.cookie,
    );
    expect(list.items.map((p) => p.id)).toEqual([firstPayout.id]);
  });

  it('refuses to pay more than is outstanding (409 naming the amount and the figure), writing nothing', async () => {
    const before = await snapshot(db(), payouts);
    const res = await payout({ providerId: k.doctor.id, amountMinor: 20_01, method: 'cash' });
    expect(res.statusCode).toBe(409);
    expect(errorPaths(res)).toEqual(['body.amountMinor']);
    expect(res.body).toContain('20');
    expect((res.json() as { errors: { message: string }[] }).errors[0]?.message).toContain('2000');
    expect(await snapshot(db(), payouts)).toEqual(before);
    const exact = await payout({ providerId: k.doctor.id, amountMinor: 20_00, method: 'cash' });
    expect(exact.statusCode, exact.body).toBe(201);
    const again = await payout({ providerId: k.doctor.id, amountMinor: 1, method: 'cash' });
    expect(again.statusCode).toBe(409);
    // Earn it back for the rest of the file: pay another consultation.
    const patientId = await k.newPatient('Huamán');
    const inv = await k.issued({
      patientId,
      lines: [{ priceItemId: k.items.consult.id, quantity: 1, providerId: k.doctor.id }],
    });
    await k.pay({ patientId, method: 'card', amountMinor: inv.totalMinor, invoiceIds: [inv.id] });
    expect(await ledgerOwed(k.doctor.id)).toBe(30_00);
  });

  it('takes shares back when money is refunded', async () => {
    const patientId = await k.newPatient('Mamani');
    const inv = await k.issued({
      patientId,
      lines: [{ priceItemId: k.items.consult.id, quantity: 1, providerId: k.doctor.id }],
    });
    await k.pay({ patientId, method: 'card', amountMinor: 50_00, invoiceIds: [inv.id] });
    const before = await get<PayoutBalances>('/api/billing/payouts/balances', k.accountant.cookie);
    const refund = await k.send(
      'POST',
      '/api/payments/refunds',
      { invoiceId: inv.id, amountMinor: 25_00, method: 'card', reason: 'Service not given in full' },
      k.accountant.cookie,
    );
    expect(refund.statusCode, refund.body).toBe(201);
    const after = await get<PayoutBalances>('/api/billing/payouts/balances', k.accountant.cookie);
    expect(balanceOf(after, k.doctor.id)?.earnedMinor).toBe(
      (balanceOf(before, k.doctor.id)?.earnedMinor ?? 0) - 15_00,
    );
    expect(balanceOf(after, k.doctor.id)?.outstandingMinor).toBe(30_00 + 30_00 - 15_00);
    const s = await get<DoctorStatement>(
      `/api/billing/payouts/doctors/${k.doctor.id}/statement`,
      k.accountant.cookie,
    );
    const refundEntry = s.entries.find((e) => e.kind === 'refund');
    expect(refundEntry).toMatchObject({
      invoiceId: inv.id,
      invoiceNumber: inv.number,
      description: 'Consultation',
      amountMinor: -25_00,
      doctorMinor: -15_00,
    });
    expect(refundEntry?.patientName).toContain('Mamani');
  });
});

describe('statements', () => {
  it('reconciles: opening + earned − paid = closing = Σ shares − Σ payouts', async () => {
    // Move the first invoice's shares and the first payouts to a month ago, so the period has an opening balance.
    const monthAgo = new Date(Date.now() - 35 * 86_400_000);
    await db().update(shareEntries).set({ at: monthAgo }).where(eq(shareEntries.invoiceId, oldInvoiceId));
    await db().update(payouts).set({ paidAt: monthAgo }).where(eq(payouts.providerId, k.doctor.id));
    const late = await payout({ providerId: k.doctor.id, amountMinor: 5_00, method: 'e_wallet' });
    expect(late.statusCode, late.body).toBe(201);

    const s = await get<DoctorStatement>(
      `/api/billing/payouts/doctors/${k.doctor.id}/statement?from=${weekAgo}&to=${today}`,
      k.accountant.cookie,
    );
    // Before the week: 30.00 earned, 30.00 paid.
    expect(s.openingMinor).toBe(0);
    // In the week: two consultations (30.00 each) and a refund taking 15.00 back; a payout of 5.00.
    expect(s.earnedMinor).toBe(45_00);
    expect(s.paidMinor).toBe(5_00);
    expect(s.closingMinor).toBe(s.openingMinor + s.earnedMinor - s.paidMinor);
    expect(s.closingMinor).toBe(await ledgerOwed(k.doctor.id));
    expect(s.entries.reduce((a, e) => a + e.doctorMinor, 0)).toBe(s.earnedMinor);
    expect(s.payouts.reduce((a, p) => a + p.amountMinor, 0)).toBe(s.paidMinor);
    expect(s.entries.map((e) => e.kind)).toEqual(['payment', 'payment', 'refund']);

    const all = await get<DoctorStatement>(
      `/api/billing/payouts/doctors/${k.doctor.id}/statement`,
      k.accountant.cookie,
    );
    expect(all).toMatchObject({ openingMinor: 0, earnedMinor: 75_00, paidMinor: 35_00, closingMinor: 40_00 });

    // A period that ends before today's money: the opening carries the old shares and payouts.
    const older = await get<DoctorStatement>(
      `/api/billing/payouts/doctors/${k.doctor.id}/statement?from=${addDays(today, -40)}&to=${addDays(today, -8)}`,
      k.accountant.cookie,
    );
    expect(older).toMatchObject({ openingMinor: 0, earnedMinor: 30_00, paidMinor: 30_00, closingMinor: 0 });
    const fromToday = await get<DoctorStatement>(
      `/api/billing/payouts/doctors/${k.doctor.id}/statement?from=${addDays(today, 1)}`,
      k.accountant.cookie,
    );
    expect(fromToday).toMatchObject({
      openingMinor: 40_00,
      earnedMinor: 0,
      paidMinor: 0,
      closingMinor: 40_00,
    });
    expect(await auditOf(db(), 'payouts.statement.read', k.doctor.id)).not.toHaveLength(0);

    const week = await get<PayoutBalances>(
      `/api/billing/payouts/balances?from=${weekAgo}&to=${today}`,
      k.accountant.cookie,
    );
    expect(balanceOf(week, k.doctor.id)).toMatchObject({
      earnedMinor: 45_00,
      paidMinor: 5_00,
      outstandingMinor: 40_00,
    });
    expect(balanceOf(week, k.dentist.id)).toMatchObject({ earnedMinor: 0, outstandingMinor: 30_00 });
  });

  it('prints the statement as a PDF, in the clinic language or the one asked for', async () => {
    const url = `/api/billing/payouts/doctors/${k.doctor.id}/statement.pdf?from=${weekAgo}&to=${today}`;
    const res = await k.send('GET', url, undefined, k.doctor.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfToText(res.rawPayload);
    expect(text).toContain('Doctor statement');
    expect(text).toContain('Mamani');
    expect(text).toContain('Owed at the end of the period');
    expect(text).toContain('40.00');
    const es = await k.send('GET', `${url}&lang=es`, undefined, k.doctor.cookie);
    expect(pdfToText(es.rawPayload)).toContain('Estado de cuenta del médico');
    const other = `/api/billing/payouts/doctors/${k.dentist.id}/statement.pdf`;
    expect((await k.send('GET', other, undefined, k.doctor.cookie)).statusCode).toBe(403);
  });
});

describe('concurrency', () => {
  it('never lets 10 payouts at once together pay more than is outstanding', async () => {
    expect(await ledgerOwed(k.dentist.id)).toBe(30_00);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        payout({ providerId: k.dentist.id, amountMinor: 7_00, method: 'cash' }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(4);
    expect(codes.filter((c) => c === 409)).toHaveLength(6);
    expect(await ledgerOwed(k.dentist.id)).toBe(2_00);
    const rows = await db().select().from(payouts).where(eq(payouts.providerId, k.dentist.id));
    expect(rows.reduce((a, r) => a + r.amountMinor, 0)).toBe(28_00);
  });
});

describe('the doctor’s own earnings', () => {
  it('shows the caller this month by default, with a value for every day', async () => {
    const mine = await get<MyEarnings>('/api/billing/earnings/mine', k.doctor.cookie);
    expect(mine.from).toBe(`${today.slice(0, 8)}01`);
    expect(mine.days[0]?.date).toBe(mine.from);
    expect(mine.days.at(-1)?.date).toBe(mine.to);
    expect(mine.days.reduce((a, d) => a + d.earnedMinor, 0)).toBe(mine.earnedMinor);
    expect(mine.days.find((d) => d.date === today)?.earnedMinor).toBe(45_00);
    expect(mine.outstandingMinor).toBe(40_00);

    const week = await get<MyEarnings>(
      `/api/billing/earnings/mine?from=${weekAgo}&to=${today}`,
      k.doctor.cookie,
    );
    expect(week).toMatchObject({ earnedMinor: 45_00, paidMinor: 5_00, outstandingMinor: 40_00 });
    expect(week.days).toHaveLength(8);
    const dentist = await get<MyEarnings>('/api/billing/earnings/mine', k.dentist.cookie);
    expect(dentist.outstandingMinor).toBe(2_00);
  });
});

describe('access and bad input', () => {
  it('lets a doctor read their own statement only, and keeps billing views and payouts to staff', async () => {
    const own = `/api/billing/payouts/doctors/${k.doctor.id}/statement`;
    expect((await k.send('GET', own, undefined, k.doctor.cookie)).statusCode).toBe(200);
    const other = `/api/billing/payouts/doctors/${k.dentist.id}/statement`;
    expect((await k.send('GET', other, undefined, k.doctor.cookie)).statusCode).toBe(403);
    expect((await k.send('GET', other, undefined, k.nurse.cookie)).statusCode).toBe(403);
    expect((await k.send('GET', other, undefined, null)).statusCode).toBe(401);
    expect(
      (await k.send('GET', '/api/billing/payouts/balances', undefined, k.doctor.cookie)).statusCode,
    ).toBe(403);
    expect((await k.send('GET', '/api/billing/payouts', undefined, k.doctor.cookie)).statusCode).toBe(403);
    expect(
      (await k.send('GET', '/api/billing/earnings/mine', undefined, k.accountant.cookie)).statusCode,
    ).toBe(403);
    const body = { providerId: k.doctor.id, amountMinor: 1, method: 'cash' };
    expect((await payout(body, k.doctor.cookie)).statusCode).toBe(403);
    expect((await payout(body, k.cashier.cookie)).statusCode).toBe(403);
    const missing = `/api/billing/payouts/doctors/00000000-0000-4000-8000-000000000000/statement`;
    expect((await k.send('GET', missing, undefined, k.accountant.cookie)).statusCode).toBe(404);
  });

  it('answers bad input with 400s naming the field, writing nothing', async () => {
    const before = await snapshot(db(), payouts);
    const good = { providerId: k.doctor.id, amountMinor: 1_00, method: 'cash' };
    const cases: [object, string][] = [
      [{ ...good, providerId: k.receptionist.id }, 'body.providerId'],
      [{ ...good, providerId: 'nobody' }, 'body.providerId'],
      [{ ...good, amountMinor: 0 }, 'body.amountMinor'],
      [{ ...good, amountMinor: -5 }, 'body.amountMinor'],
      [{ ...good, amountMinor: 1.5 }, 'body.amountMinor'],
      [{ ...good, method: 'gold' }, 'body.method'],
      [{ ...good, reference: 'x'.repeat(101) }, 'body.reference'],
      [{ ...good, extra: true }, 'body.extra'],
    ];
    for (const [body, path] of cases) {
      const res = await payout(body);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(
        errorPaths(res).some((p) => p.startsWith(path)),
        res.body,
      ).toBe(true);
    }
    expect(await snapshot(db(), payouts)).toEqual(before);
    const queries: [string, string][] = [
      [`/api/billing/payouts/balances?from=${today}&to=${weekAgo}`, 'query.to'],
      ['/api/billing/payouts/balances?from=2026-02-30', 'query.from'],
      ['/api/billing/payouts?providerId=x', 'query.providerId'],
      [`/api/billing/payouts/doctors/${k.doctor.id}/statement?to=yesterday`, 'query.to'],
      [`/api/billing/payouts/doctors/${k.doctor.id}/statement.pdf?lang=fr`, 'query.lang'],
      ['/api/billing/payouts/doctors/x/statement', 'params.providerId'],
      ['/api/billing/earnings/mine?from=2020-01-01&to=2026-01-01', 'query.to'],
    ];
    for (const [url, path] of queries) {
      const res = await k.send('GET', url, undefined, k.admin.cookie);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(errorPaths(res), res.body).toContain(path);
    }
    // The rows the checks above looked at are still the doctor's.
    expect(
      await db()
        .select()
        .from(payouts)
        .where(inArray(payouts.providerId, [k.doctor.id])),
    ).toHaveLength(3);
  });
});
