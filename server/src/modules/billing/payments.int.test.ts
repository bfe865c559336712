import { randomUUID } from 'node:crypto';
import type { Invoice, PatientAccount, Payment } from '@carebase/contracts';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCtes, SYSTEM_ACTOR } from '../../platform/audit/audit.writer.ts';
import { isWriteConflict, queryRows } from '../../platform/db/database.ts';
import { pdfToText } from '../../platform/pdf/pdf-extract.test-helper.ts';
import { startSmtp } from '../../test/smtp-server.ts';
import { onPostgres } from '../../test/test-database.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { patients } from '../patients/patients.schema.ts';
import { billingModule } from './billing.module.ts';
import { type BillingKit, createBillingKit } from './billing.test-kit.ts';
import { drawerMovements } from './cash.schema.ts';
import { invoices } from './invoices.schema.ts';
import { writePayment } from './payments.repository.ts';
import { payments, shareEntries } from './payments.schema.ts';
import { numberReceipts } from './receipt-numbers.ts';
import { type InvoiceForPosting, planAllocations, readInvoicesForPosting } from './share-ledger.ts';

let k: BillingKit;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  k = await createBillingKit();
  smtp = await startSmtp();
  await k.openDrawer(k.cashier);
});
afterAll(async () => {
  await smtp?.close();
  await k?.close();
});

/** An issued invoice of a new patient: consultation (doctor 60 %) and a filling (dentist 30.00 fixed, 12 % tax). */
async function consultAndFilling(): Promise<Invoice> {
  const patientId = await k.newPatient();
  return k.issued({
    patientId,
    lines: [
      { priceItemId: k.items.consult.id, quantity: 1, providerId: k.doctor.id },
      { priceItemId: k.items.filling.id, quantity: 1, providerId: k.dentist.id },
    ],
  });
}

/** The cashier pays `amountMinor` of the invoice by card. */
function payByCard(inv: Invoice, amountMinor: number) {
  return k.send(
    'POST',
    '/api/payments',
    { patientId: inv.patientId, method: 'card', amountMinor, invoiceIds: [inv.id] },
    k.cashier.cookie,
  );
}

async function sharesOf(invoiceId: string) {
  const [row] = await k.t.app.ctx.db
    .select({
      amount: sql<number>`coalesce(sum(${shareEntries.amountMinor}), 0)::int`,
      doctor: sql<number>`coalesce(sum(${shareEntries.doctorMinor}), 0)::int`,
      clinic: sql<number>`coalesce(sum(${shareEntries.clinicMinor}), 0)::int`,
      tax: sql<number>`coalesce(sum(${shareEntries.taxMinor}), 0)::int`,
    })
    .from(shareEntries)
    .where(eq(shareEntries.invoiceId, invoiceId));
  return row;
}

describe('POST /api/payments', () => {
  it('takes cash with change, then the rest by card; shares add up to what was paid, line by line', async () => {
    const inv = await consultAndFilling(); // 50.00 + 89.60 = 139.60
    const cash = await k.pay({
      patientId: inv.patientId,
      method: 'cash',
      amountMinor: 100_00,
      tenderedMinor: 120_00,
      invoiceIds: [inv.id],
    });
    expect(cash).toMatchObject({
      number: expect.stringMatching(/^RCT-\d{4}-\d{6}$/),
      tenderedMinor: 120_00,
      changeMinor: 20_00,
      heldMinor: 0,
    });
    expect(cash.allocations).toEqual([
      expect.objectContaining({ invoiceId: inv.id, invoiceNumber: inv.number, amountMinor: 100_00 }),
    ]);
    // The answer is built from what was written: it reads back the same.
    const read = await k.send('GET', `/api/payments/${cash.id}`, undefined, k.cashier.cookie);
    expect(read.json()).toEqual(cash);
    expect(await k.invoice(inv.id)).toMatchObject({
      status: 'partially_paid',
      paidMinor: 100_00,
      balanceMinor: 39_60,
    });
    expect(await sharesOf(inv.id)).toMatchObject({ amount: 100_00 });

    const card = await k.pay({
      patientId: inv.patientId,
      method: 'card',
      amountMinor: 39_60,
      cardLast4: '4242',
      reference: 'AUTH77',
      invoiceIds: [inv.id],
    });
    expect(card).toMatchObject({ cardLast4: '4242', tenderedMinor: null, changeMinor: null });
    expect(await k.invoice(inv.id)).toMatchObject({ status: 'paid', balanceMinor: 0 });
    // Paid in full: doctor 30.00 + dentist 30.00; clinic 20.00 + 50.00; tax 9.60.
    expect(await sharesOf(inv.id)).toEqual({ amount: 139_60, doctor: 60_00, clinic: 70_00, tax: 9_60 });
    const movements = await k.t.app.ctx.db
      .select()
      .from(drawerMovements)
      .where(eq(drawerMovements.paymentId, cash.id));
    expect(movements.map((m) => [m.kind, m.amountMinor])).toEqual([['payment', 100_00]]);
    expect((await auditOf(k.t.app.ctx.db, 'payment.create', card.id))[0]).toMatchObject({
      patientId: inv.patientId,
    });
    await k.eventAbout('billing.changed', card.id);
  });

  it('refuses more than the balance unless taken as a deposit, and applies the credit later', async () => {
    const inv = await consultAndFilling();
    const over = await k.send(
      'POST',
      '/api/payments',
      { patientId: inv.patientId, method: 'card', amountMinor: 200_00, invoiceIds: [inv.id] },
      k.cashier.cookie,
    );
    expect(over.statusCode).toBe(409);
    expect(over.json().detail).toContain('13960');
    expect(errorPaths(over)).toEqual(['body.amountMinor']);
    const deposit = await k.pay({
      patientId: inv.patientId,
      method: 'bank_transfer',
      amountMinor: 200_00,
      invoiceIds: [inv.id],
      deposit: true,
    });
    expect(deposit).toMatchObject({ heldMinor: 60_40 });
    const advance = await k.pay({
      patientId: inv.patientId,
      method: 'e_wallet',
      amountMinor: 10_00,
      deposit: true,
    });
    expect(advance.allocations).toEqual([]);

    const next = await k.issued({
      patientId: inv.patientId,
      lines: [{ priceItemId: k.items.consult.id, quantity: 2, providerId: k.doctor.id }],
    });
    const tooMuch = await k.send(
      'POST',
      '/api/payments/apply-credit',
      { invoiceId: next.id, amountMinor: 80_00 },
      k.cashier.cookie,
    );
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().detail).toContain('7040');
    const applied = await k.send(
      'POST',
      '/api/payments/apply-credit',
      { invoiceId: next.id, amountMinor: 70_40 },
      k.cashier.cookie,
    );
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().payments.map((p: Payment) => [p.id, p.heldMinor])).toEqual([
      [deposit.id, 0],
      [advance.id, 0],
    ]);
    expect(await k.invoice(next.id)).toMatchObject({
      status: 'partially_paid',
      paidMinor: 70_40,
      balanceMinor: 29_60,
    });

    const account = await k.send(
      'GET',
      `/api/payments/accounts/${inv.patientId}`,
      undefined,
      k.receptionist.cookie,
    );
    expect(account.statusCode).toBe(200);
    const a: PatientAccount = account.json();
    expect(a).toMatchObject({ owedMinor: 29_60, creditMinor: 0 });
    expect(a.entries.map((e) => e.kind)).toEqual(['invoice', 'payment', 'payment', 'invoice']);
    expect(a.entries.at(-1)?.balanceMinor).toBe(a.owedMinor - a.creditMinor);
    // A refund shows as its credit note and the money given back; the balance ends where it was.
    const refund = await k.send(
      'POST',
      '/api/payments/refunds',
      { invoiceId: inv.id, amountMinor: 5_00, method: 'card', reason: 'goodwill' },
      k.accountant.cookie,
    );
    expect(refund.statusCode, refund.body).toBe(201);
    const after: PatientAccount = (
      await k.send('GET', `/api/payments/accounts/${inv.patientId}`, undefined, k.receptionist.cookie)
    ).json();
    expect(after.entries.slice(-2).map((e) => [e.kind, e.amountMinor])).toEqual([
      ['credit_note', -5_00],
      ['refund', 5_00],
    ]);
    expect(after.entries.at(-1)?.balanceMinor).toBe(29_60);
    expect(await auditOf(k.t.app.ctx.db, 'patient_account.read', inv.patientId)).toHaveLength(2);
  });

  it('gives back part of a deposit held on account, never more than it holds', async () => {
    const patientId = await k.newPatient('Deposit');
    const advance = await k.pay({ patientId, method: 'bank_transfer', amountMinor: 20_00, deposit: true });
    const url = `/api/payments/${advance.id}/refunds`;
    const body = { amountMinor: 15_00, method: 'bank_transfer', reason: 'treatment postponed' };
    expect((await k.send('POST', url, body, k.cashier.cookie)).statusCode).toBe(403);
    const tooMuch = await k.send('POST', url, { ...body, amountMinor: 20_01 }, k.accountant.cookie);
    expect(tooMuch.statusCode).toBe(409);
    expect(errorPaths(tooMuch)).toEqual(['body.amountMinor']);
    const res = await k.send('POST', url, body, k.accountant.cookie);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ invoiceId: null, amountMinor: 15_00, reason: 'treatment postponed' });
    expect(
      (await k.send('GET', `/api/payments/${advance.id}`, undefined, k.cashier.cookie)).json(),
    ).toMatchObject({ heldMinor: 5_00 });
    const account: PatientAccount = (
      await k.send('GET', `/api/payments/accounts/${patientId}`, undefined, k.receptionist.cookie)
    ).json();
    expect(account).toMatchObject({ owedMinor: 0, creditMinor: 5_00 });
    expect(account.entries.map((e) => e.kind)).toEqual(['payment', 'refund']);
    expect(account.entries.at(-1)?.balanceMinor).toBe(-5_00);
  });

  it('refuses bad input with 400s naming the field and writes nothing', async () => {
    const inv = await consultAndFilling();
    const other = await k.newPatient('Other');
    const draft = await k.draft({
      patientId: inv.patientId,
      lines: [{ priceItemId: k.items.cbc.id, quantity: 1 }],
    });
    const before = await snapshot(k.t.app.ctx.db, payments);
    const base = { patientId: inv.patientId, method: 'card', amountMinor: 10_00, invoiceIds: [inv.id] };
    const cases: [object, number, string][] = [
      [{ ...base, amountMinor: 0 }, 400, 'body.amountMinor'],
      [{ ...base, amountMinor: 10.5 }, 400, 'body.amountMinor'],
      [{ ...base, amountMinor: -1 }, 400, 'body.amountMinor'],
      [{ ...base, method: 'cheque' }, 400, 'body.method'],
      [{ ...base, cardLast4: '42' }, 400, 'body.cardLast4'],
      [{ ...base, method: 'bank_transfer', cardLast4: '4242' }, 400, 'body.cardLast4'],
      [{ ...base, tenderedMinor: 20_00 }, 400, 'body.tenderedMinor'],
      [{ ...base, method: 'cash', tenderedMinor: 5_00 }, 400, 'body.tenderedMinor'],
      [{ ...base, invoiceIds: [] }, 400, 'body.invoiceIds'],
      [{ ...base, invoiceIds: [inv.id, inv.id] }, 400, 'body.invoiceIds.1'],
      [{ ...base, patientId: other }, 400, 'body.invoiceIds.0'],
      [{ ...base, invoiceIds: [draft.id] }, 409, 'body.invoiceIds.0'],
      [{ ...base, patientId: k.doctor.id }, 400, 'body.patientId'],
    ];
    for (const [body, status, path] of cases) {
      const res = await k.send('POST', '/api/payments', body, k.cashier.cookie);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(status);
      expect(errorPaths(res), res.body).toEqual([path]);
    }
    expect(await snapshot(k.t.app.ctx.db, payments)).toEqual(before);
    expect((await k.send('POST', '/api/payments', base, k.doctor.cookie)).statusCode).toBe(403);
    // Cash without the cashier's own open drawer.
    const noDrawer = await k.send(
      'POST',
      '/api/payments',
      { ...base, method: 'cash' },
      k.receptionist.cookie,
    );
    expect(noDrawer.statusCode).toBe(409);
    expect(errorPaths(noDrawer)).toEqual(['body.method']);
  });

  it('numbers receipts once their payments commit: 20 at once get consecutive numbers, a refused one none', async () => {
    const bills: Invoice[] = [];
    for (let i = 0; i < 20; i++) bills.push(await consultAndFilling());
    const results = await Promise.all(bills.map((inv) => payByCard(inv, inv.totalMinor)));
    expect(results.map((r) => r.statusCode)).toEqual(bills.map(() => 201));
    // A refused payment (more than owed) takes no number.
    expect((await payByCard(bills[0] as Invoice, 1)).statusCode).toBe(409);
    const last = await payByCard(await consultAndFilling(), 1_00);
    const numbers = [...results, last].map((r) => (r.json() as Payment).number);
    expect(numbers.every((n) => /^RCT-\d{4}-\d{6}$/.test(n))).toBe(true);
    const sequence = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect(sequence).toEqual(sequence.map((_, i) => (sequence[0] as number) + i));
    const all = await k.t.app.ctx.db.select({ number: payments.number }).from(payments);
    expect(all.filter((r) => !r.number.startsWith('RCT-'))).toEqual([]);
    const stored = all.map((r) => Number(r.number.slice(-6))).sort((a, b) => a - b);
    expect(stored).toEqual(stored.map((_, i) => i + 1));
  });

  // PGlite has one connection: no other transaction can hold the heads there.
  it.skipIf(!onPostgres)(
    'logs the audit event of a payment taken while every chain head is held',
    async () => {
      const inv = await consultAndFilling();
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let heldAll = () => {};
      const locked = new Promise<void>((resolve) => {
        heldAll = resolve;
      });
      const holder = k.t.app.ctx.db.transaction(async (tx) => {
        await tx.execute(sql`select id from audit_chain_head for update`);
        heldAll();
        await held;
      });
      await locked;
      const paying = payByCard(inv, inv.totalMinor);
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      await holder;
      const res = await paying;
      expect(res.statusCode, res.body).toBe(201);
      expect(await auditOf(k.t.app.ctx.db, 'payment.create', (res.json() as Payment).id)).toHaveLength(1);
    },
  );

  /** A payment written as createPayment writes it without locks, from an invoice row read earlier; unnumbered. */
  async function writeChecked(inv: Invoice, read: InvoiceForPosting, amountMinor: number) {
    const db = k.t.app.ctx.db;
    const allocation = { id: randomUUID(), invoiceId: inv.id, amountMinor };
    const posting = await planAllocations(db, [
      { invoice: { ...read }, allocationId: allocation.id, amount: amountMinor },
    ]);
    const id = randomUUID();
    const written = await writePayment(db, {
      payment: { id, patientId: inv.patientId, method: 'card', amountMinor, receivedBy: null },
      allocations: [allocation],
      posting,
      audit: auditCtes(SYSTEM_ACTOR, { action: 'payment.create', resourceType: 'payment', resourceId: id }),
      locked: false,
    });
    return { id, ...written };
  }

  const versionOf = async (inv: Invoice) =>
    (await readInvoicesForPosting(k.t.app.ctx.db, [inv.id]))[0] as InvoiceForPosting;

  it('writes nothing, raising a write conflict, when an invoice read without a lock changed before the write', async () => {
    const db = k.t.app.ctx.db;
    const inv = await consultAndFilling();
    const read = await versionOf(inv);
    // Another payment lands on the invoice between the read and the write.
    const other = await payByCard(inv, 1_00);
    expect(other.statusCode, other.body).toBe(201);
    const before = await Promise.all([payments, shareEntries, invoices].map((t) => snapshot(db, t)));
    const failed = await writeChecked(inv, read, 5_00).catch((err: unknown) => err);
    expect(isWriteConflict(failed), String(failed)).toBe(true);
    expect(await Promise.all([payments, shareEntries, invoices].map((t) => snapshot(db, t)))).toEqual(before);
    // Read again, the same write goes through.
    const written = await writeChecked(inv, await versionOf(inv), 5_00);
    expect(written.audited).toBe(true);
    expect((await sharesOf(inv.id))?.amount).toBe(6_00);
    await numberReceipts(db, [written.id]);
  });

  it('numbers receipts left unnumbered (a server stopped after the commit) first, with the next payment or at start-up', async () => {
    const db = k.t.app.ctx.db;
    const numberOf = async (id: string) =>
      (await db.select({ number: payments.number }).from(payments).where(eq(payments.id, id)))[0]?.number;
    const inv = await consultAndFilling();
    const left = await writeChecked(inv, await versionOf(inv), 2_00);
    expect(await numberOf(left.id)).toBe(`pending-${left.id}`);
    const next = await payByCard(inv, 3_00);
    expect(next.statusCode, next.body).toBe(201);
    const nextNumber = (next.json() as Payment).number;
    const leftNumber = await numberOf(left.id);
    expect(leftNumber).toMatch(/^RCT-\d{4}-\d{6}$/);
    expect(Number(nextNumber.slice(-6))).toBe(Number(leftNumber?.slice(-6)) + 1);

    const another = await writeChecked(inv, await versionOf(inv), 4_00);
    await billingModule.seed?.(db);
    expect(Number((await numberOf(another.id))?.slice(-6))).toBe(Number(nextNumber.slice(-6)) + 1);
  });

  it('never overpays: 20 payments at once on one invoice take exactly its total', async () => {
    const inv = await consultAndFilling(); // 139.60
    const results = await Promise.all(Array.from({ length: 20 }, () => payByCard(inv, 10_00)));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(13);
    expect(codes.filter((c) => c === 409)).toHaveLength(7);
    const after = await k.invoice(inv.id);
    expect(after).toMatchObject({ paidMinor: 130_00, balanceMinor: 9_60, status: 'partially_paid' });
    const [row] = await k.t.app.ctx.db.select().from(invoices).where(eq(invoices.id, inv.id));
    expect(row?.paidMinor).toBe(130_00);
    expect((await sharesOf(inv.id))?.amount).toBe(130_00);
  });
});

describe('refunds, documents and email', () => {
  it('refunds part as a credit note with a reason, reversing shares in proportion; cash leaves the drawer', async () => {
    const inv = await consultAndFilling();
    await k.pay({
      patientId: inv.patientId,
      method: 'cash',
      amountMinor: 139_60,
      tenderedMinor: 140_00,
      invoiceIds: [inv.id],
    });
    const body = { invoiceId: inv.id, amountMinor: 50_00, method: 'cash', reason: 'consultation not given' };
    expect((await k.send('POST', '/api/payments/refunds', body, k.cashier.cookie)).statusCode).toBe(403);
    const tooMuch = await k.send(
      'POST',
      '/api/payments/refunds',
      { ...body, amountMinor: 139_61 },
      k.accountant.cookie,
    );
    expect(tooMuch.statusCode).toBe(409);
    expect(errorPaths(tooMuch)).toEqual(['body.amountMinor']);
    expect(
      errorPaths(await k.send('POST', '/api/payments/refunds', { ...body, reason: '' }, k.accountant.cookie)),
    ).toEqual(['body.reason']);
    // The accountant's cash refund needs their own drawer.
    expect((await k.send('POST', '/api/payments/refunds', body, k.accountant.cookie)).statusCode).toBe(409);
    await k.openDrawer(k.accountant, 0);
    const res = await k.send('POST', '/api/payments/refunds', body, k.accountant.cookie);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      number: expect.stringMatching(/^CN-\d{4}-\d{6}$/),
      invoiceNumber: inv.number,
      amountMinor: 50_00,
    });
    const notes = await k.send('GET', `/api/invoices/${inv.id}/refunds`, undefined, k.receptionist.cookie);
    expect(notes.json().items.map((r: { number: string; reason: string }) => r.reason)).toEqual([
      'consultation not given',
    ]);
    // A credit note lowers what the invoice comes to as it gives the money back: nothing more is owed.
    expect(await k.invoice(inv.id)).toMatchObject({ status: 'paid', refundedMinor: 50_00, balanceMinor: 0 });
    const shares = await sharesOf(inv.id);
    expect(shares).toMatchObject({ amount: 89_60 });
    expect((shares?.doctor ?? 0) + (shares?.clinic ?? 0) + (shares?.tax ?? 0)).toBe(89_60);
    expect(shares?.doctor).toBeLessThan(60_00);
    const out = await k.t.app.ctx.db.select().from(drawerMovements).where(eq(drawerMovements.kind, 'refund'));
    expect(out.map((m) => m.amountMinor)).toEqual([-50_00]);
    const day = (await k.send('GET', '/api/payments/day-summary', undefined, k.receptionist.cookie)).json();
    const [sums] = await queryRows<{ received: number; refunded: number }>(
      k.t.app.ctx.db,
      sql`select (select coalesce(sum(amount_minor), 0) from payments)::int as received,
                 (select coalesce(sum(amount_minor), 0) from refunds)::int as refunded`,
    );
    expect(day).toMatchObject({ receivedMinor: sums?.received, refundedMinor: sums?.refunded });
    expect(day.netMinor).toBe((sums?.received ?? 0) - (sums?.refunded ?? 0));
    expect(day.methods.find((m: { method: string }) => m.method === 'cash')).toMatchObject({
      refundedMinor: 50_00,
    });
    // Voiding needs every payment refunded first.
    expect(
      (await k.send('POST', `/api/invoices/${inv.id}/void`, { reason: 'x' }, k.accountant.cookie)).statusCode,
    ).toBe(409);
  });

  it('prints the invoice and the receipt (A4 and 80 mm) and emails them with the PDF attached', async () => {
    const inv = await consultAndFilling();
    const paid = await k.pay({
      patientId: inv.patientId,
      method: 'cash',
      amountMinor: 100_00,
      tenderedMinor: 100_00,
      invoiceIds: [inv.id],
    });
    const pdf = await k.send('GET', `/api/invoices/${inv.id}/pdf`, undefined, k.receptionist.cookie);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = pdfToText(pdf.rawPayload);
    expect(text).toContain(inv.number as string);
    expect(text).toContain('139.60');
    expect(text).toContain(paid.number);
    for (const format of ['a4', '80mm']) {
      const receipt = await k.send(
        'GET',
        `/api/payments/${paid.id}/receipt.pdf?format=${format}&lang=es`,
        undefined,
        k.receptionist.cookie,
      );
      expect(receipt.statusCode, receipt.body).toBe(200);
      expect(pdfToText(receipt.rawPayload)).toContain(paid.number);
    }
    expect(
      (
        await k.send(
          'GET',
          `/api/payments/${paid.id}/receipt.pdf?format=a5`,
          undefined,
          k.receptionist.cookie,
        )
      ).statusCode,
    ).toBe(400);

    const noEmail = await k.send('POST', `/api/payments/${paid.id}/email`, undefined, k.cashier.cookie);
    expect(noEmail.statusCode).toBe(409);
    await k.t.app.ctx.db
      .update(patients)
      .set({ email: 'payer@example.org' })
      .where(eq(patients.id, inv.patientId));
    const settings = await k.send('PATCH', '/api/settings/system', {
      mail: {
        smtpHost: '127.0.0.1',
        smtpPort: smtp.port,
        smtpSecure: false,
        from: 'Clinic <clinic@example.org>',
      },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    expect(
      (await k.send('POST', `/api/payments/${paid.id}/email`, undefined, k.cashier.cookie)).statusCode,
    ).toBe(202);
    expect(
      (await k.send('POST', `/api/invoices/${inv.id}/email`, undefined, k.cashier.cookie)).statusCode,
    ).toBe(202);
    await k.t.app.ctx.jobs.runDue();
    await expect.poll(() => smtp.received.filter((m) => m.to.includes('payer@example.org')).length).toBe(2);
    const mails = smtp.received.filter((m) => m.to.includes('payer@example.org'));
    expect(mails.some((m) => m.raw.includes(`filename=${paid.number}.pdf`))).toBe(true);
    expect(mails.some((m) => m.raw.includes(`filename=${inv.number}.pdf`))).toBe(true);
    expect(await auditOf(k.t.app.ctx.db, 'payment.email', paid.id)).toHaveLength(1);
  });
});
