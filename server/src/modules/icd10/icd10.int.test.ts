import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.writer.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, countRows, errorPaths } from '../../test/test-queries.ts';
import { describeImport } from './icd10.cli.ts';
import { icd10Codes } from './icd10.schema.ts';
import {
  ensureIcd10Spanish,
  ensureIcd10Starter,
  importIcd10File,
  importIcd10Lines,
} from './icd10.service.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

let t: TestApp;
let doctor: TestUser;
let receptionist: TestUser;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  doctor = await t.userWithRoles(['doctor']);
  receptionist = await t.userWithRoles(['receptionist']);
});
afterAll(async () => t?.close());

/** As the doctor unless another cookie is given; null sends no session. */
const search = (q: string, cookie: string | null = doctor.cookie) =>
  t.request({ method: 'GET', url: `/api/icd10?q=${encodeURIComponent(q)}`, cookie: cookie ?? undefined });
const codesOf = (res: { json(): unknown }) => (res.json() as { code: string }[]).map((r) => r.code);

describe('starter set', () => {
  it('is loaded at start, between 150 and 400 common codes, and loading again adds nothing', async () => {
    const n = await countRows(t.app.ctx.db, icd10Codes);
    expect(n).toBeGreaterThanOrEqual(150);
    expect(n).toBeLessThanOrEqual(400);
    expect(await ensureIcd10Starter(t.app.ctx.db)).toBe(0);
    expect(await countRows(t.app.ctx.db, icd10Codes)).toBe(n);
  });
});

describe('GET /api/icd10', () => {
  it('finds by exact code first, then by code prefix', async () => {
    const res = await search('J06.9');
    expect(res.statusCode).toBe(200);
    expect(res.json()[0]).toEqual({
      code: 'J06.9',
      description: 'Acute upper respiratory infection, unspecified',
      descriptionEs: 'Infección aguda de las vías respiratorias superiores, no especificada',
      billable: true,
    });
    const prefix = codesOf(await search('j45'));
    expect(prefix.length).toBeGreaterThanOrEqual(4);
    expect(prefix.every((c) => c.startsWith('J45'))).toBe(true);
    expect(codesOf(await search('Z0000'))[0]).toBe('Z00.00');
  });

  it('finds by words, case- and accent-insensitively, and by near spellings', async () => {
    expect(codesOf(await search('upper respiratory'))).toContain('J06.9');
    expect(codesOf(await search('UPPER RÉSPIRATORY'))).toContain('J06.9');
    expect(codesOf(await search('hypertension'))[0]).toBe('I10');
    expect(codesOf(await search('respiratry infecton'))).toContain('J06.9');
    expect(codesOf(await search('certificate'))).toContain('Z02.79');
  });

  it('finds by Spanish words too, without accents or case', async () => {
    expect(codesOf(await search('faringitis'))).toEqual(expect.arrayContaining(['J02.9', 'J02.0']));
    expect(codesOf(await search('FARINGITIS aguda'))[0]).toBe('J02.9');
    expect(codesOf(await search('hipertension'))[0]).toBe('I10');
    expect(codesOf(await search('hipertensión esencial'))[0]).toBe('I10');
    expect(codesOf(await search('diabetes tipo 2'))).toContain('E11.9');
    expect(codesOf(await search('faringitis'))).not.toContain('E11.9');
    expect(codesOf(await search('faringits'))).toContain('J02.9');
    const [pharyngitis] = (await search('faringitis aguda')).json();
    expect(pharyngitis).toMatchObject({
      description: 'Acute pharyngitis, unspecified',
      descriptionEs: 'Faringitis aguda, no especificada',
    });
  });

  it('ranks an exact code above codes merely containing its words, and caps the list at 20', async () => {
    expect((await search('diabetes')).json().length).toBeLessThanOrEqual(20);
    expect((await search('pain')).json()).toHaveLength(20);
    expect(codesOf(await search('I10'))[0]).toBe('I10');
  });

  it('answers 401 without a session, 403 without chart:read, 400 without q', async () => {
    expect((await search('J06', null)).statusCode).toBe(401);
    expect((await search('J06', receptionist.cookie)).statusCode).toBe(403);
    const empty = await t.request({ method: 'GET', url: '/api/icd10?q=', cookie: doctor.cookie });
    expect(empty.statusCode).toBe(400);
    expect(errorPaths(empty)).toEqual(['query.q']);
    const long = await search('x'.repeat(101));
    expect(errorPaths(long)).toEqual(['query.q']);
  });
});

describe('importer', () => {
  it('imports the CMS codes format, updating known codes and reporting bad lines by number', async () => {
    const result = await importIcd10File(
      t.app.ctx.db,
      SYSTEM_ACTOR,
      path.join(FIXTURES, 'icd10cm-codes-sample.txt'),
    );
    expect(result).toMatchObject({ format: 'codes', inserted: 4, updated: 1 });
    expect(result.bad).toEqual([
      { line: 6, reason: '"99999" is not an ICD-10 code' },
      { line: 7, reason: 'expected a code, spaces, then a description' },
    ]);
    const [j069] = await t.app.ctx.db.select().from(icd10Codes).where(eq(icd10Codes.code, 'J06.9'));
    expect(j069?.description).toBe('Acute upper respiratory infection, unspecified (updated)');
    // The CMS file is English: a starter code keeps its Spanish wording and stays findable by it.
    expect(j069?.descriptionEs).toBe('Infección aguda de las vías respiratorias superiores, no especificada');
    expect(codesOf(await search('vias respiratorias superiores'))).toContain('J06.9');
    expect(codesOf(await search('unspecified (updated)'))).toContain('J06.9');
    expect(codesOf(await search('cholera'))).toEqual(expect.arrayContaining(['A00.0', 'A00.1', 'A00.9']));
    const [event] = await auditOf(t.app.ctx.db, 'icd10.import');
    expect(event?.details).toMatchObject({ format: 'codes', inserted: 4, updated: 1, badLines: 2 });
    expect(describeImport('codes.txt', result)).toEqual([
      'Imported 5 ICD-10 codes from codes.txt (codes format): 4 new, 1 updated.',
      '2 line(s) skipped:',
      '  line 6: "99999" is not an ICD-10 code',
      '  line 7: expected a code, spaces, then a description',
    ]);
  });

  it('imports the order format (CRLF lines), keeping headers as non-billable codes', async () => {
    const result = await importIcd10File(
      t.app.ctx.db,
      SYSTEM_ACTOR,
      path.join(FIXTURES, 'icd10cm-order-sample.txt'),
    );
    expect(result.format).toBe('order');
    expect(result.bad.map((b) => b.line)).toEqual([4, 5]);
    expect(result.bad[0]?.reason).toContain('header flag');
    // A00.0 and A00.1 came with the codes file; A00, A01 and A01.00 (already in the starter set) are updated or new.
    expect(result).toMatchObject({ inserted: 2, updated: 3 });
    const headers = await search('A00');
    expect(headers.json()[0]).toEqual({
      code: 'A00',
      description: 'Cholera',
      descriptionEs: null,
      billable: false,
    });
  });

  it('upserts in batches and dedupes a code repeated in one batch', async () => {
    const lines = Array.from(
      { length: 2500 },
      (_, i) => `Q${String(i % 100).padStart(2, '0')}${i % 25}    Test code ${i}`,
    );
    const progress: number[] = [];
    const result = await importIcd10Lines(t.app.ctx.db, lines, { onProgress: (n) => progress.push(n) });
    expect(result.bad).toEqual([]);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    const [row] = await t.app.ctx.db.select().from(icd10Codes).where(eq(icd10Codes.code, 'Q00.0'));
    expect(row?.description).toBe('Test code 2400');
  });
});

describe('Spanish on an existing install', () => {
  it('gives starter codes already there their Spanish at start, leaving other codes alone', async () => {
    const db = t.app.ctx.db;
    // As an install from before the Spanish set: English-only rows, one of them rewritten by the CMS import.
    await db
      .update(icd10Codes)
      .set({ descriptionEs: null, searchText: sql`lower(${icd10Codes.description})` })
      .where(inArray(icd10Codes.code, ['I10', 'J06.9']));
    const [choleraBefore] = await db.select().from(icd10Codes).where(eq(icd10Codes.code, 'A00'));

    expect(await ensureIcd10Starter(db)).toBe(0);

    const rows = await db
      .select()
      .from(icd10Codes)
      .where(inArray(icd10Codes.code, ['I10', 'J06.9', 'A00']));
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get('I10')).toMatchObject({
      description: 'Essential (primary) hypertension',
      descriptionEs: 'Hipertensión esencial (primaria)',
      searchText: 'essential (primary) hypertension\nhipertension esencial (primaria)',
    });
    expect(byCode.get('J06.9')).toMatchObject({
      description: 'Acute upper respiratory infection, unspecified (updated)',
      descriptionEs: 'Infección aguda de las vías respiratorias superiores, no especificada',
    });
    expect(byCode.get('A00')).toEqual(choleraBefore);
    expect(codesOf(await search('hipertension'))[0]).toBe('I10');
    expect(codesOf(await search('unspecified (updated)'))).toContain('J06.9');
    expect(await ensureIcd10Spanish(db)).toBe(0);
  });
});
