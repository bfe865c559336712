import type { DiscountKind } from '@carebase/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { createSchedulingKit, type SchedulingKit } from '../scheduling/scheduling.test-kit.ts';
import { discountKinds } from './invoices.schema.ts';

let k: SchedulingKit;
beforeAll(async () => {
  k = await createSchedulingKit();
});
afterAll(async () => k?.close());

const URL = '/api/billing/discount-kinds';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const rows = () => snapshot(k.t.app.ctx.db, discountKinds);

async function created(payload: object): Promise<DiscountKind> {
  const res = await k.send('POST', URL, payload, k.accountant.cookie);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function listed(query = '', cookie = k.receptionist.cookie): Promise<string[]> {
  const res = await k.send('GET', `${URL}${query}`, undefined, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((d: DiscountKind) => d.code);
}

let senior: DiscountKind;
let promo: DiscountKind;

describe('POST /api/billing/discount-kinds', () => {
  it('creates kinds with their defaults, audited and published', async () => {
    senior = await created({
      code: 'sc',
      nameEn: 'Senior citizen',
      nameEs: 'Adulto mayor',
      value: { kind: 'percent', basisPoints: 2000 },
      appliesTo: 'line',
      grantedBy: ['cashier', 'accountant', 'cashier'],
      reasonRequired: true,
      borneBy: 'clinic',
    });
    expect(senior).toMatchObject({
      code: 'SC',
      value: { kind: 'percent', basisPoints: 2000 },
      appliesTo: 'line',
      grantedBy: ['cashier', 'accountant'],
      reasonRequired: true,
      borneBy: 'clinic',
      active: true,
    });
    const [audit] = await auditOf(k.t.app.ctx.db, 'discount_kind.create', senior.id);
    expect(audit).toMatchObject({
      actorId: k.accountant.id,
      resourceType: 'discount_kind',
      details: { after: { code: 'SC', value: { kind: 'percent', basisPoints: 2000 } } },
    });
    expect(await k.eventAbout('billing.changed', senior.id)).toMatchObject({ permission: 'billing:read' });

    promo = await created({
      code: 'PROMO-10',
      nameEn: 'Opening promo',
      nameEs: 'Promoción de apertura',
      value: { kind: 'amount', amountMinor: 1000 },
    });
    expect(promo).toMatchObject({
      value: { kind: 'amount', amountMinor: 1000 },
      appliesTo: 'both',
      grantedBy: [],
      reasonRequired: false,
      borneBy: 'proportional',
      active: true,
    });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await rows();
    const good = {
      code: 'NEW',
      nameEn: 'New',
      nameEs: 'Nuevo',
      value: { kind: 'percent', basisPoints: 500 },
    };
    const cases: [object, ...string[]][] = [
      [{ ...good, code: '' }, 'body.code'],
      [{ ...good, code: '-AB' }, 'body.code'],
      [{ ...good, code: 'sc' }, 'body.code'],
      [{ ...good, nameEn: ' ' }, 'body.nameEn'],
      [{ ...good, nameEs: 'x'.repeat(201) }, 'body.nameEs'],
      [{ ...good, value: { kind: 'percent', basisPoints: 0 } }, 'body.value'],
      [{ ...good, value: { kind: 'amount', amountMinor: 0 } }, 'body.value'],
      [{ ...good, value: { kind: 'percent', basisPoints: 10_001 } }, 'body.value.basisPoints'],
      [{ ...good, value: { kind: 'amount', amountMinor: -5 } }, 'body.value.amountMinor'],
      [{ ...good, value: { kind: 'amount', amountMinor: 12.5 } }, 'body.value.amountMinor'],
      [
        { ...good, value: { kind: 'percent', amountMinor: 100 } },
        'body.value.basisPoints',
        'body.value.amountMinor',
      ],
      [{ ...good, value: { kind: 'free' } }, 'body.value.kind'],
      [{ ...good, appliesTo: 'patient' }, 'body.appliesTo'],
      [{ ...good, borneBy: 'patient' }, 'body.borneBy'],
      [{ ...good, grantedBy: ['janitor'] }, 'body.grantedBy'],
      [{ ...good, grantedBy: ['Not A Key'] }, 'body.grantedBy.0'],
      [{ ...good, reasonRequired: 'yes' }, 'body.reasonRequired'],
      [{ ...good, extra: 1 }, 'body.extra'],
    ];
    for (const [payload, ...paths] of cases) {
      const res = await k.send('POST', URL, payload, k.accountant.cookie);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res), JSON.stringify(payload)).toEqual(paths);
    }
    expect(await rows()).toEqual(before);
  });

  it('gives one create and four clear refusals when five race for a code', async () => {
    const payload = {
      code: 'TWIN',
      nameEn: 'Twin',
      nameEs: 'Gemelo',
      value: { kind: 'percent', basisPoints: 100 },
    };
    const creates = await Promise.all(Array.from({ length: 5 }, () => k.send('POST', URL, payload)));
    expect(creates.map((r) => r.statusCode).sort()).toEqual([201, 400, 400, 400, 400]);
    for (const r of creates.filter((c) => c.statusCode === 400)) expect(errorPaths(r)).toEqual(['body.code']);
    const [winner] = creates.filter((r) => r.statusCode === 201).map((r) => r.json<DiscountKind>());
    expect(await auditOf(k.t.app.ctx.db, 'discount_kind.create', winner?.id)).toHaveLength(1);
  });
});

describe('GET /api/billing/discount-kinds', () => {
  it('lists by code, filters on active, and shows one kind', async () => {
    expect(await listed()).toEqual(['PROMO-10', 'SC', 'TWIN']);
    expect(await listed('?active=true')).toEqual(['PROMO-10', 'SC', 'TWIN']);
    expect(await listed('?active=false')).toEqual([]);
    const res = await k.send('GET', `${URL}/${senior.id}`, undefined, k.receptionist.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(senior);
  });

  it('answers 404 for an unknown kind and 400 for bad ids and filters', async () => {
    expect((await k.send('GET', `${URL}/${NO_SUCH_ID}`)).statusCode).toBe(404);
    const badId = await k.send('GET', `${URL}/nope`);
    expect(badId.statusCode).toBe(400);
    expect(errorPaths(badId)).toEqual(['params.id']);
    const badFilter = await k.send('GET', `${URL}?active=maybe`);
    expect(badFilter.statusCode).toBe(400);
    expect(errorPaths(badFilter)).toEqual(['query.active']);
  });
});

describe('PATCH /api/billing/discount-kinds/:id', () => {
  it('changes only the fields it names, audited with before and after, and published', async () => {
    k.events.length = 0;
    const res = await k.send('PATCH', `${URL}/${senior.id}`, { nameEn: 'Senior' }, k.accountant.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ...senior, nameEn: 'Senior' });
    await k.eventAbout('billing.changed', senior.id);

    const changed = await k.send(
      'PATCH',
      `${URL}/${senior.id}`,
      { value: { kind: 'amount', amountMinor: 2500 }, grantedBy: [], borneBy: 'doctor' },
      k.accountant.cookie,
    );
    expect(changed.json()).toMatchObject({
      value: { kind: 'amount', amountMinor: 2500 },
      grantedBy: [],
      borneBy: 'doctor',
      appliesTo: 'line',
      reasonRequired: true,
    });
    const audits = await auditOf(k.t.app.ctx.db, 'discount_kind.update', senior.id);
    expect(audits).toHaveLength(2);
    expect(audits[1]).toMatchObject({
      actorId: k.accountant.id,
      details: {
        before: { nameEn: 'Senior', value: { kind: 'percent', basisPoints: 2000 } },
        after: { nameEn: 'Senior', value: { kind: 'amount', amountMinor: 2500 }, borneBy: 'doctor' },
      },
    });
  });

  it('retires a kind with active false instead of deleting it', async () => {
    const res = await k.send('PATCH', `${URL}/${promo.id}`, { active: false }, k.accountant.cookie);
    expect(res.json()).toMatchObject({ active: false, nameEn: 'Opening promo' });
    expect(await listed('?active=false')).toEqual(['PROMO-10']);
    expect(await listed('?active=true')).toEqual(['SC', 'TWIN']);
    expect((await k.send('DELETE', `${URL}/${promo.id}`)).statusCode).toBe(404);
  });

  it('refuses bad patches naming the field, and changes nothing', async () => {
    const before = await rows();
    const cases: [object, string][] = [
      [{}, 'body'],
      [{ code: 'OTHER' }, 'body.code'],
      [{ value: { kind: 'percent', basisPoints: 0 } }, 'body.value'],
      [{ value: { kind: 'amount', amountMinor: 0 } }, 'body.value'],
      [{ grantedBy: ['cashier', 'janitor'] }, 'body.grantedBy'],
      [{ nameEs: '' }, 'body.nameEs'],
      [{ active: null }, 'body.active'],
    ];
    for (const [payload, path] of cases) {
      const res = await k.send('PATCH', `${URL}/${senior.id}`, payload, k.accountant.cookie);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res), JSON.stringify(payload)).toEqual([path]);
    }
    expect((await k.send('PATCH', `${URL}/${NO_SUCH_ID}`, { active: true })).statusCode).toBe(404);
    expect(await rows()).toEqual(before);
  });
});

describe('permissions', () => {
  it('lets billing readers read, discount writers write, and no one else in', async () => {
    const payload = { code: 'NOPE', nameEn: 'N', nameEs: 'N', value: { kind: 'percent', basisPoints: 1 } };
    const before = await rows();
    for (const cookie of [null, k.receptionist.cookie, k.doctor.cookie, k.nurse.cookie, k.patient.cookie]) {
      const status = cookie === null ? 401 : 403;
      expect((await k.send('POST', URL, payload, cookie)).statusCode).toBe(status);
      expect((await k.send('PATCH', `${URL}/${senior.id}`, { nameEn: 'x' }, cookie)).statusCode).toBe(status);
    }
    for (const u of [k.doctor, k.nurse, k.pharmacist, k.patient]) {
      expect((await k.send('GET', URL, undefined, u.cookie)).statusCode).toBe(403);
      expect((await k.send('GET', `${URL}/${senior.id}`, undefined, u.cookie)).statusCode).toBe(403);
    }
    expect((await k.send('GET', URL, undefined, null)).statusCode).toBe(401);
    expect(await rows()).toEqual(before);
    expect(await listed('', k.receptionist.cookie)).toContain('SC');
    expect(await listed('', k.accountant.cookie)).toContain('SC');
  });
});
