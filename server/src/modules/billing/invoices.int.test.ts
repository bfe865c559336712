import type { Invoice } from '@carebase/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { dentalProcedures, dentalTreatmentPlans } from '../dental/dental.schema.ts';
import { encounterProcedures, encounters } from '../encounters/encounters.schema.ts';
import { patients } from '../patients/patients.schema.ts';
import { visits } from '../queue/queue.schema.ts';
import { insertAppointment, insertDepartment, insertService } from '../queue/queue-fixtures.ts';
import { type BillingKit, createBillingKit } from './billing.test-kit.ts';
import { invoiceLines, invoices } from './invoices.schema.ts';

let k: BillingKit;
beforeAll(async () => {
  k = await createBillingKit();
});
afterAll(async () => k?.close());

const year = new Date().getUTCFullYear();

describe('drafting by hand', () => {
  it('prices each line from the list in force, with tax on the net and the doctor’s share kept on the line', async () => {
    const patientId = await k.newPatient();
    const inv = await k.draft({
      patientId,
      lines: [
        { priceItemId: k.items.consult.id, quantity: 1, providerId: k.doctor.id },
        { priceItemId: k.items.filling.id, quantity: 1, providerId: k.dentist.id },
        { priceItemId: k.items.cbc.id, quantity: 2 },
      ],
    });
    expect(inv).toMatchObject({
      status: 'draft',
      number: null,
      currency: 'USD',
      subtotalMinor: 50_00 + 80_00 + 24_68,
    });
    expect(inv.lines.map((l) => [l.code, l.netMinor, l.taxMinor, l.totalMinor, l.doctorMinor])).toEqual([
      ['CONS', 50_00, 0, 50_00, 30_00],
      ['DEN-FILL', 80_00, 9_60, 89_60, 30_00],
      ['LAB-CBC', 24_68, 2_96, 27_64, 0],
    ]);
    expect(inv.totalMinor).toBe(50_00 + 89_60 + 27_64);
    expect(inv.balanceMinor).toBe(0);
    const [audit] = await auditOf(k.t.app.ctx.db, 'invoice.create', inv.id);
    expect(audit).toMatchObject({ actorId: k.cashier.id, patientId });
    await k.eventAbout('billing.changed', inv.id);
  });

  it('grants discounts by kind: who may, with a reason when required, and whose share they reduce', async () => {
    const patientId = await k.newPatient();
    const senior = await k.discountKind({ borneBy: 'proportional', reasonRequired: true });
    const staff = await k.discountKind({
      kind: 'amount',
      basisPoints: null,
      amountMinor: 10_00,
      grantedBy: ['accountant'],
      borneBy: 'clinic',
    });
    const line = (discount: object | null) => ({
      patientId,
      lines: [{ priceItemId: k.items.consult.id, quantity: 1, providerId: k.doctor.id, discount }],
    });
    const noReason = await k.send('POST', '/api/invoices', line({ kindId: senior }), k.cashier.cookie);
    expect(noReason.statusCode).toBe(400);
    expect(errorPaths(noReason)).toEqual(['body.lines.0.discount.reason']);
    const inv = await k.draft(line({ kindId: senior, reason: 'ID 12345' }));
    // 20 % of 50.00 = 10.00 off; the doctor's 60 % share bears 60 % of it.
    expect(inv.lines[0]).toMatchObject({ lineDiscountMinor: 10_00, netMinor: 40_00, doctorMinor: 24_00 });
    expect(inv.lines[0]?.discount).toMatchObject({
      kindId: senior,
      reason: 'ID 12345',
      borneBy: 'proportional',
    });

    const notYours = await k.send('POST', '/api/invoices', line({ kindId: staff }), k.cashier.cookie);
    expect(notYours.statusCode).toBe(403);
    const byAccountant = await k.draft(line({ kindId: staff }), k.accountant.cookie);
    expect(byAccountant.lines[0]).toMatchObject({ netMinor: 40_00, doctorMinor: 30_00 });

    const whole = await k.draft({ ...line(null), discount: { kindId: senior, reason: 'card' } });
    expect(whole).toMatchObject({ discountMinor: 10_00, totalMinor: 40_00 });
    expect(whole.discount).toMatchObject({ kindId: senior });
    expect(whole.lines[0]).toMatchObject({ invoiceDiscountMinor: 10_00, doctorMinor: 24_00 });
  });

  it('refuses bad input with 400s naming the field, writing nothing', async () => {
    const patientId = await k.newPatient();
    const before = await snapshot(k.t.app.ctx.db, invoices);
    const bigDiscount = await k.discountKind({
      kind: 'amount',
      basisPoints: null,
      amountMinor: 60_00,
      appliesTo: 'line',
    });
    const cases: [object, string][] = [
      [{ patientId: k.doctor.id, lines: [] }, 'body.patientId'],
      [{ patientId, lines: [{ priceItemId: k.doctor.id, quantity: 1 }] }, 'body.lines.0.priceItemId'],
      [{ patientId, lines: [{ priceItemId: k.items.cbc.id, quantity: 0 }] }, 'body.lines.0.quantity'],
      [{ patientId, lines: [{ priceItemId: k.items.cbc.id, quantity: 1.5 }] }, 'body.lines.0.quantity'],
      [
        { patientId, lines: [{ priceItemId: k.items.cbc.id, quantity: 1, providerId: k.receptionist.id }] },
        'body.lines.0.providerId',
      ],
      [
        {
          patientId,
          lines: [{ priceItemId: k.items.cbc.id, quantity: 1, discount: { kindId: bigDiscount } }],
        },
        'body.lines.0.discount',
      ],
      [
        {
          patientId,
          lines: [{ priceItemId: k.items.cbc.id, quantity: 1 }],
          discount: { kindId: bigDiscount },
        },
        'body.discount.kindId',
      ],
      [
        { patientId, lines: [{ priceItemId: k.items.cbc.id, quantity: 1, payerMinor: 99_999 }] },
        'body.lines.0.payerMinor',
      ],
      [{ patientId, lines: [{ priceItemId: k.items.cbc.id, quantity: 10_000 }], extra: 1 }, 'body.extra'],
    ];
    for (const [body, path] of cases) {
      const res = await k.send('POST', '/api/invoices', body, k.cashier.cookie);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(errorPaths(res), res.body).toContain(path);
    }
    expect(await snapshot(k.t.app.ctx.db, invoices)).toEqual(before);
    expect(
      (await k.send('POST', '/api/invoices', { patientId, lines: [] }, k.doctor.cookie)).statusCode,
    ).toBe(403);
  });
});

describe('editing, issuing, voiding and discarding', () => {
  it('edits a draft, keeps prices once issued, and numbers invoices without gaps', async () => {
    const patientId = await k.newPatient();
    const draft = await k.draft({ patientId, lines: [{ priceItemId: k.items.cbc.id, quantity: 1 }] });
    const patched = await k.send(
      'PATCH',
      `/api/invoices/${draft.id}`,
      {
        lines: [{ priceItemId: k.items.consult.id, quantity: 2, providerId: k.doctor.id }],
        notes: 'two sessions',
      },
      k.cashier.cookie,
    );
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ totalMinor: 100_00, notes: 'two sessions' });

    const empty = await k.draft({ patientId });
    const refused = await k.send('POST', `/api/invoices/${empty.id}/issue`, undefined, k.cashier.cookie);
    expect(refused.statusCode).toBe(409);

    const res = await k.send('POST', `/api/invoices/${draft.id}/issue`, undefined, k.cashier.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const issued: Invoice = res.json();
    expect(issued.number).toMatch(new RegExp(`^INV-${year}-\\d{6}$`));
    expect(issued).toMatchObject({ status: 'issued', balanceMinor: 100_00 });

    // A later price change leaves the issued invoice as it was.
    const raise = await k.send(
      'PATCH',
      `/api/billing/price-list/${k.items.consult.id}`,
      { priceMinor: 55_00 },
      k.accountant.cookie,
    );
    expect(raise.statusCode).toBe(200);
    expect((await k.invoice(issued.id)).lines[0]?.unitPriceMinor).toBe(50_00);
    await k.send(
      'PATCH',
      `/api/billing/price-list/${k.items.consult.id}`,
      { priceMinor: 50_00 },
      k.accountant.cookie,
    );

    for (const [method, url, body] of [
      ['PATCH', `/api/invoices/${issued.id}`, { notes: 'x' }],
      ['POST', `/api/invoices/${issued.id}/issue`, undefined],
      ['DELETE', `/api/invoices/${issued.id}`, undefined],
    ] as const) {
      const again = await k.send(method, url, body, k.cashier.cookie);
      expect(again.statusCode, `${method} ${url}`).toBe(409);
    }
  });

  it('voids an unpaid invoice with a reason, keeping its number; only with the permission', async () => {
    const patientId = await k.newPatient();
    const issued = await k.issued({ patientId, lines: [{ priceItemId: k.items.cbc.id, quantity: 1 }] });
    expect(
      (await k.send('POST', `/api/invoices/${issued.id}/void`, { reason: 'wrong patient' }, k.cashier.cookie))
        .statusCode,
    ).toBe(403);
    const noReason = await k.send(
      'POST',
      `/api/invoices/${issued.id}/void`,
      { reason: ' ' },
      k.accountant.cookie,
    );
    expect(errorPaths(noReason)).toEqual(['body.reason']);
    const res = await k.send(
      'POST',
      `/api/invoices/${issued.id}/void`,
      { reason: 'wrong patient' },
      k.accountant.cookie,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'void',
      number: issued.number,
      voidReason: 'wrong patient',
      balanceMinor: 0,
    });
    expect(await auditOf(k.t.app.ctx.db, 'invoice.void', issued.id)).toHaveLength(1);
    expect(
      (await k.send('POST', `/api/invoices/${issued.id}/void`, { reason: 'again' }, k.accountant.cookie))
        .statusCode,
    ).toBe(409);

    const draft = await k.draft({ patientId, lines: [{ priceItemId: k.items.cbc.id, quantity: 1 }] });
    expect(
      (await k.send('POST', `/api/invoices/${draft.id}/void`, { reason: 'x' }, k.accountant.cookie))
        .statusCode,
    ).toBe(409);
    expect(
      (await k.send('DELETE', `/api/invoices/${draft.id}`, undefined, k.cashier.cookie)).statusCode,
    ).toBe(204);
    expect((await k.send('GET', `/api/invoices/${draft.id}`, undefined, k.cashier.cookie)).statusCode).toBe(
      404,
    );
    const lines = await k.t.app.ctx.db
      .select()
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, draft.id));
    expect(lines).toHaveLength(0);
    expect(await auditOf(k.t.app.ctx.db, 'invoice.discard', draft.id)).toHaveLength(1);
  });

  it('gives 20 invoices issued at once 20 consecutive numbers', async () => {
    const patientId = await k.newPatient();
    const drafts: Invoice[] = [];
    for (let i = 0; i < 20; i++)
      drafts.push(await k.draft({ patientId, lines: [{ priceItemId: k.items.cbc.id, quantity: 1 }] }));
    const results = await Promise.all(
      drafts.map((d) => k.send('POST', `/api/invoices/${d.id}/issue`, undefined, k.cashier.cookie)),
    );
    expect(results.map((r) => r.statusCode)).toEqual(drafts.map(() => 200));
    const numbers = results.map((r) => Number((r.json() as Invoice).number?.slice(-6))).sort((a, b) => a - b);
    const first = numbers[0] as number;
    expect(numbers).toEqual(numbers.map((_, i) => first + i));
    const all = await k.t.app.ctx.db.select({ number: invoices.number }).from(invoices);
    const issuedNumbers = all
      .flatMap((r) => (r.number ? [Number(r.number.slice(-6))] : []))
      .sort((a, b) => a - b);
    expect(issuedNumbers).toEqual(issuedNumbers.map((_, i) => i + 1));
  });
});

describe('drafting from a visit', () => {
  it('bills the consultation, the priced procedures and the dental work done, once per visit', async () => {
    const db = k.t.app.ctx.db;
    const patientId = await k.newPatient();
    const dept = await insertDepartment(db, 'B');
    const serviceId = await insertService(db, dept, [k.dentist.id]);
    const consult = await k.send(
      'PATCH',
      `/api/billing/price-list/${k.items.consult.id}`,
      { serviceId },
      k.accountant.cookie,
    );
    expect(consult.statusCode, consult.body).toBe(200);
    const appointmentId = await insertAppointment(db, { patientId, providerId: k.dentist.id, serviceId });
    const [enc] = await db
      .insert(encounters)
      .values({ patientId, type: 'dental', providerId: k.dentist.id, startedAt: new Date() })
      .returning({ id: encounters.id });
    const encounterId = (enc as { id: string }).id;
    await db.insert(encounterProcedures).values([
      {
        encounterId,
        description: 'Blood count',
        code: 'lab-cbc',
        performedAt: new Date(),
        performedBy: k.nurse.id,
      },
      { encounterId, description: 'Counselling', code: null, performedAt: new Date() },
    ]);
    const [plan] = await db
      .insert(dentalTreatmentPlans)
      .values({ patientId, title: 'Plan' })
      .returning({ id: dentalTreatmentPlans.id });
    await db.insert(dentalProcedures).values([
      {
        planId: (plan as { id: string }).id,
        patientId,
        position: 0,
        kind: 'filling',
        tooth: 36,
        status: 'done',
        encounterId,
        priceItemId: k.items.filling.id,
        completedBy: k.dentist.id,
      },
      {
        planId: (plan as { id: string }).id,
        patientId,
        position: 1,
        kind: 'crown',
        tooth: 11,
        status: 'planned',
        encounterId,
        priceItemId: k.items.filling.id,
      },
    ]);
    const [visit] = await db
      .insert(visits)
      .values({
        patientId,
        appointmentId,
        departmentKey: dept,
        providerId: k.dentist.id,
        day: '2026-01-01',
        ticketNumber: 1,
        ticket: 'B-1',
        kind: 'appointment',
        encounterId,
        status: 'done',
      })
      .returning({ id: visits.id });
    const visitId = (visit as { id: string }).id;

    const res = await k.send('POST', '/api/invoices/from-visit', { visitId }, k.cashier.cookie);
    expect(res.statusCode, res.body).toBe(201);
    const { invoice, unpriced } = res.json() as { invoice: Invoice; unpriced: { description: string }[] };
    expect(invoice.lines.map((l) => [l.code, l.providerId, l.sourceType])).toEqual([
      ['CONS', k.dentist.id, 'appointment'],
      ['LAB-CBC', k.nurse.id, 'encounter_procedure'],
      ['DEN-FILL', k.dentist.id, 'dental_procedure'],
    ]);
    expect(unpriced.map((u) => u.description)).toEqual(['Counselling']);
    expect(invoice).toMatchObject({ visitId, appointmentId, patientId });

    const [again, fromAppointment] = await Promise.all([
      k.send('POST', '/api/invoices/from-visit', { visitId }, k.cashier.cookie),
      k.send('POST', '/api/invoices/from-visit', { appointmentId }, k.cashier.cookie),
    ]);
    expect(again.statusCode).toBe(200);
    expect(again.json().invoice.id).toBe(invoice.id);
    expect(fromAppointment.json().invoice.id).toBe(invoice.id);
    const bad = await k.send(
      'POST',
      '/api/invoices/from-visit',
      { visitId, appointmentId },
      k.cashier.cookie,
    );
    expect(bad.statusCode).toBe(400);
    const none = await k.send('POST', '/api/invoices/from-visit', { visitId: patientId }, k.cashier.cookie);
    expect(errorPaths(none)).toEqual(['body.visitId']);
  });
});

describe('GET /api/invoices', () => {
  it('filters by status and patient, sums every match, and audits who was listed', async () => {
    const patientId = await k.newPatient('Listed');
    await k.issued({ patientId, lines: [{ priceItemId: k.items.cbc.id, quantity: 1 }] });
    await k.draft({ patientId, lines: [{ priceItemId: k.items.cbc.id, quantity: 3 }] });
    const res = await k.send(
      'GET',
      `/api/invoices?patientId=${patientId}&pageSize=1`,
      undefined,
      k.receptionist.cookie,
    );
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page).toMatchObject({ total: 2, pageSize: 1, totals: { totalMinor: 13_82, balanceMinor: 13_82 } });
    expect(page.items).toHaveLength(1);
    const issuedOnly = await k.send(
      'GET',
      `/api/invoices?patientId=${patientId}&status=issued`,
      undefined,
      k.receptionist.cookie,
    );
    expect(issuedOnly.json().items.map((i: Invoice) => i.status)).toEqual(['issued']);
    const [audit] = await auditOf(k.t.app.ctx.db, 'invoices.list.read');
    expect(audit?.details).toMatchObject({ patientIds: [patientId] });
    expect(
      (await k.send('GET', '/api/invoices?status=nope', undefined, k.receptionist.cookie)).statusCode,
    ).toBe(400);
    expect((await k.send('GET', '/api/invoices', undefined, k.doctor.cookie)).statusCode).toBe(403);
  });
});

describe('payer part and claims', () => {
  it('splits the invoice into payer and patient parts and follows the claim to payment', async () => {
    const db = k.t.app.ctx.db;
    const patientId = await k.newPatient('Insured');
    await db
      .update(patients)
      .set({ payer: { name: 'HealthCo', memberId: 'M-1', groupNumber: null } })
      .where(eq(patients.id, patientId));
    const inv = await k.issued({
      patientId,
      lines: [
        { priceItemId: k.items.consult.id, quantity: 1, coverageBasisPoints: 8000 },
        { priceItemId: k.items.cbc.id, quantity: 1, payerMinor: 5_00 },
      ],
    });
    expect(inv).toMatchObject({ payerName: 'HealthCo', payerMinor: 40_00 + 5_00 });
    const url = `/api/invoices/${inv.id}/claim`;
    const claim = await k.send('GET', url, undefined, k.receptionist.cookie);
    expect(claim.json()).toMatchObject({
      status: 'draft',
      payerName: 'HealthCo',
      claimedMinor: 45_00,
      paidMinor: 0,
    });
    const step = (body: object) => k.send('POST', `${url}/status`, body, k.cashier.cookie);
    expect((await step({ status: 'paid' })).statusCode).toBe(409);
    expect((await step({ status: 'submitted', reference: 'CLM-9' })).json()).toMatchObject({
      status: 'submitted',
      reference: 'CLM-9',
    });
    expect(errorPaths(await step({ status: 'approved' }))).toEqual(['body.approvedMinor']);
    expect(errorPaths(await step({ status: 'approved', approvedMinor: 50_00 }))).toEqual([
      'body.approvedMinor',
    ]);
    expect((await step({ status: 'approved', approvedMinor: 40_00 })).json()).toMatchObject({
      status: 'approved',
      approvedMinor: 40_00,
    });
    expect(errorPaths(await step({ status: 'partially_paid', paidMinor: 40_00 }))).toEqual([
      'body.paidMinor',
    ]);
    expect((await step({ status: 'partially_paid', paidMinor: 10_00 })).json()).toMatchObject({
      paidMinor: 10_00,
    });
    const paid = (await step({ status: 'paid' })).json();
    expect(paid).toMatchObject({ status: 'paid', paidMinor: 40_00 });
    expect(paid.submittedAt).not.toBeNull();
    expect(paid.decidedAt).not.toBeNull();
    expect(await auditOf(db, 'claim.update', inv.id)).toHaveLength(4);
    // What the payer paid (10.00, then the other 30.00) was taken on the invoice as insurance payments.
    const after = await k.invoice(inv.id);
    expect(after).toMatchObject({ paidMinor: 40_00, balanceMinor: inv.totalMinor - 40_00 });
    const taken = (
      await k.send('GET', `/api/payments?invoiceId=${inv.id}`, undefined, k.cashier.cookie)
    ).json();
    expect(
      taken.items.map((p: { method: string; amountMinor: number }) => [p.method, p.amountMinor]),
    ).toEqual([
      ['insurance', 30_00],
      ['insurance', 10_00],
    ]);
    const plain = await k.issued({ patientId, lines: [{ priceItemId: k.items.cbc.id, quantity: 1 }] });
    expect(
      (await k.send('GET', `/api/invoices/${plain.id}/claim`, undefined, k.cashier.cookie)).statusCode,
    ).toBe(404);
  });
});
