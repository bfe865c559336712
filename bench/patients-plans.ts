import { type SQL, sql } from 'drizzle-orm';
import { normalizeName } from '../server/src/modules/patients/patient-names.ts';
import { searchPhoneOf } from '../server/src/modules/patients/patient-phones.ts';
import * as repo from '../server/src/modules/patients/patients-search.repository.ts';
import { FUZZY_CANDIDATES } from '../server/src/modules/patients/patients-search.service.ts';
import { type Executor, queryRows } from '../server/src/platform/db/database.ts';

const param = (path: string, key: string) => new URL(path, 'http://x').searchParams.get(key) ?? '';
const filters = (idSets: SQL[] = []): repo.SearchFilters => ({ idSets, includeMerged: false });

/** As the service runs them: on a pooled connection with its session settings, no planner settings. */
async function explain(db: Executor, title: string, query: SQL): Promise<void> {
  const lines = await queryRows<{ 'QUERY PLAN': string }>(db, sql`explain (analyze, costs off) ${query}`);
  console.log(`  ${title}`);
  for (const { 'QUERY PLAN': line } of lines) {
    if (/Scan|Index Cond|Execution Time/.test(line)) console.log(`    ${line.trim()}`);
  }
}

/**
 * EXPLAIN ANALYZE of the SQL the search service runs for the first sample of each scenario, to show which
 * index each one uses at this size.
 */
export async function explainScenarios(
  db: Executor,
  paths: { mrn: string[]; prefix: string[]; fuzzy: string[]; phone: string[] },
): Promise<void> {
  console.log('Query plans (first sample of each scenario):');
  const mrn = param(paths.mrn[0]!, 'q');
  await explain(
    db,
    `MRN ${mrn}`,
    repo.listQuery(
      filters([repo.anyOfIds([repo.mrnIds([mrn]), repo.identifierIds(mrn)])]),
      'name',
      'asc',
      undefined,
      26,
    ),
  );
  for (const path of paths.prefix.slice(0, 2)) {
    const prefix = normalizeName(param(path, 'q'));
    await explain(
      db,
      `prefix "${prefix}", family-first`,
      repo.namePrefixQuery(filters(), 1, prefix, 'asc', undefined, 26),
    );
    await explain(
      db,
      `prefix "${prefix}", given-first`,
      repo.namePrefixQuery(filters(), 2, prefix, 'asc', undefined, 26),
    );
  }
  for (const path of paths.fuzzy.slice(0, 3)) {
    const text = normalizeName(param(path, 'name'));
    const tokens = text.split(' ');
    await explain(
      db,
      `fuzzy "${text}"`,
      repo.fuzzyQuery(filters(), text, tokens, undefined, 26, FUZZY_CANDIDATES),
    );
  }
  const phone = searchPhoneOf(param(paths.phone[0]!, 'q'), 'US')!;
  await explain(
    db,
    `phone ${phone}`,
    repo.listQuery(
      filters([repo.anyOfIds([repo.phoneIds(phone), repo.identifierIds(phone)])]),
      'name',
      'asc',
      undefined,
      26,
    ),
  );
  console.log('');
}
