import type { Invoice, Payment, PriceItem } from '@carebase/contracts';
import { expect } from 'vitest';
import type { TestUser } from '../../test/test-app.ts';
import { insertPatient } from '../encounters/chart-fixtures.ts';
import { clinicToday } from '../queue/queue.service.ts';
import { createSchedulingKit, type SchedulingKit } from '../scheduling/scheduling.test-kit.ts';
import { cashDrawers } from './cash.schema.ts';
import { discountKinds } from './invoices.schema.ts';

/** The scheduling kit with a cashier, a priced list to bill from, and shortcuts for invoices and payments. */
export type BillingKit = SchedulingKit & {
  cashier: TestUser;
  items: { consult: PriceItem; filling: PriceItem; cbc: PriceItem };
  newPatient(name?: string): Promise<string>;
  /** A discount kind written straight to its table (its own routes are tested on their own). */
  discountKind(values: Partial<typeof discountKinds.$inferInsert>): Promise<string>;
  /** Opens today's drawer for the user, straight in the table. */
  openDrawer(user: TestUser, floatMinor?: number): Promise<string>;
  draft(body: object, cookie?: string): Promise<Invoice>;
  issued(body: object): Promise<Invoice>;
  pay(body: object, cookie?: string): Promise<Payment>;
  invoice(id: string): Promise<Invoice>;
};

let codes = 0;

export async function createBillingKit(): Promise<BillingKit> {
  const k = await createSchedulingKit();
  const cashier = await k.t.userWithRoles(['cashier']);
  const db = k.t.app.ctx.db;
  const item = async (body: object): Promise<PriceItem> => {
    const res = await k.send('POST', '/api/billing/price-list', body, k.accountant.cookie);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const items = {
    consult: await item({
      code: 'CONS',
      kind: 'consultation',
      nameEn: 'Consultation',
      nameEs: 'Consulta',
      priceMinor: 50_00,
      doctorShare: { kind: 'percent', basisPoints: 6000 },
    }),
    filling: await item({
      code: 'DEN-FILL',
      kind: 'dental',
      nameEn: 'Composite filling',
      nameEs: 'Empaste de resina',
      priceMinor: 80_00,
      taxRateBasisPoints: 1200,
      doctorShare: { kind: 'fixed', amountMinor: 30_00 },
    }),
    cbc: await item({
      code: 'LAB-CBC',
      kind: 'lab',
      nameEn: 'Complete blood count',
      nameEs: 'Hemograma',
      priceMinor: 12_34,
      taxRateBasisPoints: 1200,
    }),
  };
  const kit: BillingKit = {
    ...k,
    cashier,
    items,
    newPatient: (name = 'Reyes') => insertPatient(db, { familyName: name }),
    async discountKind(values) {
      const [row] = await db
        .insert(discountKinds)
        .values({
          code: `D${++codes}`,
          nameEn: 'Senior citizen',
          nameEs: 'Adulto mayor',
          kind: 'percent',
          basisPoints: 2000,
          appliesTo: 'both',
          borneBy: 'proportional',
          ...values,
        })
        .returning({ id: discountKinds.id });
      return (row as { id: string }).id;
    },
    async openDrawer(user, floatMinor = 100_00) {
      const { day } = await clinicToday(k.t.app.ctx);
      const [row] = await db
        .insert(cashDrawers)
        .values({ cashierId: user.id, businessDay: day, openingFloatMinor: floatMinor })
        .returning({ id: cashDrawers.id });
      return (row as { id: string }).id;
    },
    async draft(body, cookie = cashier.cookie) {
      const res = await k.send('POST', '/api/invoices', body, cookie);
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    },
    async issued(body) {
      const draft = await kit.draft(body);
      const res = await k.send('POST', `/api/invoices/${draft.id}/issue`, undefined, cashier.cookie);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },
    async pay(body, cookie = cashier.cookie) {
      const res = await k.send('POST', '/api/payments', body, cookie);
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    },
    async invoice(id) {
      const res = await k.send('GET', `/api/invoices/${id}`, undefined, cashier.cookie);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    },
  };
  return kit;
}
