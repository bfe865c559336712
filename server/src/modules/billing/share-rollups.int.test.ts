import type { BillingReports } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { type BillingKit, createBillingKit } from './billing.test-kit.ts';
import { type Big, num, sharesByPeriodAndDoctor } from './reports.repository.ts';
import { reportWindow } from './reports.service.ts';
import { rebuildShareRollups } from './share-rollups.ts';

let k: BillingKit;
const patients: string[] = [];

// A small seeded generator, so a failure can be replayed.
let seed = 20261208;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};

/** Invoices for new patients, paid in part or in full (by card, so no drawer is needed), some refunded. */
async function bill(count: number) {
  const items = [k.items.consult, k.items.filling, k.items.cbc];
  const doctors = [k.doctor.id, k.dentist.id, undefined];
  for (let i = 0; i < count; i++) {
    const patientId = await k.newPatient(`Rollup${patients.length}`);
    patients.push(patientId);
    const invoice = await k.issued({
      patientId,
      lines: Array.from({ length: 1 + rand(3) }, () => ({
        priceItemId: (items[rand(3)] as { id: string }).id,
        quantity: 1 + rand(2),
        providerId: doctors[rand(3)],
      })),
    });
    let owed = invoice.totalMinor;
    for (let p = 1 + rand(2); p > 0 && owed > 0; p--) {
      const amountMinor = p === 1 ? owed : 1 + rand(owed);
      await k.pay({ patientId, method: 'card', amountMinor, invoiceIds: [invoice.id] });
      owed -= amountMinor;
    }
    const paid = invoice.totalMinor - owed;
    if (rand(2) === 0) {
      const res = await k.send(
        'POST',
        '/api/payments/refunds',
        { invoiceId: invoice.id, amountMinor: 1 + rand(paid), method: 'card', reason: 'Service not given' },
        k.accountant.cookie,
      );
      expect(res.statusCode, res.body).toBe(201);
    }
  }
}

type Sums = {
  day: string;
  providerId: string | null;
  amount: Big;
  doctor: Big;
  clinic: Big;
  tax: Big;
  n: Big;
};
const asNumbers = (rows: Sums[]) =>
  rows.map((r) => ({
    day: r.day,
    providerId: r.providerId,
    amount: num(r.amount),
    doctor: num(r.doctor),
    clinic: num(r.clinic),
    tax: num(r.tax),
    n: num(r.n),
  }));

/** share_daily and share_monthly, and the ledger grouped the same ways: they must be equal row for row. */
async function rollupAndLedger() {
  const db = k.t.app.ctx.db;
  const rollup: ReturnType<typeof asNumbers> = [];
  const ledger: ReturnType<typeof asNumbers> = [];
  for (const [table, column, unit] of [
    ['share_daily', 'day', 'day'],
    ['share_monthly', 'month', 'month'],
  ] as const) {
    const rows = await queryRows<Sums>(
      db,
      sql`select to_char(${sql.raw(column)}, 'YYYY-MM-DD') as day, provider_id as "providerId",
                 amount_minor as amount, doctor_minor as doctor, clinic_minor as clinic, tax_minor as tax,
                 entries as n
          from ${sql.raw(table)} order by 1, provider_id nulls first`,
    );
    const grouped = await queryRows<Sums>(
      db,
      sql`select to_char(date_trunc(${unit}, at at time zone carebase_clinic_time_zone()), 'YYYY-MM-DD') as day,
                 provider_id as "providerId", sum(amount_minor) as amount, sum(doctor_minor) as doctor,
                 sum(clinic_minor) as clinic, sum(tax_minor) as tax, count(*) as n
          from share_entries group by 1, 2 order by 1, 2 nulls first`,
    );
    rollup.push(...asNumbers(rows));
    ledger.push(...asNumbers(grouped));
  }
  return { rollup, ledger };
}

async function setZone(timeZone: string) {
  const res = await k.send('PATCH', '/api/settings/system', { timeZone });
  expect(res.statusCode, res.body).toBe(200);
  // Settings are read again here, outside any transaction: on PGlite's single connection, a first read from
  // inside the invoice's transaction would wait for that transaction.
  await doctorsReport('2026-01-01', '2026-01-01', 'day');
}

type DoctorRow = BillingReports['doctors']['rows'][number];

async function doctorsReport(from: string, to: string, groupBy: string): Promise<DoctorRow[]> {
  const res = await k.send(
    'GET',
    `/api/billing/reports/doctors?${new URLSearchParams({ from, to, groupBy })}`,
    undefined,
    k.accountant.cookie,
  );
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as BillingReports['doctors']).rows;
}

/** The same report straight from the entries, each grouped by its own local period. */
async function fromLedger(from: string, to: string, groupBy: string, timeZone: string) {
  const w = reportWindow({ from, to }, timeZone);
  const rows = await queryRows<
    { period: string; providerId: string | null } & Omit<Sums, 'day' | 'providerId'>
  >(
    k.t.app.ctx.db,
    sql`select to_char(date_trunc(${groupBy}, at at time zone ${timeZone}), 'YYYY-MM-DD') as period,
               provider_id as "providerId", sum(amount_minor) as amount, sum(doctor_minor) as doctor,
               sum(clinic_minor) as clinic, sum(tax_minor) as tax
        from share_entries where at >= ${w.start}::timestamptz and at < ${w.end}::timestamptz
        group by 1, 2`,
  );
  return rows.map((r) => ({
    period: r.period,
    providerId: r.providerId,
    amountMinor: num(r.amount),
    doctorMinor: num(r.doctor),
    clinicMinor: num(r.clinic),
    taxMinor: num(r.tax),
  }));
}

const byKey = <T extends { period: string; providerId: string | null }>(rows: T[]) =>
  [...rows].sort((a, b) =>
    `${a.period}|${a.providerId ?? ''}`.localeCompare(`${b.period}|${b.providerId ?? ''}`),
  );

beforeAll(async () => {
  k = await createBillingKit();
  await setZone('America/New_York');
  await bill(12);
});
afterAll(async () => k?.close());

describe("share_daily, the ledger summed by the clinic's local day and doctor", () => {
  it('equals the grouped share entries after payments and refunds, written in the same transaction', async () => {
    const { rollup, ledger } = await rollupAndLedger();
    expect(ledger.length).toBeGreaterThan(0);
    expect(rollup).toEqual(ledger);
  });

  it('the doctor × period report by day, week and month equals the ledger grouped directly, in any zone', async () => {
    const db = k.t.app.ctx.db;
    // Copies of the entries spread over fourteen months on a 15-minute grid (local midnights fall on it),
    // and more right at, just before and just after the local month starts of the zones tested.
    await db.execute(
      sql`insert into share_entries (invoice_id, line_id, provider_id, allocation_id, refund_id, amount_minor,
                                     doctor_minor, clinic_minor, tax_minor, at)
          select s.invoice_id, s.line_id, s.provider_id, s.allocation_id, s.refund_id, s.amount_minor,
                 s.doctor_minor, s.clinic_minor, s.tax_minor,
                 timestamptz '2025-10-01 00:00Z' + ((s.n * 7919 + g * 104729) % (425 * 96)) * interval '15 minutes'
          from (select *, row_number() over (order by at, amount_minor, doctor_minor, line_id) as n
                from share_entries) s,
               generate_series(1, 40) g`,
    );
    await db.execute(
      sql`insert into share_entries (invoice_id, line_id, provider_id, allocation_id, refund_id, amount_minor,
                                     doctor_minor, clinic_minor, tax_minor, at)
          select s.invoice_id, s.line_id, s.provider_id, s.allocation_id, s.refund_id, s.amount_minor,
                 s.doctor_minor, s.clinic_minor, s.tax_minor, (m at time zone z) + o
          from (select distinct on (coalesce(provider_id::text, '')) * from share_entries
                order by coalesce(provider_id::text, ''), at) s,
               generate_series(timestamp '2025-10-01', timestamp '2026-12-01', interval '1 month') m,
               unnest(array['America/New_York', 'Asia/Kolkata', 'Pacific/Chatham']) z,
               unnest(array[interval '-1 microsecond', interval '0', interval '1 microsecond',
                            interval '-30 minutes', interval '30 minutes']) o`,
    );
    await rebuildShareRollups(db);

    let compared = 0;
    for (const zone of ['America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC']) {
      await setZone(zone);
      for (const groupBy of ['day', 'week', 'month'])
        for (const [from, to] of [
          ['2025-10-01', '2026-12-31'],
          ['2025-10-17', '2026-11-03'],
          ['2026-03-01', '2026-03-31'],
        ] as const) {
          const report = await doctorsReport(from, to, groupBy);
          const expected = await fromLedger(from, to, groupBy, zone);
          expect(expected.length).toBeGreaterThan(0);
          expect(
            byKey(report.map(({ providerName: _, ...r }) => r)),
            `${zone} ${groupBy} ${from}..${to}`,
          ).toEqual(byKey(expected));
          compared++;
        }
    }
    expect(compared).toBe(36);

    // A zone other than the stored one (another instance's settings a moment old) is grouped from the entries.
    const w = {
      ...reportWindow({ from: '2025-10-17', to: '2026-11-03' }, 'Asia/Kolkata'),
      groupBy: 'week' as const,
    };
    const fallback = await sharesByPeriodAndDoctor(db, w);
    expect(
      byKey(
        fallback.map((r) => ({
          period: r.period,
          providerId: r.providerId,
          amountMinor: num(r.amount),
          doctorMinor: num(r.doctor),
          clinicMinor: num(r.clinic),
          taxMinor: num(r.tax),
        })),
      ),
    ).toEqual(byKey(await fromLedger('2025-10-17', '2026-11-03', 'week', 'Asia/Kolkata')));

    // The rollups are what is read: spoil the month row of May and one day of its first week, and the month
    // and week reports show each.
    await setZone('Asia/Kolkata');
    const spoil = (table: string, where: ReturnType<typeof sql>) =>
      queryRows<{ n: number }>(
        db,
        sql`with u as (update ${sql.raw(table)} set amount_minor = amount_minor + 1 where ${where} returning 1)
            select count(*)::int as n from u`,
      );
    const [month] = await spoil('share_monthly', sql`month = date '2026-05-01'`);
    const [day] = await spoil(
      'share_daily',
      sql`day = (select min(day) from share_daily where day >= date '2026-05-04')`,
    );
    expect(month?.n).toBeGreaterThan(0);
    expect(day?.n).toBeGreaterThan(0);
    const sum = (rows: { amountMinor: number }[]) => rows.reduce((a, r) => a + r.amountMinor, 0);
    const exact = sum(await fromLedger('2026-05-04', '2026-05-31', 'month', 'Asia/Kolkata'));
    const wholeMonth = sum(await fromLedger('2026-05-01', '2026-05-31', 'month', 'Asia/Kolkata'));
    expect(sum(await doctorsReport('2026-05-01', '2026-05-31', 'month'))).toBe(wholeMonth + (month?.n ?? 0));
    expect(sum(await doctorsReport('2026-05-04', '2026-05-31', 'week'))).toBe(exact + (day?.n ?? 0));
    await rebuildShareRollups(db);
    expect(sum(await doctorsReport('2026-05-01', '2026-05-31', 'month'))).toBe(wholeMonth);
  });

  it('changing the time zone re-keys the rollup by the new local days, in the same transaction', async () => {
    // Spelled in lower case, as the browser's calendar accepts and the database's zone data too.
    await setZone('pacific/chatham');
    const { rollup, ledger } = await rollupAndLedger();
    expect(rollup).toEqual(ledger);
    const [utc] = await queryRows<{ days: string[] }>(
      k.t.app.ctx.db,
      sql`select array_agg(distinct to_char((at at time zone 'UTC')::date, 'YYYY-MM-DD')) as days
          from share_entries`,
    );
    expect(new Set(rollup.map((r) => r.day))).not.toEqual(new Set(utc?.days));
  });

  it('payments and refunds add onto existing day rows, still equal to the ledger', async () => {
    await setZone('Asia/Kolkata');
    await bill(4);
    const { rollup, ledger } = await rollupAndLedger();
    expect(rollup).toEqual(ledger);
  });

  it('removing sample patients with billing rows recomputes the rollup', async () => {
    const db = k.t.app.ctx.db;
    const [patientId] = patients;
    await db.execute(
      sql`insert into sample_records (resource_type, resource_id) values ('patient', ${patientId as string})`,
    );
    const res = await k.send('DELETE', '/api/setup/sample-data');
    expect(res.statusCode, res.body).toBe(200);
    const [left] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from share_entries s join invoices i on i.id = s.invoice_id
          where i.patient_id = ${patientId as string}`,
    );
    expect(left?.n).toBe(0);
    const { rollup, ledger } = await rollupAndLedger();
    expect(rollup).toEqual(ledger);
  });
});
