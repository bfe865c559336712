import type { PriceItem, PriceItemHistory } from '@carebase/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { createSchedulingKit, type SchedulingKit } from '../scheduling/scheduling.test-kit.ts';
import { priceItemPrices, priceItemShares, priceItems } from './billing.schema.ts';

let k: SchedulingKit;
beforeAll(async () => {
  k = await createSchedulingKit();
});
afterAll(async () => k?.close());

const URL = '/api/billing/price-list';
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const tables = () =>
  Promise.all([priceItems, priceItemPrices, priceItemShares].map((t) => snapshot(k.t.app.ctx.db, t)));

async function history(id: string): Promise<PriceItemHistory> {
  const res = await k.send('GET', `${URL}/${id}/history`, undefined, k.receptionist.cookie);
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function created(payload: object): Promise<PriceItem> {
  const res = await k.send('POST', URL, payload, k.accountant.cookie);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

let consult: PriceItem;
let cbc: PriceItem;
let filling: PriceItem;

describe('POST /api/billing/price-list', () => {
  it('creates items with their price and default share, audited and published', async () => {
    consult = await created({
      code: 'cons-gen',
      kind: 'consultation',
      nameEn: 'General consultation',
      nameEs: 'Consulta general',
      priceMinor: 5000,
      doctorShare: { kind: 'percent', basisPoints: 6000 },
    });
    expect(consult).toMatchObject({
      code: 'CONS-GEN',
      kind: 'consultation',
      serviceId: null,
      active: true,
      priceMinor: 5000,
      taxRateBasisPoints: 0,
      doctorShare: { kind: 'percent', basisPoints: 6000 },
      overrides: [],
    });
    const [audit] = await auditOf(k.t.app.ctx.db, 'price_item.create', consult.id);
    expect(audit).toMatchObject({
      actorId: k.accountant.id,
      details: { after: { code: 'CONS-GEN', priceMinor: 5000 } },
    });
    await k.eventAbout('price_list.changed', consult.id);

    cbc = await created({
      code: 'LAB-CBC',
      kind: 'lab',
      nameEn: 'Complete blood count',
      nameEs: 'Hemograma completo',
      priceMinor: 1200,
      taxRateBasisPoints: 1200,
    });
    expect(cbc).toMatchObject({ doctorShare: null, taxRateBasisPoints: 1200 });
    filling = await created({
      code: 'DEN-FILL',
      kind: 'dental',
      nameEn: 'Filling 10% off',
      nameEs: 'Empaste',
      priceMinor: 3000,
      doctorShare: { kind: 'fixed', amountMinor: 3000 },
      active: false,
    });
    expect(filling).toMatchObject({ active: false, doctorShare: { kind: 'fixed', amountMinor: 3000 } });
    expect((await history(consult.id)).prices).toHaveLength(1);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const service = (
      await k.send('POST', '/api/services', {
        name: 'Billed visit',
        departmentKey: 'general',
        durationMinutes: 15,
      })
    ).json();
    await created({
      code: 'BILLED',
      kind: 'consultation',
      nameEn: 'B',
      nameEs: 'B',
      priceMinor: 1,
      serviceId: service.id,
    });
    const before = await tables();
    const good = { code: 'NEW', kind: 'other', nameEn: 'New', nameEs: 'Nuevo', priceMinor: 1000 };
    const cases: [object, string][] = [
      [{ ...good, code: '' }, 'body.code'],
      [{ ...good, code: '-AB' }, 'body.code'],
      [{ ...good, code: 'A'.repeat(33) }, 'body.code'],
      [{ ...good, code: 'cons-gen' }, 'body.code'],
      [{ ...good, kind: 'haircut' }, 'body.kind'],
      [{ ...good, nameEn: ' ' }, 'body.nameEn'],
      [{ ...good, nameEs: 'x'.repeat(201) }, 'body.nameEs'],
      [{ ...good, priceMinor: -1 }, 'body.priceMinor'],
      [{ ...good, priceMinor: 12.5 }, 'body.priceMinor'],
      [{ ...good, priceMinor: '10.00' }, 'body.priceMinor'],
      [{ ...good, priceMinor: 100_000_001 }, 'body.priceMinor'],
      [{ ...good, taxRateBasisPoints: 10_001 }, 'body.taxRateBasisPoints'],
      [{ ...good, doctorShare: { kind: 'percent', basisPoints: 10_001 } }, 'body.doctorShare.basisPoints'],
      [{ ...good, doctorShare: { kind: 'fixed', amountMinor: 1001 } }, 'body.doctorShare.amountMinor'],
      [{ ...good, serviceId: 'x' }, 'body.serviceId'],
      [{ ...good, serviceId: NO_SUCH_ID }, 'body.serviceId'],
      [{ ...good, serviceId: service.id }, 'body.serviceId'],
      [{ ...good, extra: 1 }, 'body.extra'],
    ];
    for (const [payload, path] of cases) {
      const res = await k.send('POST', URL, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res), JSON.stringify(payload)).toEqual([path]);
    }
    expect(await tables()).toEqual(before);
  });

  it('lets the accountant write, the front desk only read, and no one else in', async () => {
    const payload = { code: 'NOPE', kind: 'other', nameEn: 'N', nameEs: 'N', priceMinor: 1 };
    expect((await k.send('POST', URL, payload, null)).statusCode).toBe(401);
    expect((await k.send('GET', URL, undefined, null)).statusCode).toBe(401);
    for (const u of [k.receptionist, k.doctor, k.dentist, k.nurse, k.pharmacist, k.patient]) {
      expect((await k.send('POST', URL, payload, u.cookie)).statusCode).toBe(403);
      expect((await k.send('PATCH', `${URL}/${consult.id}`, { nameEn: 'x' }, u.cookie)).statusCode).toBe(403);
      expect((await k.send('POST', `${URL}/import-services`, undefined, u.cookie)).statusCode).toBe(403);
      expect(
        (
          await k.send(
            'PUT',
            `${URL}/${consult.id}/shares/${k.doctor.id}`,
            { share: { kind: 'percent', basisPoints: 1 } },
            u.cookie,
          )
        ).statusCode,
      ).toBe(403);
      expect(
        (await k.send('DELETE', `${URL}/${consult.id}/shares/${k.doctor.id}`, undefined, u.cookie))
          .statusCode,
      ).toBe(403);
    }
    // Dentists read the list (their treatment plans are priced from its dental items), nothing more.
    expect((await k.send('GET', `${URL}?kind=dental`, undefined, k.dentist.cookie)).statusCode).toBe(200);
    expect((await k.send('GET', `${URL}/${consult.id}`, undefined, k.dentist.cookie)).statusCode).toBe(403);
    for (const u of [k.doctor, k.nurse, k.pharmacist, k.patient]) {
      expect((await k.send('GET', URL, undefined, u.cookie)).statusCode).toBe(403);
      expect((await k.send('GET', `${URL}/${consult.id}`, undefined, u.cookie)).statusCode).toBe(403);
      expect((await k.send('GET', `${URL}/${consult.id}/history`, undefined, u.cookie)).statusCode).toBe(403);
    }
    for (const u of [k.receptionist, k.accountant]) {
      expect((await k.send('GET', `${URL}/${consult.id}`, undefined, u.cookie)).statusCode).toBe(200);
    }
  });
});

describe('GET /api/billing/price-list', () => {
  const codes = async (query = '') => {
    const res = await k.send('GET', `${URL}${query}`, undefined, k.receptionist.cookie);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((i: PriceItem) => i.code);
  };

  it('sorts by kind then code, and filters by kind, active and text', async () => {
    expect(await codes()).toEqual(['BILLED', 'CONS-GEN', 'DEN-FILL', 'LAB-CBC']);
    expect(await codes('?kind=lab')).toEqual(['LAB-CBC']);
    expect(await codes('?active=false')).toEqual(['DEN-FILL']);
    expect(await codes('?active=true&kind=consultation')).toEqual(['BILLED', 'CONS-GEN']);
    expect(await codes('?q=cbc')).toEqual(['LAB-CBC']);
    expect(await codes('?q=HEMOGRAMA')).toEqual(['LAB-CBC']);
    expect(await codes('?q=consult')).toEqual(['CONS-GEN']);
    expect(await codes('?q=10%25')).toEqual(['DEN-FILL']);
    expect(await codes('?q=_')).toEqual([]);
  });

  it('refuses bad filters naming them', async () => {
    expect(errorPaths(await k.send('GET', `${URL}?kind=haircut`))).toEqual(['query.kind']);
    expect(errorPaths(await k.send('GET', `${URL}?active=yes`))).toEqual(['query.active']);
    expect((await k.send('GET', `${URL}?q=`)).statusCode).toBe(400);
    expect((await k.send('GET', `${URL}?sort=code`)).statusCode).toBe(400);
  });

  it('answers 404 for an unknown item and 400 for a malformed id', async () => {
    for (const path of [`${URL}/${NO_SUCH_ID}`, `${URL}/${NO_SUCH_ID}/history`]) {
      const res = await k.send('GET', path);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'not_found' });
    }
    expect((await k.send('PATCH', `${URL}/${NO_SUCH_ID}`, { nameEn: 'x' })).statusCode).toBe(404);
    expect(errorPaths(await k.send('GET', `${URL}/42`))).toEqual(['params.id']);
  });
});

describe('PATCH /api/billing/price-list/:id', () => {
  it('starts a new price period on a new price, closing the one in force', async () => {
    const res = await k.send('PATCH', `${URL}/${consult.id}`, { priceMinor: 5500 }, k.accountant.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ priceMinor: 5500, code: 'CONS-GEN' });
    const { prices } = await history(consult.id);
    expect(prices).toHaveLength(2);
    expect(prices[0]).toMatchObject({ priceMinor: 5500, validTo: null, changedByName: 'Test accountant' });
    expect(prices[1]).toMatchObject({ priceMinor: 5000, validTo: prices[0]?.validFrom });
    const [audit] = await auditOf(k.t.app.ctx.db, 'price_item.update', consult.id);
    expect(audit?.details).toMatchObject({
      before: { priceMinor: 5000 },
      patch: { priceMinor: 5500 },
      after: { priceMinor: 5500, code: 'CONS-GEN' },
    });
  });

  it('edits names in place and opens no period for unchanged values', async () => {
    const res = await k.send('PATCH', `${URL}/${consult.id}`, {
      nameEn: 'Consultation',
      priceMinor: 5500,
      doctorShare: { kind: 'percent', basisPoints: 6000 },
    });
    expect(res.json()).toMatchObject({ nameEn: 'Consultation', nameEs: 'Consulta general' });
    const h = await history(consult.id);
    expect(h.prices).toHaveLength(2);
    expect(h.shares).toHaveLength(1);
  });

  it('starts a new period on a new tax rate', async () => {
    await k.send('PATCH', `${URL}/${consult.id}`, { taxRateBasisPoints: 500 });
    const { prices } = await history(consult.id);
    expect(prices.map((p) => [p.priceMinor, p.taxRateBasisPoints])).toEqual([
      [5500, 500],
      [5500, 0],
      [5000, 0],
    ]);
  });

  it('keeps the history of the default share: percent, fixed, then none', async () => {
    const fixed = await k.send('PATCH', `${URL}/${consult.id}`, {
      doctorShare: { kind: 'fixed', amountMinor: 2000 },
    });
    expect(fixed.json().doctorShare).toEqual({ kind: 'fixed', amountMinor: 2000 });
    const none = await k.send('PATCH', `${URL}/${consult.id}`, { doctorShare: null });
    expect(none.json().doctorShare).toBeNull();
    await k.send('PATCH', `${URL}/${consult.id}`, { doctorShare: null });
    const { shares } = await history(consult.id);
    expect(shares.map((s) => [s.providerId, s.share, s.validTo === null])).toEqual([
      [null, null, true],
      [null, { kind: 'fixed', amountMinor: 2000 }, false],
      [null, { kind: 'percent', basisPoints: 6000 }, false],
    ]);
    // An item that never had a share opens no 'none' period either.
    await k.send('PATCH', `${URL}/${cbc.id}`, { doctorShare: null });
    expect((await history(cbc.id)).shares).toEqual([]);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const service = (
      await k.send('POST', '/api/services', {
        name: 'Other visit',
        departmentKey: 'general',
        durationMinutes: 15,
      })
    ).json();
    const billed = (await k.send('GET', `${URL}?q=BILLED`)).json().items[0] as PriceItem;
    const before = await tables();
    const url = `${URL}/${consult.id}`;
    const cases: [object, string][] = [
      [{ code: 'NEW' }, 'body.code'],
      [{ nameEn: '' }, 'body.nameEn'],
      [{ kind: 'x' }, 'body.kind'],
      [{ priceMinor: -5 }, 'body.priceMinor'],
      [{ taxRateBasisPoints: 1.5 }, 'body.taxRateBasisPoints'],
      [{ doctorShare: { kind: 'fixed', amountMinor: 5501 } }, 'body.doctorShare.amountMinor'],
      [{ priceMinor: 100, doctorShare: { kind: 'fixed', amountMinor: 101 } }, 'body.doctorShare.amountMinor'],
      [{ doctorShare: { kind: 'half' } }, 'body.doctorShare.kind'],
      [{ serviceId: NO_SUCH_ID }, 'body.serviceId'],
      [{ serviceId: billed.serviceId }, 'body.serviceId'],
      [{ active: 'yes' }, 'body.active'],
    ];
    for (const [payload, path] of cases) {
      const res = await k.send('PATCH', url, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res), JSON.stringify(payload)).toEqual([path]);
    }
    expect((await k.send('PATCH', url, {})).statusCode).toBe(400);
    expect(await tables()).toEqual(before);
    // A service of its own is fine, and keeping it is not a clash with itself.
    expect((await k.send('PATCH', url, { serviceId: service.id })).statusCode).toBe(200);
    expect((await k.send('PATCH', url, { serviceId: service.id, active: true })).statusCode).toBe(200);
    expect((await k.send('PATCH', url, { serviceId: null })).json().serviceId).toBeNull();
  });
});

describe('provider shares', () => {
  const shareUrl = (itemId: string, providerId: string) => `${URL}/${itemId}/shares/${providerId}`;

  it('sets, replaces and ends a provider’s own share, with history and audit', async () => {
    const set = await k.send(
      'PUT',
      shareUrl(consult.id, k.doctor.id),
      { share: { kind: 'percent', basisPoints: 7000 } },
      k.accountant.cookie,
    );
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().overrides).toEqual([
      {
        providerId: k.doctor.id,
        providerName: 'Test doctor',
        share: { kind: 'percent', basisPoints: 7000 },
        validFrom: expect.any(String),
      },
    ]);
    await k.send('PUT', shareUrl(consult.id, k.dentist.id), { share: { kind: 'fixed', amountMinor: 1500 } });
    const replaced = await k.send('PUT', shareUrl(consult.id, k.doctor.id), {
      share: { kind: 'fixed', amountMinor: 2500 },
    });
    expect(
      replaced.json().overrides.map((o: { providerId: string; share: object }) => [o.providerId, o.share]),
    ).toEqual([
      [k.dentist.id, { kind: 'fixed', amountMinor: 1500 }],
      [k.doctor.id, { kind: 'fixed', amountMinor: 2500 }],
    ]);
    // The same share again changes nothing.
    await k.send('PUT', shareUrl(consult.id, k.doctor.id), { share: { kind: 'fixed', amountMinor: 2500 } });
    const audits = await auditOf(k.t.app.ctx.db, 'price_item.share.set', consult.id);
    expect(audits).toHaveLength(3);
    expect(audits[2]?.details).toMatchObject({
      providerId: k.doctor.id,
      before: { kind: 'percent', basisPoints: 7000 },
      after: { kind: 'fixed', amountMinor: 2500 },
    });

    const ended = await k.send('DELETE', shareUrl(consult.id, k.dentist.id));
    expect(ended.statusCode).toBe(200);
    expect(ended.json().overrides.map((o: { providerId: string }) => o.providerId)).toEqual([k.doctor.id]);
    const [endAudit] = await auditOf(k.t.app.ctx.db, 'price_item.share.end', consult.id);
    expect(endAudit?.details).toMatchObject({
      providerId: k.dentist.id,
      before: { kind: 'fixed', amountMinor: 1500 },
    });
    await k.eventAbout('price_list.changed', consult.id);

    const gone = await k.send('DELETE', shareUrl(consult.id, k.dentist.id));
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'not_found' });

    const { shares } = await history(consult.id);
    const doctorRows = shares.filter((s) => s.providerId === k.doctor.id);
    expect(doctorRows.map((s) => [s.share, s.validTo === null, s.providerName, s.changedByName])).toEqual([
      [{ kind: 'fixed', amountMinor: 2500 }, true, 'Test doctor', 'Test admin'],
      [{ kind: 'percent', basisPoints: 7000 }, false, 'Test doctor', 'Test accountant'],
    ]);
    expect(shares.find((s) => s.providerId === k.dentist.id)?.validTo).not.toBeNull();
  });

  it('refuses a price below a fixed share, and a fixed share above the price', async () => {
    const before = await tables();
    const low = await k.send('PATCH', `${URL}/${consult.id}`, { priceMinor: 2499 });
    expect(low.statusCode).toBe(400);
    expect(errorPaths(low)).toEqual(['body.priceMinor']);
    expect(low.json().errors[0].message).toContain('Test doctor');
    const high = await k.send('PUT', shareUrl(consult.id, k.nurse.id), {
      share: { kind: 'fixed', amountMinor: 5501 },
    });
    expect(errorPaths(high)).toEqual(['body.share.amountMinor']);
    const defaultHigh = await k.send('PATCH', `${URL}/${filling.id}`, { priceMinor: 2999 });
    expect(defaultHigh.json().errors[0].message).toContain('default');
    expect(await tables()).toEqual(before);
    // Exactly the share is fine, and lowering the default share with the price is too.
    expect((await k.send('PATCH', `${URL}/${consult.id}`, { priceMinor: 2500 })).statusCode).toBe(200);
    const both = await k.send('PATCH', `${URL}/${filling.id}`, {
      priceMinor: 2000,
      doctorShare: { kind: 'fixed', amountMinor: 2000 },
    });
    expect(both.statusCode, both.body).toBe(200);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await tables();
    const cases: [string, object, string][] = [
      [
        shareUrl(consult.id, k.receptionist.id),
        { share: { kind: 'percent', basisPoints: 1 } },
        'params.providerId',
      ],
      [
        shareUrl(consult.id, k.patient.id),
        { share: { kind: 'percent', basisPoints: 1 } },
        'params.providerId',
      ],
      [shareUrl(consult.id, NO_SUCH_ID), { share: { kind: 'percent', basisPoints: 1 } }, 'params.providerId'],
      [shareUrl(consult.id, 'bob'), { share: { kind: 'percent', basisPoints: 1 } }, 'params.providerId'],
      [
        shareUrl(consult.id, k.nurse.id),
        { share: { kind: 'percent', basisPoints: -1 } },
        'body.share.basisPoints',
      ],
      [shareUrl(consult.id, k.nurse.id), { share: null }, 'body.share'],
      [shareUrl(consult.id, k.nurse.id), {}, 'body.share'],
    ];
    for (const [url, payload, path] of cases) {
      const res = await k.send('PUT', url, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res), `${url} ${JSON.stringify(payload)}`).toEqual([path]);
    }
    const unknown = await k.send('PUT', shareUrl(NO_SUCH_ID, k.nurse.id), {
      share: { kind: 'percent', basisPoints: 1 },
    });
    expect(unknown.statusCode).toBe(404);
    expect((await k.send('DELETE', shareUrl(NO_SUCH_ID, k.nurse.id))).statusCode).toBe(404);
    expect(await tables()).toEqual(before);
  });
});

describe('POST /api/billing/price-list/import-services', () => {
  it('bills each active, priced service not billed yet, once', async () => {
    const service = async (name: string, extra: object = {}) =>
      (
        await k.send('POST', '/api/services', {
          name,
          departmentKey: 'general',
          durationMinutes: 15,
          ...extra,
        })
      ).json() as { id: string };
    const medical = await service('Consulta médica', { priceMinor: 4000 });
    const clash = await service('Cons. gen', { priceMinor: 3000 });
    await service('Unpriced');
    await service('Retired', { priceMinor: 1000, active: false });
    await service('Demo check-up (sample)', { priceMinor: 1500 });
    const billed = await service('Already billed', { priceMinor: 2000 });
    await created({
      code: 'ALREADY',
      kind: 'consultation',
      nameEn: 'A',
      nameEs: 'A',
      priceMinor: 2000,
      serviceId: billed.id,
    });

    const res = await k.send('POST', `${URL}/import-services`, undefined, k.accountant.cookie);
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json().created as PriceItem[]).sort((a, b) => a.code.localeCompare(b.code));
    expect(
      items.map((i) => [i.code, i.kind, i.nameEn, i.nameEs, i.serviceId, i.priceMinor, i.doctorShare]),
    ).toEqual([
      ['CONS-GEN-2', 'consultation', 'Cons. gen', 'Cons. gen', clash.id, 3000, null],
      ['CONSULTA-MEDICA', 'consultation', 'Consulta médica', 'Consulta médica', medical.id, 4000, null],
    ]);
    const audits = await auditOf(k.t.app.ctx.db, 'price_item.import');
    expect(audits).toHaveLength(1);
    expect(audits[0]?.details).toMatchObject({
      created: expect.arrayContaining([expect.objectContaining({ code: 'CONS-GEN-2' })]),
    });

    const before = await tables();
    const again = await k.send('POST', `${URL}/import-services`);
    expect(again.json()).toEqual({ created: [] });
    expect(await tables()).toEqual(before);
    expect(await auditOf(k.t.app.ctx.db, 'price_item.import')).toHaveLength(1);
  });
});

describe('concurrent changes', () => {
  it('keeps exactly one price in force and one item per code', async () => {
    const item = await created({
      code: 'RACE',
      kind: 'other',
      nameEn: 'Race',
      nameEs: 'Carrera',
      priceMinor: 100,
    });
    const patches = await Promise.all(
      Array.from({ length: 10 }, (_, i) => k.send('PATCH', `${URL}/${item.id}`, { priceMinor: 200 + i })),
    );
    expect(patches.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    const { prices } = await history(item.id);
    expect(prices).toHaveLength(11);
    expect(prices.filter((p) => p.validTo === null)).toHaveLength(1);
    // Each period ends where the next one starts.
    for (let i = 1; i < prices.length; i++) expect(prices[i]?.validTo).toBe(prices[i - 1]?.validFrom);

    const payload = { code: 'TWIN', kind: 'other', nameEn: 'Twin', nameEs: 'Gemelo', priceMinor: 1 };
    const creates = await Promise.all(Array.from({ length: 5 }, () => k.send('POST', URL, payload)));
    expect(creates.map((r) => r.statusCode).sort()).toEqual([201, 400, 400, 400, 400]);
    for (const r of creates.filter((c) => c.statusCode === 400)) expect(errorPaths(r)).toEqual(['body.code']);
  });

  it('imports each service once when imports run together', async () => {
    await k.send('POST', '/api/services', {
      name: 'Late addition',
      departmentKey: 'general',
      durationMinutes: 15,
      priceMinor: 900,
    });
    const runs = await Promise.all(Array.from({ length: 4 }, () => k.send('POST', `${URL}/import-services`)));
    expect(runs.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(runs.flatMap((r) => r.json().created.map((i: PriceItem) => i.code))).toEqual(['LATE-ADDITION']);
  });
});
