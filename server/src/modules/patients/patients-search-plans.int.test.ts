import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { registerPatient } from './patient-test-fixtures.ts';
import * as repo from './patients-search.repository.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  for (let i = 0; i < 5; i++)
    await registerPatient(t, { familyName: `Plan${'abcde'[i]}`, phone: `+1201555010${i}` });
});
afterAll(async () => t?.close());

/**
 * The plan of a query without sequential scans: on a table of five rows the planner rightly prefers them, so
 * this asks which index serves the query once the table is large (the benchmark prints plans at 1M).
 */
async function plan(query: SQL): Promise<string> {
  return t.app.ctx.db.transaction(async (tx) => {
    await tx.execute(repo.searchSessionQuery());
    const rows = await queryRows<{ 'QUERY PLAN': string }>(tx, sql`explain ${query}`);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

const filters = (idSets: SQL[] = []): repo.SearchFilters => ({ idSets, includeMerged: false });

describe('search queries use the indexes', () => {
  it.each([
    [
      'family-first prefix',
      repo.namePrefixQuery(filters(), 1, 'plan', 'asc', undefined, 26),
      'patients_sort_name_idx',
    ],
    [
      'given-first prefix',
      repo.namePrefixQuery(filters(), 2, 'ana', 'asc', undefined, 26),
      'patients_search_prefix_idx',
    ],
    [
      'next page of a prefix',
      repo.namePrefixQuery(
        filters(),
        1,
        'plan',
        'asc',
        { value: 'plana ana', id: '00000000-0000-4000-8000-000000000000' },
        26,
      ),
      'patients_sort_name_idx',
    ],
    [
      'both prefix phases in one query',
      repo.namePhasesQuery(filters(), 'ana pl', 'asc', undefined, 26),
      'patients_search_prefix_idx',
    ],
    [
      'fuzzy',
      repo.fuzzyQuery(filters(), 'plan ana', ['plan', 'ana'], undefined, 26, 1000),
      'patients_name_words_idx',
    ],
    [
      'MRN',
      repo.listQuery(filters([repo.mrnIds(['MRN-2026-000001'])]), 'name', 'asc', undefined, 26),
      'patients_mrn_unique',
    ],
    [
      'phone',
      repo.listQuery(filters([repo.phoneIds('+12015550101')]), 'name', 'asc', undefined, 26),
      'patients_alt_phone_idx',
    ],
    [
      'identifier',
      repo.listQuery(filters([repo.identifierIds('X1')]), 'name', 'asc', undefined, 26),
      'patient_identifiers_value_idx',
    ],
  ])('%s', async (_name, query, index) => {
    expect(await plan(query)).toContain(index);
  });
});
