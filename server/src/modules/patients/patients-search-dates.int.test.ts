import type { Patient } from '@carebase/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { errorPaths } from '../../test/test-queries.ts';
import { registerPatient } from './patient-test-fixtures.ts';

let t: TestApp;
let clerk: TestUser;
let leapling: Patient;
beforeAll(async () => {
  t = await createTestApp();
  clerk = await t.userWithRoles(['receptionist']);
  leapling = await registerPatient(t, { birthDate: '2024-02-29' });
});
afterAll(async () => t?.close());

const get = (url: string) => t.request({ method: 'GET', url, cookie: clerk.cookie });

describe('dates typed into the patient search', () => {
  it('answers 400 naming query.q for an impossible date in the search box, never 500', async () => {
    for (const url of [
      '/api/patients?q=2025-02-30',
      '/api/patients?q=2025-02-29',
      '/api/patients?q=2025-13-01',
      '/api/patients?q=0000-01-01',
      '/api/patients/export.csv?q=2025-02-31',
      '/api/patients/export.csv?q=0000-12-31',
    ]) {
      const res = await get(url);
      expect(res.statusCode, `${url} ${res.body}`).toBe(400);
      expect(errorPaths(res), url).toEqual(['query.q']);
      expect(res.json().detail, url).toContain('not a real calendar date');
    }
  });

  it('answers 400 naming the field for an impossible date in an explicit birth-date filter', async () => {
    for (const [query, path] of [
      ['birthDate=2025-02-30', 'query.birthDate'],
      ['birthDate=0000-01-01', 'query.birthDate'],
      ['birthDateFrom=0000-01-01', 'query.birthDateFrom'],
      ['birthDateTo=2023-02-29', 'query.birthDateTo'],
    ] as const) {
      for (const url of [`/api/patients?${query}`, `/api/patients/export.csv?${query}`]) {
        const res = await get(url);
        expect(res.statusCode, `${url} ${res.body}`).toBe(400);
        expect(errorPaths(res), url).toEqual([path]);
      }
    }
    const duplicates = await get('/api/patients/duplicates?familyName=Doe&birthDate=0000-01-01');
    expect(duplicates.statusCode).toBe(400);
    expect(errorPaths(duplicates)).toEqual(['query.birthDate']);
  });

  it('still searches a real date, the first and last days PostgreSQL knows included', async () => {
    const found = await get('/api/patients?q=2024-02-29');
    expect(found.statusCode).toBe(200);
    expect(found.json().items.map((p: { id: string }) => p.id)).toContain(leapling.id);
    for (const q of ['0001-01-01', '9999-12-31']) {
      const res = await get(`/api/patients?q=${q}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items).toEqual([]);
    }
    const csv = await get('/api/patients/export.csv?q=2024-02-29');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(leapling.mrn);
  });
});
