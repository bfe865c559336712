import type { Patient, PatientSummary } from '@carebase/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit/audit.verify.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths } from '../../test/test-queries.ts';
import { registerPatient } from './patient-test-fixtures.ts';

let t: TestApp;
let clerk: TestUser;
let admin: TestUser;
const p: Record<string, Patient> = {};

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  clerk = await t.userWithRoles(['receptionist']);
  admin = await t.userWithRoles(['admin']);
  p.john = await registerPatient(t, {
    givenName: 'John',
    middleName: 'Michael',
    familyName: 'Smith',
    sex: 'male',
    birthDate: '1980-03-15',
    phone: '+1 201 555 0199',
  });
  p.jonathan = await registerPatient(t, { givenName: 'Jonathan', familyName: 'Smithers', sex: 'male' });
  p.joan = await registerPatient(t, { givenName: 'Joan', familyName: 'Smart', birthDate: '1980-07-01' });
  p.maria = await registerPatient(t, { givenName: 'María', familyName: 'Muñoz', birthDate: '1975-01-20' });
  p.ana = await registerPatient(t, {
    givenName: 'ana',
    familyName: 'munoz',
    altPhone: '+63 917 555 1234',
    identifiers: [{ type: 'passport', value: 'X1234567' }],
  });
  p.zoe = await registerPatient(t, { givenName: 'Zoë', familyName: 'Ångström', birthDate: '2001-09-09' });
});
afterAll(async () => t?.close());

type Page = { items: PatientSummary[]; nextCursor: string | null };
async function search(query: string, cookie = clerk.cookie): Promise<Page> {
  const res = await t.request({ method: 'GET', url: `/api/patients?${query}`, cookie });
  expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
  return res.json();
}
const ids = (page: Page) => page.items.map((i) => i.id);

describe('GET /api/patients: names', () => {
  it('folds accents and case both ways: "Muñoz" finds "munoz", "munoz" finds "Muñoz"', async () => {
    for (const q of ['Muñoz', 'munoz', 'MUNOZ', 'mun']) {
      expect(ids(await search(`q=${encodeURIComponent(q)}`)).sort(), q).toEqual(
        [p.ana!.id, p.maria!.id].sort(),
      );
    }
    expect(ids(await search(`name=${encodeURIComponent('zoe angs')}`))).toEqual([p.zoe!.id]);
    expect(ids(await search(`name=${encodeURIComponent('angstrom zo')}`))).toEqual([p.zoe!.id]);
    expect(ids(await search(`name=${encodeURIComponent('Muñoz')}&match=fuzzy`))).toContain(p.ana!.id);
  });

  it('matches prefixes of the family-first name, then of the given-first name, in name order', async () => {
    expect(ids(await search('q=smi'))).toEqual([p.john!.id, p.jonathan!.id]);
    expect(ids(await search('q=smith%20john'))).toEqual([p.john!.id]);
    expect(ids(await search('q=john%20mich'))).toEqual([p.john!.id]);
    // Given-first matches come after family-first ones (none here), ordered by given name.
    expect(ids(await search('q=jo'))).toEqual([p.joan!.id, p.john!.id, p.jonathan!.id]);
    expect(ids(await search('q=jo&order=desc'))).toEqual([p.jonathan!.id, p.john!.id, p.joan!.id]);
  });

  it('fuzzy: "jon smth" finds John Smith first, with a score', async () => {
    const page = await search('name=jon%20smth&match=fuzzy');
    expect(page.items[0]).toMatchObject({ id: p.john!.id, displayName: 'John Michael Smith' });
    expect(page.items[0]!.score).toBeGreaterThan(0);
    expect(ids(page)).not.toContain(p.maria!.id);
    const scores = page.items.map((i) => i.score ?? 0);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(ids(await search('q=smitt&match=fuzzy'))).toContain(p.john!.id);
  });
});

describe('GET /api/patients: exact lookups and filters', () => {
  it('finds by MRN (any case), identifier (exact only), phone typed locally, birth date', async () => {
    expect(ids(await search(`q=${p.john!.mrn.toLowerCase()}`))).toEqual([p.john!.id]);
    expect(ids(await search(`mrn=${p.john!.mrn}`))).toEqual([p.john!.id]);
    expect(ids(await search('q=x1234567'))).toEqual([p.ana!.id]);
    expect(ids(await search('identifier=X1234567&identifierType=passport'))).toEqual([p.ana!.id]);
    expect(ids(await search('identifier=X1234567&identifierType=national'))).toEqual([]);
    expect(ids(await search('q=X123456'))).toEqual([]);
    expect(ids(await search(`q=${encodeURIComponent('(201) 555-0199')}`))).toEqual([p.john!.id]);
    expect(ids(await search('phone=201.555.0199'))).toEqual([p.john!.id]);
    expect(ids(await search(`phone=${encodeURIComponent('+639175551234')}`))).toEqual([p.ana!.id]);
    expect(ids(await search('q=1980-03-15'))).toEqual([p.john!.id]);
  });

  it('combines filters', async () => {
    expect(ids(await search('birthDateFrom=1980-01-01&birthDateTo=1980-12-31'))).toEqual([
      p.joan!.id,
      p.john!.id,
    ]);
    expect(ids(await search('birthDateFrom=1980-01-01&birthDateTo=1980-12-31&sex=male'))).toEqual([
      p.john!.id,
    ]);
    expect(ids(await search('q=sm&sex=female'))).toEqual([p.joan!.id]);
    expect(ids(await search('q=sm&birthDate=1980-03-15'))).toEqual([p.john!.id]);
    expect(ids(await search('q=sm&sort=birthDate&order=desc'))).toEqual([
      p.jonathan!.id,
      p.joan!.id,
      p.john!.id,
    ]);
  });

  it('refuses what is not on the allow-lists, naming the field', async () => {
    const other = (await search('q=sm&limit=1')).nextCursor!;
    const cases: [string, string][] = [
      ['sort=passwordHash', 'query.sort'],
      ['order=sideways', 'query.order'],
      ['limit=101', 'query.limit'],
      ['limit=0', 'query.limit'],
      ['sex=robot', 'query.sex'],
      ['birthDate=2020-02-30', 'query.birthDate'],
      ['cursor=garbage', 'query.cursor'],
      [`q=sm&sort=mrn&cursor=${other}`, 'query.cursor'],
      ['name=jo&match=fuzzy&sort=name', 'query.sort'],
      ['name=%21%21', 'query.name'],
      ['phone=call-me', 'query.phone'],
      ['q=jo&name=smith', 'query.q'],
      ['ssn=1', 'query.ssn'],
    ];
    for (const [query, path] of cases) {
      const res = await t.request({ method: 'GET', url: `/api/patients?${query}`, cookie: clerk.cookie });
      expect(res.statusCode, query).toBe(400);
      expect(errorPaths(res), query).toEqual([path]);
    }
  });

  it('answers 401 without a session and 403 to the patient role; audits each search', async () => {
    expect((await t.request({ method: 'GET', url: '/api/patients?q=smith' })).statusCode).toBe(401);
    const portal = await t.userWithRoles(['patient']);
    const res = await t.request({ method: 'GET', url: '/api/patients?q=smith', cookie: portal.cookie });
    expect(res.statusCode).toBe(403);
    await search('q=smith%20jo');
    const events = await auditOf(t.app.ctx.db, 'patient.search');
    expect(events.at(-1)).toMatchObject({
      actorId: clerk.id,
      details: { query: { q: 'smith jo' }, patientIds: [p.john!.id] },
    });
    for (const query of ['q=sm&limit=2', 'match=fuzzy&name=jon%20smth', 'q=nobody']) {
      const page = await search(query);
      const [event] = (await auditOf(t.app.ctx.db, 'patient.search')).slice(-1);
      expect(event!.details, query).toMatchObject({ patientIds: page.items.map((i) => i.id) });
    }
    expect(await verifyAuditChain(t.app.ctx.db)).toMatchObject({ ok: true });
  });
});

describe('GET /api/patients: cursor pages', () => {
  async function walk(query: string, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const page: Page = await search(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      seen.push(...ids(page));
      cursor = page.nextCursor;
      if (!cursor) return seen;
    }
    throw new Error('no last page');
  }

  it('walks every sort and mode without duplicates or gaps, across the family/given boundary', async () => {
    const family = await Promise.all(
      Array.from({ length: 13 }, (_, i) =>
        registerPatient(t, {
          givenName: i % 2 ? 'Ida' : 'Ivo',
          familyName: 'Pagewalk',
          birthDate: `19${50 + (i % 4)}-01-01`,
        }),
      ),
    );
    const given = await Promise.all(
      Array.from({ length: 7 }, () => registerPatient(t, { givenName: 'Pagewalker', familyName: 'Zed' })),
    );
    const all = [...family, ...given].map((x) => x.id);
    for (const query of [
      'q=pagewalk',
      'q=pagewalk&order=desc',
      'q=pagewalk&sort=birthDate',
      'q=pagewalk&sort=createdAt&order=desc',
      'q=pagewalk&sort=mrn',
      'name=pagewalk&match=fuzzy',
    ]) {
      const full = ids(await search(`${query}&limit=100`));
      expect(full.slice().sort(), query).toEqual(all.slice().sort());
      for (const limit of [1, 4, 7]) {
        expect(await walk(query, limit), `${query} limit ${limit}`).toEqual(full);
      }
    }
  });
});

describe('GET /api/patients: merged records', () => {
  it('are left out unless includeMerged=true', async () => {
    const a = await registerPatient(t, { givenName: 'Merle', familyName: 'Mergetest' });
    const b = await registerPatient(t, { givenName: 'Merle', familyName: 'Mergetest' });
    const res = await t.request({
      method: 'POST',
      url: `/api/patients/${a.id}/merge`,
      cookie: admin.cookie,
      payload: { intoId: b.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(ids(await search('q=mergetest'))).toEqual([b.id]);
    const withMerged = await search('q=mergetest&includeMerged=true');
    expect(ids(withMerged).sort()).toEqual([a.id, b.id].sort());
    expect(withMerged.items.find((i) => i.id === a.id)?.mergedIntoId).toBe(b.id);
  });
});
