import { randomUUID } from 'node:crypto';
import type { Patient, PatientSummary } from '@carebase/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/access/principal.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.writer.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths } from '../../test/test-queries.ts';
import { registerPatient, uniqueWord } from './patient-test-fixtures.ts';
import { exportPatientsCsv } from './patients-export.service.ts';

let t: TestApp;
let clerk: TestUser;
let family: string;
const p: Record<string, Patient> = {};

const HEADER = [
  'MRN',
  'Family name',
  'Given name',
  'Middle name',
  'Birth date',
  'Sex',
  'Phone',
  'Email',
  'Identifiers',
  'Created at',
];

/** RFC 4180 rows: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  expect(cell, 'the last line ends with CRLF').toBe('');
  return rows;
}

async function exportCsv(query: string, cookie = clerk.cookie) {
  const res = await t.request({ method: 'GET', url: `/api/patients/export.csv?${query}`, cookie });
  expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
  expect(res.body.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(res.body.slice(1));
  expect(header).toEqual(HEADER);
  return { res, rows };
}

async function searchIds(query: string): Promise<string[]> {
  const res = await t.request({
    method: 'GET',
    url: `/api/patients?${query}&limit=100`,
    cookie: clerk.cookie,
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as PatientSummary[]).map((i) => i.mrn);
}

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  clerk = await t.userWithRoles(['receptionist']);
  family = uniqueWord('Exp');
  p.ana = await registerPatient(t, {
    givenName: 'Ana',
    middleName: 'Lucía',
    familyName: family,
    birthDate: '1990-04-12',
    phone: '+1 201 555 0142',
    email: 'ana@example.org',
    identifiers: [
      { type: 'passport', value: 'X1234567' },
      { type: 'national', value: 'N-77' },
    ],
  });
  p.bruno = await registerPatient(t, {
    givenName: 'Bruno',
    familyName: family,
    sex: 'male',
    birthDate: '1971-02-03',
  });
  p.carla = await registerPatient(t, {
    givenName: 'Carla',
    familyName: `${family}, Jr`,
    birthDate: '2001-09-09',
  });
  p.formula = await registerPatient(t, {
    givenName: 'Dora',
    middleName: '=HYPERLINK("http://evil.example","open")',
    familyName: family,
    birthDate: '1990-04-12',
  });
  await registerPatient(t, { givenName: 'Other', familyName: uniqueWord('Nope') });
});
afterAll(async () => t?.close());

describe('GET /api/patients/export.csv', () => {
  it('writes the rows a search finds, in its order, with every column, as a dated attachment', async () => {
    const { res, rows } = await exportCsv(`q=${family}`);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="patients-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(rows.map((r) => r[0])).toEqual(await searchIds(`q=${family}`));
    expect(rows.length).toBe(4);
    const ana = rows.find((r) => r[0] === p.ana!.mrn);
    expect(ana).toEqual([
      p.ana!.mrn,
      family,
      'Ana',
      'Lucía',
      '1990-04-12',
      'female',
      // E.164 starts with "+", which a spreadsheet would read as a formula.
      "'+12015550142",
      'ana@example.org',
      'national:N-77; passport:X1234567',
      p.ana!.createdAt,
    ]);
    expect(rows.find((r) => r[0] === p.carla!.mrn)?.[1]).toBe(`${family}, Jr`);
    expect(rows.find((r) => r[0] === p.bruno!.mrn)?.slice(3, 9)).toEqual([
      '',
      '1971-02-03',
      'male',
      '',
      '',
      '',
    ]);
  });

  it('applies the filters and sort of the search', async () => {
    for (const query of [
      `q=${family}&sex=male`,
      `q=${family}&birthDate=1990-04-12&sort=mrn&order=desc`,
      `name=${family}&birthDateFrom=1980-01-01`,
      `name=${family.slice(0, -1)}x&match=fuzzy`,
      `identifier=X1234567`,
      `phone=${encodeURIComponent('+1 201 555 0142')}`,
    ]) {
      const { rows } = await exportCsv(query);
      expect(
        rows.map((r) => r[0]),
        query,
      ).toEqual(await searchIds(query));
      expect(rows.length, query).toBeGreaterThan(0);
    }
  });

  it('neutralises a cell a spreadsheet would run as a formula', async () => {
    const { res, rows } = await exportCsv(`q=${family}&birthDate=1990-04-12`);
    expect(rows.find((r) => r[0] === p.formula!.mrn)?.[3]).toBe('\'=HYPERLINK("http://evil.example","open")');
    expect(res.body).not.toContain(',=HYPERLINK');
  });

  it('audits the export once, with the query and the number of rows', async () => {
    const before = (await auditOf(t.app.ctx.db, 'patient.export')).length;
    await exportCsv(`q=${family}&sex=female`);
    const events = await auditOf(t.app.ctx.db, 'patient.export');
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({
      actorId: clerk.id,
      outcome: 'success',
      details: { query: { q: family, sex: 'female' }, rowCount: 3, truncated: false },
    });
  });

  it('answers 400 naming the field for a bad query, as the search does, and exports nothing', async () => {
    const before = (await auditOf(t.app.ctx.db, 'patient.export')).length;
    const cases: [string, string][] = [
      ['sex=robot', 'query.sex'],
      ['birthDate=2020-02-30', 'query.birthDate'],
      ['sort=passwordHash', 'query.sort'],
      ['name=jo&match=fuzzy&sort=name', 'query.sort'],
      ['name=%21%21', 'query.name'],
      ['phone=call-me', 'query.phone'],
      ['q=jo&name=smith', 'query.q'],
      ['limit=10', 'query.limit'],
      ['cursor=abc', 'query.cursor'],
      // Text PostgreSQL cannot store fails in the first page's query, before the response starts.
      ['name=a%00b', 'query.name'],
      ['mrn=%00', 'query.mrn'],
    ];
    for (const [query, path] of cases) {
      const res = await t.request({
        method: 'GET',
        url: `/api/patients/export.csv?${query}`,
        cookie: clerk.cookie,
      });
      expect(res.statusCode, query).toBe(400);
      expect(errorPaths(res), query).toEqual([path]);
    }
    expect((await auditOf(t.app.ctx.db, 'patient.export')).length).toBe(before);
  });

  it('answers 403 to a role without patients:read and 401 without a session', async () => {
    const portal = await t.userWithRoles(['patient']);
    const res = await t.request({ method: 'GET', url: '/api/patients/export.csv', cookie: portal.cookie });
    expect(res.statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/patients/export.csv' })).statusCode).toBe(401);
  });
});

describe('exportPatientsCsv paging', () => {
  const principal: Principal = {
    userId: randomUUID(),
    email: 'system',
    name: 'System',
    roles: [],
    permissions: ['patients:read'],
    via: 'session',
    sessionId: null,
    tokenId: null,
    mfaEnrollmentRequired: false,
    passwordChangeRequired: false,
  };

  async function lines(query: Record<string, string>, chunk: number, maxRows: number): Promise<string[]> {
    const csv = await exportPatientsCsv(
      t.app.ctx,
      principal,
      SYSTEM_ACTOR,
      { match: 'prefix', includeMerged: false, order: 'asc', ...query },
      { chunk, maxRows },
    );
    let text = '';
    for await (const part of csv.lines) text += part;
    return parseCsv(text.slice(1))
      .slice(1)
      .map((r) => r[0]!);
  }

  it('reads page after page without gaps or repeats, and stops at the row limit', async () => {
    const everyone = await searchIds(`q=${family}`);
    for (const chunk of [1, 2, 3])
      expect(await lines({ q: family }, chunk, 100), `chunk ${chunk}`).toEqual(everyone);
    expect(await lines({ q: family }, 2, 3)).toEqual(everyone.slice(0, 3));
    const [last] = (await auditOf(t.app.ctx.db, 'patient.export')).slice(-1);
    expect(last?.details).toMatchObject({ rowCount: 3, truncated: true });
    expect(await lines({ q: family }, 2, 4)).toEqual(everyone);
    const [exact] = (await auditOf(t.app.ctx.db, 'patient.export')).slice(-1);
    expect(exact?.details).toMatchObject({ rowCount: 4, truncated: false });
  });

  it('still audits an export the client stopped reading, with the rows sent so far', async () => {
    const csv = await exportPatientsCsv(
      t.app.ctx,
      principal,
      SYSTEM_ACTOR,
      { q: family, match: 'prefix', includeMerged: false, order: 'asc' },
      { chunk: 1, maxRows: 100 },
    );
    await csv.lines.next(); // the header
    await csv.lines.next(); // the first row
    await csv.lines.return(undefined); // what destroying the response stream does
    const [last] = (await auditOf(t.app.ctx.db, 'patient.export')).slice(-1);
    expect(last).toMatchObject({ outcome: 'failed', details: { query: { q: family }, rowCount: 1 } });
  });
});
