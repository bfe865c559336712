import { randomUUID } from 'node:crypto';
import type { CashDrawer, Payment } from '@carebase/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { insertPatient } from '../encounters/chart-fixtures.ts';
import { clinicToday } from '../queue/queue.service.ts';
import { createSchedulingKit, type SchedulingKit } from '../scheduling/scheduling.test-kit.ts';
import { cashDrawers, drawerMovements } from './cash.schema.ts';
import { openDrawerOf, recordDrawerMovement } from './cash-drawer-ledger.ts';
import { refunds } from './payments.schema.ts';

let k: SchedulingKit;
let cashier: TestUser;
let other: TestUser;
/** A custom role with invoices:write only: their own drawer, nobody else's. */
let till: TestUser;
let today: string;
beforeAll(async () => {
  k = await createSchedulingKit();
  [cashier, other] = (await Promise.all([
    k.t.userWithRoles(['cashier']),
    k.t.userWithRoles(['cashier']),
  ])) as [TestUser, TestUser];
  const role = await k.send('POST', '/api/roles', {
    key: 'till',
    name: 'Till',
    permissions: ['invoices:write'],
  });
  expect(role.statusCode, role.body).toBe(201);
  till = await k.t.userWithRoles(['till']);
  today = (await clinicToday(k.t.app.ctx)).day;
});
afterAll(async () => k?.close());

const URL = '/api/billing/drawers';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const tables = () => Promise.all([cashDrawers, drawerMovements].map((t) => snapshot(k.t.app.ctx.db, t)));

async function ok(method: 'GET' | 'POST', url: string, who: TestUser, payload?: object): Promise<CashDrawer> {
  const res = await k.send(method, url, payload, who.cookie);
  expect(res.statusCode, res.body).toBe(method === 'POST' && url === URL ? 201 : 200);
  return res.json();
}

/** A cash deposit taken through the payments API: it goes into the cashier's open drawer. */
async function cashPayment(who: TestUser, amountMinor: number) {
  const patientId = await insertPatient(k.t.app.ctx.db);
  const body = { patientId, method: 'cash', amountMinor, deposit: true, tenderedMinor: amountMinor };
  return k.send('POST', '/api/payments', body, who.cookie);
}

/** What the refund code does for cash: the credit note's money leaves the refunder's open drawer. */
async function cashRefund(who: TestUser, amountMinor: number): Promise<string> {
  const ctx = k.t.app.ctx;
  const paid = await cashPayment(who, amountMinor);
  expect(paid.statusCode, paid.body).toBe(201);
  const payment: Payment = paid.json();
  return ctx.db.transaction(async (tx) => {
    const drawerId = await openDrawerOf(ctx, tx, who.id);
    const number = `CN-T-${randomUUID().slice(0, 6)}`;
    const [refund] = await tx
      .insert(refunds)
      .values({
        number,
        patientId: payment.patientId,
        paymentId: payment.id,
        method: 'cash',
        amountMinor,
        reason: 'deposit back',
        drawerId,
      })
      .returning({ id: refunds.id });
    await recordDrawerMovement(tx, {
      drawerId,
      kind: 'refund',
      amountMinor: -amountMinor,
      refundId: refund?.id as string,
      createdBy: who.id,
    });
    return number;
  });
}

let drawer: CashDrawer;

describe('POST /api/billing/drawers', () => {
  it("opens the caller's drawer for today with its float, audited and published", async () => {
    drawer = await ok('POST', URL, cashier, { openingFloatMinor: 10_000 });
    expect(drawer).toMatchObject({
      cashierId: cashier.id,
      businessDay: today,
      status: 'open',
      openingFloatMinor: 10_000,
      cashInMinor: 0,
      cashOutMinor: 0,
      expectedMinor: 10_000,
      counts: null,
      countedMinor: null,
      differenceMinor: null,
      closedAt: null,
      movements: [],
    });
    const [audit] = await auditOf(k.t.app.ctx.db, 'cash_drawer.open', drawer.id);
    expect(audit).toMatchObject({
      actorId: cashier.id,
      details: { businessDay: today, openingFloatMinor: 10_000 },
    });
    await k.eventAbout('billing.changed', drawer.id);
  });

  it('answers 409 to a second open the same day, also when two race', async () => {
    const again = await k.send('POST', URL, { openingFloatMinor: 1 }, cashier.cookie);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain(today);
    const raced = await Promise.all(
      [1, 2, 3].map(() => k.send('POST', URL, { openingFloatMinor: 500 }, other.cookie)),
    );
    expect(raced.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(await auditOf(k.t.app.ctx.db, 'cash_drawer.open')).toHaveLength(2);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await tables();
    const cases: [unknown, string][] = [
      [{}, 'body.openingFloatMinor'],
      [{ openingFloatMinor: -1 }, 'body.openingFloatMinor'],
      [{ openingFloatMinor: 1.5 }, 'body.openingFloatMinor'],
      [{ openingFloatMinor: '10' }, 'body.openingFloatMinor'],
      [{ openingFloatMinor: 1, extra: 1 }, 'body.extra'],
    ];
    for (const [payload, path] of cases) {
      const res = await k.send('POST', URL, payload, till.cookie);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res), JSON.stringify(payload)).toEqual([path]);
    }
    expect(await tables()).toEqual(before);
  });
});

describe('reading drawers', () => {
  it("GET /mine gives the caller's drawer of today, or 404", async () => {
    expect((await ok('GET', `${URL}/mine`, cashier)).id).toBe(drawer.id);
    const none = await k.send('GET', `${URL}/mine`, undefined, till.cookie);
    expect(none.statusCode).toBe(404);
  });

  it('GET / lists the drawers of a day for billing:read, today by default', async () => {
    const res = await k.send('GET', URL, undefined, k.accountant.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const items: CashDrawer[] = res.json().items;
    expect(items.map((d) => d.cashierId).sort()).toEqual([cashier.id, other.id].sort());
    expect((await k.send('GET', `${URL}?day=${today}`, undefined, cashier.cookie)).json().items).toHaveLength(
      2,
    );
    expect((await k.send('GET', `${URL}?day=2001-01-01`)).json().items).toEqual([]);
    expect(errorPaths(await k.send('GET', `${URL}?day=yesterday`))).toEqual(['query.day']);
    expect(errorPaths(await k.send('GET', `${URL}?day=2025-02-30`))).toEqual(['query.day']);
    expect((await k.send('GET', `${URL}?sort=name`)).statusCode).toBe(400);
  });

  it('GET /:id: billing:read sees any drawer, a cashier without it only their own', async () => {
    expect((await ok('GET', `${URL}/${drawer.id}`, k.accountant)).id).toBe(drawer.id);
    expect((await ok('GET', `${URL}/${drawer.id}`, other)).id).toBe(drawer.id);
    expect((await k.send('GET', `${URL}/${drawer.id}`, undefined, till.cookie)).statusCode).toBe(403);
    expect((await k.send('GET', `${URL}/${NO_SUCH_ID}`)).statusCode).toBe(404);
    expect(errorPaths(await k.send('GET', `${URL}/42`))).toEqual(['params.id']);
  });

  it('lets no one in without the permission', async () => {
    for (const [method, path, body] of [
      ['POST', URL, { openingFloatMinor: 1 }],
      ['GET', `${URL}/mine`, undefined],
      ['GET', URL, undefined],
      ['GET', `${URL}/${drawer.id}`, undefined],
      ['POST', `${URL}/${drawer.id}/paid-outs`, { amountMinor: 1, reason: 'x' }],
      ['POST', `${URL}/${drawer.id}/close`, { counts: {} }],
      ['POST', `${URL}/${drawer.id}/reopen`, { reason: 'x' }],
    ] as const) {
      expect((await k.send(method, path, body, null)).statusCode).toBe(401);
      for (const u of [k.doctor, k.nurse, k.pharmacist, k.patient])
        expect((await k.send(method, path, body, u.cookie)).statusCode, `${method} ${path}`).toBe(403);
    }
    expect((await k.send('GET', URL, undefined, till.cookie)).statusCode).toBe(403);
    expect(
      (await k.send('POST', `${URL}/${drawer.id}/reopen`, { reason: 'x' }, cashier.cookie)).statusCode,
    ).toBe(403);
  });
});

describe('cash in and out', () => {
  it('adds payments and refunds with their numbers and who moved the cash', async () => {
    const paid = await cashPayment(cashier, 7_550);
    expect(paid.statusCode, paid.body).toBe(201);
    const creditNote = await cashRefund(cashier, 1_000);
    const d = await ok('GET', `${URL}/mine`, cashier);
    expect(d).toMatchObject({ cashInMinor: 8_550, cashOutMinor: 1_000, expectedMinor: 17_550 });
    expect(d.movements).toMatchObject([
      {
        kind: 'payment',
        amountMinor: 7_550,
        reference: (paid.json() as Payment).number,
        byName: expect.stringContaining('cashier'),
      },
      { kind: 'payment', amountMinor: 1_000 },
      { kind: 'refund', amountMinor: -1_000, reference: creditNote },
    ]);
  });

  it('pays out of the own open drawer with a reason, audited and published', async () => {
    const d = await ok('POST', `${URL}/${drawer.id}/paid-outs`, cashier, {
      amountMinor: 550,
      reason: ' Courier ',
    });
    expect(d).toMatchObject({ cashOutMinor: 1_550, expectedMinor: 17_000 });
    expect(d.movements.at(-1)).toMatchObject({
      kind: 'paid_out',
      amountMinor: -550,
      reason: 'Courier',
      reference: null,
    });
    const [audit] = await auditOf(k.t.app.ctx.db, 'cash_drawer.paid_out', drawer.id);
    expect(audit).toMatchObject({
      actorId: cashier.id,
      details: { amountMinor: 550, expectedBefore: 17_550 },
    });
  });

  it('refuses more than the expected cash (409 naming it), bad input, and other cashiers', async () => {
    const before = await tables();
    const over = await k.send(
      'POST',
      `${URL}/${drawer.id}/paid-outs`,
      { amountMinor: 17_001, reason: 'x' },
      cashier.cookie,
    );
    expect(over.statusCode).toBe(409);
    expect(over.json().detail).toContain('170.00');
    expect(errorPaths(over)).toEqual(['body.amountMinor']);
    const cases: [unknown, string][] = [
      [{ reason: 'x' }, 'body.amountMinor'],
      [{ amountMinor: 0, reason: 'x' }, 'body.amountMinor'],
      [{ amountMinor: -5, reason: 'x' }, 'body.amountMinor'],
      [{ amountMinor: 5 }, 'body.reason'],
      [{ amountMinor: 5, reason: '  ' }, 'body.reason'],
      [{ amountMinor: 5, reason: 'x'.repeat(501) }, 'body.reason'],
    ];
    for (const [payload, path] of cases) {
      const res = await k.send('POST', `${URL}/${drawer.id}/paid-outs`, payload, cashier.cookie);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      // A negative amount breaks two rules of the same field.
      expect([...new Set(errorPaths(res))], JSON.stringify(payload)).toEqual([path]);
    }
    const good = { amountMinor: 1, reason: 'x' };
    expect((await k.send('POST', `${URL}/${drawer.id}/paid-outs`, good, other.cookie)).statusCode).toBe(403);
    expect((await k.send('POST', `${URL}/${drawer.id}/paid-outs`, good)).statusCode).toBe(403);
    expect((await k.send('POST', `${URL}/${NO_SUCH_ID}/paid-outs`, good, cashier.cookie)).statusCode).toBe(
      404,
    );
    expect(await tables()).toEqual(before);
  });

  it('never takes a drawer below zero under concurrent paid-outs', async () => {
    const mine = await ok('GET', `${URL}/mine`, other);
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() =>
        k.send(
          'POST',
          `${URL}/${mine.id}/paid-outs`,
          { amountMinor: 150, reason: 'petty cash' },
          other.cookie,
        ),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 409, 409]);
    expect((await ok('GET', `${URL}/mine`, other)).expectedMinor).toBe(50);
  });
});

describe('closing and reopening', () => {
  it('refuses bad counts naming the field, and closing another cashier’s drawer', async () => {
    const before = await tables();
    const cases: [unknown, string][] = [
      [{}, 'body.counts'],
      [{ counts: { '0': 1 } }, 'body.counts.0'],
      [{ counts: { abc: 1 } }, 'body.counts.abc'],
      [{ counts: { '100': -1 } }, 'body.counts.100'],
      [{ counts: { '100': 1.5 } }, 'body.counts.100'],
      [{ counts: { '10000000': 100_000 } }, 'body.counts'],
    ];
    for (const [payload, path] of cases) {
      const res = await k.send('POST', `${URL}/${drawer.id}/close`, payload, cashier.cookie);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res), JSON.stringify(payload)).toContain(path);
    }
    const counts = { counts: { '100': 1 } };
    expect((await k.send('POST', `${URL}/${drawer.id}/close`, counts, other.cookie)).statusCode).toBe(403);
    expect((await k.send('POST', `${URL}/${drawer.id}/close`, counts, till.cookie)).statusCode).toBe(403);
    expect(await tables()).toEqual(before);
  });

  it('closes with the count: counted, expected and difference; audited', async () => {
    // Expected 170.00; counted 3 × 50.00 + 9 × 2.00 + 7 × 0.25 = 169.75, short by 0.25.
    const counts = { '5000': 3, '200': 9, '25': 7, '10000': 0 };
    const d = await ok('POST', `${URL}/${drawer.id}/close`, cashier, { counts });
    expect(d).toMatchObject({
      status: 'closed',
      counts,
      countedMinor: 16_975,
      expectedMinor: 17_000,
      differenceMinor: -25,
      closedByName: expect.stringContaining('cashier'),
    });
    expect(d.closedAt).not.toBeNull();
    const [audit] = await auditOf(k.t.app.ctx.db, 'cash_drawer.close', drawer.id);
    expect(audit).toMatchObject({
      actorId: cashier.id,
      details: { countedMinor: 16_975, expectedMinor: 17_000, differenceMinor: -25 },
    });
  });

  it('keeps a closed drawer read-only: no paid-out, no cash payment, no second close', async () => {
    const before = await tables();
    const paidOut = await k.send(
      'POST',
      `${URL}/${drawer.id}/paid-outs`,
      { amountMinor: 1, reason: 'x' },
      cashier.cookie,
    );
    expect(paidOut.statusCode).toBe(409);
    const close = await k.send('POST', `${URL}/${drawer.id}/close`, { counts: {} }, cashier.cookie);
    expect(close.statusCode).toBe(409);
    expect((await cashPayment(cashier, 100)).statusCode).toBe(409);
    expect(await tables()).toEqual(before);
  });

  it('reopens for drawers:reopen with a reason: count cleared, a reopen movement, audited', async () => {
    const bad = await k.send('POST', `${URL}/${drawer.id}/reopen`, { reason: ' ' }, k.accountant.cookie);
    expect(errorPaths(bad)).toEqual(['body.reason']);
    expect(errorPaths(await k.send('POST', `${URL}/${drawer.id}/reopen`, {}, k.accountant.cookie))).toEqual([
      'body.reason',
    ]);
    const d = await ok('POST', `${URL}/${drawer.id}/reopen`, k.accountant, { reason: 'Miscounted coins' });
    expect(d).toMatchObject({
      status: 'open',
      counts: null,
      countedMinor: null,
      differenceMinor: null,
      closedAt: null,
      closedByName: null,
      expectedMinor: 17_000,
    });
    expect(d.movements.at(-1)).toMatchObject({ kind: 'reopen', amountMinor: 0, reason: 'Miscounted coins' });
    const [audit] = await auditOf(k.t.app.ctx.db, 'cash_drawer.reopen', drawer.id);
    expect(audit).toMatchObject({
      actorId: k.accountant.id,
      details: { reason: 'Miscounted coins', before: { countedMinor: 16_975, differenceMinor: -25 } },
    });
    const again = await k.send('POST', `${URL}/${drawer.id}/reopen`, { reason: 'x' }, k.accountant.cookie);
    expect(again.statusCode).toBe(409);
    expect(
      (await k.send('POST', `${URL}/${NO_SUCH_ID}/reopen`, { reason: 'x' }, k.accountant.cookie)).statusCode,
    ).toBe(404);
  });

  it('takes cash again once reopened, and closes over', async () => {
    expect((await cashPayment(cashier, 500)).statusCode).toBe(201);
    const d = await ok('POST', `${URL}/${drawer.id}/close`, cashier, {
      counts: { '10000': 1, '5000': 1, '2000': 1, '500': 1 },
    });
    expect(d).toMatchObject({ countedMinor: 17_500, expectedMinor: 17_500, differenceMinor: 0 });
    const over = await ok('POST', `${URL}/${drawer.id}/reopen`, k.accountant, { reason: 'found a note' });
    const closed = await ok('POST', `${URL}/${over.id}/close`, cashier, { counts: { '10000': 2 } });
    expect(closed.differenceMinor).toBe(2_500);
  });
});
