import type { BillingReports, Invoice } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorPaths } from '../../test/test-queries.ts';
import { clinicToday } from '../queue/queue.service.ts';
import { addDays } from '../scheduling/zoned-time.ts';
import { type BillingKit, createBillingKit } from './billing.test-kit.ts';
import { rebuildShareRollups } from './share-rollups.ts';

let k: BillingKit;
let today: string;
const BACK_DAYS = 40;

/** What the generator posted, counted as it went: the figures every report must add up to. */
const posted = {
  payments: 0,
  refunds: 0,
  refundCount: 0,
  allocations: 0,
  /** Of the invoices moved back in time. */
  old: { payments: 0, refunds: 0, allocations: 0 },
  byMethod: new Map<string, number>(),
};
const issued: { invoice: Invoice; old: boolean }[] = [];

// A small seeded generator, so a failure can be replayed.
let seed = 20261207;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};

async function refund(invoiceId: string, amountMinor: number, method = 'card') {
  const res = await k.send(
    'POST',
    '/api/payments/refunds',
    { invoiceId, amountMinor, method, reason: 'Service not given' },
    k.accountant.cookie,
  );
  expect(res.statusCode, res.body).toBe(201);
}

/** Moves an invoice and all that happened on it back `days` days, as if it had been billed then. */
async function backdate(invoiceId: string, days: number) {
  const db = k.t.app.ctx.db;
  const by = `${days} days`;
  await db.execute(sql`update invoices set issued_at = issued_at - ${by}::interval where id = ${invoiceId}`);
  await db.execute(sql`update payments set received_at = received_at - ${by}::interval
    where id in (select payment_id from payment_allocations where invoice_id = ${invoiceId})`);
  await db.execute(sql`update share_entries set at = at - ${by}::interval where invoice_id = ${invoiceId}`);
  await rebuildShareRollups(db);
  await db.execute(
    sql`update refunds set created_at = created_at - ${by}::interval where invoice_id = ${invoiceId}`,
  );
}

beforeAll(async () => {
  k = await createBillingKit();
  await k.openDrawer(k.cashier);
  today = (await clinicToday(k.t.app.ctx)).day;
  const discount = await k.discountKind({ grantedBy: [] });
  const items = [k.items.consult, k.items.filling, k.items.cbc];
  const doctors = [k.doctor.id, k.dentist.id, undefined];
  const methods = ['cash', 'card', 'bank_transfer', 'e_wallet'] as const;
  for (let i = 0; i < 16; i++) {
    const patientId = await k.newPatient(`Report${i}`);
    const lines = Array.from({ length: 1 + rand(3) }, () => ({
      priceItemId: (items[rand(3)] as { id: string }).id,
      quantity: 1 + rand(2),
      providerId: doctors[rand(3)],
      ...(rand(4) === 0 ? { discount: { kindId: discount } } : {}),
    }));
    const invoice = await k.issued({
      patientId,
      lines,
      ...(i % 5 === 0 ? { discount: { kindId: discount } } : {}),
    });
    const old = i % 3 === 0;
    const track = (key: 'payments' | 'refunds' | 'allocations', amount: number) => {
      posted[key] += amount;
      if (old) posted.old[key] += amount;
    };
    // Nothing, part, or all of it paid, in one or two payments; a deposit now and then; some refunds.
    let owed = invoice.totalMinor;
    for (let p = rand(3); p > 0 && owed > 0; p--) {
      const amountMinor = p === 1 ? owed : 1 + rand(owed);
      const method = methods[rand(4)] as string;
      // A deposit only on the payment that settles it: what is over the balance is held on account.
      const deposit = p === 1 && rand(4) === 0 ? 5_00 : 0;
      await k.pay({
        patientId,
        method,
        amountMinor: amountMinor + deposit,
        invoiceIds: [invoice.id],
        deposit: deposit > 0,
      });
      track('payments', amountMinor + deposit);
      track('allocations', amountMinor);
      posted.byMethod.set(method, (posted.byMethod.get(method) ?? 0) + amountMinor + deposit);
      owed -= amountMinor;
    }
    const paid = invoice.totalMinor - owed;
    if (paid > 0 && rand(3) === 0) {
      const amount = 1 + rand(paid);
      await refund(invoice.id, amount);
      track('refunds', amount);
      posted.refundCount += 1;
      posted.byMethod.set('card', (posted.byMethod.get('card') ?? 0) - amount);
    }
    if (old) await backdate(invoice.id, BACK_DAYS);
    issued.push({ invoice: await k.invoice(invoice.id), old });
  }
});
afterAll(async () => k?.close());

async function report<K extends keyof BillingReports>(
  name: K,
  query: Record<string, string>,
  cookie = k.accountant.cookie,
): Promise<BillingReports[K]> {
  const res = await k.send(
    'GET',
    `/api/billing/reports/${name}?${new URLSearchParams(query)}`,
    undefined,
    cookie,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('revenue reports add up to the ledger', () => {
  it('revenue by period is payments received less refunds given, in total, by period and by method', async () => {
    const from = addDays(today, -60);
    const r = await report('revenue', { from, to: today, groupBy: 'day' });
    expect(r.total.receivedMinor).toBe(posted.payments);
    expect(r.total.refundedMinor).toBe(posted.refunds);
    expect(r.total.netMinor).toBe(posted.payments - posted.refunds);
    expect(r.rows).toHaveLength(61);
    const back = r.rows.find((x) => x.period === addDays(today, -BACK_DAYS));
    expect(back?.netMinor).toBe(posted.old.payments - posted.old.refunds);
    expect(r.rows.at(-1)?.netMinor).toBe(
      posted.payments - posted.refunds - posted.old.payments + posted.old.refunds,
    );
    for (const [method, amount] of posted.byMethod)
      expect(r.total.byMethod[method as keyof typeof r.total.byMethod]).toBe(amount);

    const onlyToday = await report('revenue', { from: today, to: today, groupBy: 'month' });
    expect(onlyToday.rows).toHaveLength(1);
    expect(onlyToday.rows[0]?.period).toBe(`${today.slice(0, 8)}01`);
    expect(onlyToday.total.netMinor).toBe(
      posted.payments - posted.refunds - posted.old.payments + posted.old.refunds,
    );
    const methods = await report('methods', { from, to: today });
    expect(methods.total.netMinor).toBe(r.total.netMinor);
    expect(methods.total.receivedMinor).toBe(posted.payments);
  });

  it('the doctor × period report splits exactly what was allocated less refunded on invoices', async () => {
    const from = addDays(today, -60);
    const r = await report('doctors', { from, to: today, groupBy: 'week' });
    expect(r.total.amountMinor).toBe(posted.allocations - posted.refunds);
    expect(r.total.doctorMinor + r.total.clinicMinor + r.total.taxMinor).toBe(
      posted.allocations - posted.refunds,
    );
    for (const row of r.rows) expect(row.doctorMinor + row.clinicMinor + row.taxMinor).toBe(row.amountMinor);
    const named = r.rows.filter((x) => x.providerId !== null);
    expect(named.length).toBeGreaterThan(0);
    expect(
      named.every((x) => [k.doctor.id, k.dentist.id].includes(x.providerId ?? '') && x.providerName),
    ).toBe(true);
    const recent = await report('doctors', { from: addDays(today, -BACK_DAYS + 1), to: today });
    expect(recent.total.amountMinor).toBe(
      posted.allocations - posted.refunds - posted.old.allocations + posted.old.refunds,
    );
    // The other views of the share ledger come to the same sum.
    for (const name of ['services', 'payers'] as const)
      expect((await report(name, { from, to: today })).total).toMatchObject(r.total);
    const tax = await report('tax', { from, to: today });
    expect(tax.total.taxMinor).toBe(r.total.taxMinor);
    expect(tax.total.baseMinor + tax.total.taxMinor).toBe(r.total.amountMinor);
    expect(tax.rows.map((x) => x.taxRateBp).sort()).toEqual(expect.arrayContaining([1200]));
  });

  it('ageing totals are the open balances, by days since issue', async () => {
    const r = await report('ageing', { from: addDays(today, -365), to: today });
    const open = issued.map((x) => ({ ...x, inv: x.invoice })).filter((x) => x.inv.balanceMinor > 0);
    const sum = (list: typeof open) => list.reduce((a, x) => a + x.inv.balanceMinor, 0);
    expect(r.total.balanceMinor).toBe(sum(open));
    expect(r.total.days31to60Minor).toBe(sum(open.filter((x) => x.old)));
    expect(r.total.days0to30Minor).toBe(sum(open.filter((x) => !x.old)));
    expect(r.total.invoices).toBe(open.length);
    expect(r.rows.reduce((a, x) => a + x.balanceMinor, 0)).toBe(r.total.balanceMinor);
    // Seen from before the old invoices were 31 days old, they are in the first bucket.
    const earlier = await report('ageing', { from: addDays(today, -365), to: addDays(today, -10) });
    expect(earlier.total.days0to30Minor).toBe(sum(open.filter((x) => x.old)));
    expect(earlier.total.balanceMinor).toBe(sum(open.filter((x) => x.old)));
  });

  it('discounts and refunds come to what the invoices and credit notes say', async () => {
    const from = addDays(today, -60);
    const d = await report('discounts', { from, to: today });
    expect(d.total.amountMinor).toBe(issued.reduce((a, x) => a + x.invoice.discountMinor, 0));
    expect(d.rows.every((x) => x.kindCode !== null && x.grantedById === k.cashier.id)).toBe(true);
    const refunds = await report('refunds', { from, to: today });
    expect(refunds.total).toEqual({ count: posted.refundCount, amountMinor: posted.refunds });
    expect(refunds.rows).toHaveLength(posted.refundCount);
  });
});

describe('downloads', () => {
  it('CSV: a header row, the rows and the total, money as decimals', async () => {
    const res = await k.send(
      'GET',
      `/api/billing/reports/methods?from=${addDays(today, -60)}&to=${today}&format=csv`,
      undefined,
      k.accountant.cookie,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('Method,Count,Received,Refunded,Net');
    const net = posted.payments - posted.refunds;
    expect(lines.at(-1)).toMatch(
      new RegExp(`^Total,\\d+,[\\d.]+,[\\d.]+,${(net / 100).toFixed(2).replace('.', '\\.')}$`),
    );
  });

  it('PDF: a document on the letterhead, in the language asked for', async () => {
    for (const name of ['revenue', 'doctors', 'ageing', 'refunds'] as const) {
      const res = await k.send(
        'GET',
        `/api/billing/reports/${name}?from=${addDays(today, -60)}&to=${today}&format=pdf&lang=es`,
        undefined,
        k.accountant.cookie,
      );
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });
});

describe('bad input and access', () => {
  it('refuses a period backwards or longer than three years, naming query.to', async () => {
    for (const [from, to] of [
      ['2026-03-02', '2026-03-01'],
      ['2023-01-01', '2026-01-01'],
    ]) {
      const res = await k.send(
        'GET',
        `/api/billing/reports/revenue?from=${from}&to=${to}`,
        undefined,
        k.accountant.cookie,
      );
      expect(res.statusCode).toBe(400);
      expect(errorPaths(res)).toEqual(['query.to']);
    }
    for (const [from, to, path] of [
      ['0001-01-01', '0001-01-02', 'query.from'],
      ['9999-06-01', '9999-12-31', 'query.to'],
    ] as const) {
      const res = await k.send(
        'GET',
        `/api/billing/reports/tax?from=${from}&to=${to}`,
        undefined,
        k.accountant.cookie,
      );
      expect(res.statusCode).toBe(400);
      expect(errorPaths(res)).toEqual([path]);
    }
    const ok = await k.send(
      'GET',
      '/api/billing/reports/revenue?from=2023-01-01&to=2025-12-31',
      undefined,
      k.accountant.cookie,
    );
    expect(ok.statusCode).toBe(200);
    const bad = await k.send(
      'GET',
      '/api/billing/reports/doctors?from=2026-01-01&to=2026-02-01&groupBy=year',
      undefined,
      k.accountant.cookie,
    );
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad)).toEqual(['query.groupBy']);
  });

  it('needs billing:reports: a cashier is refused', async () => {
    const res = await k.send(
      'GET',
      `/api/billing/reports/revenue?from=${today}&to=${today}`,
      undefined,
      k.cashier.cookie,
    );
    expect(res.statusCode).toBe(403);
  });
});
