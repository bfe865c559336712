import type { PatientSortField } from '@carebase/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import type { SummaryRow } from './patients.mapper.ts';

/** A summary row plus the keys that pages and ranking need. */
export type SearchRow = SummaryRow & { sortName: string; searchName: string; createdKey: string };

const COLUMNS = sql.raw(`p.id, p.mrn, p.given_name as "givenName", p.middle_name as "middleName",
  p.family_name as "familyName", p.suffix, p.preferred_name as "preferredName", p.sex,
  p.birth_date::text as "birthDate", p.phone, p.photo_sha256 as "photoSha256",
  p.merged_into_id as "mergedIntoId", p.sort_name as "sortName", p.search_name as "searchName",
  p.created_at::text as "createdKey"`);

export type SearchFilters = {
  /** Subqueries of patient ids (exact lookups); a patient must be in every one. */
  idSets: SQL[];
  birthDate?: string | undefined;
  birthDateFrom?: string | undefined;
  birthDateTo?: string | undefined;
  sex?: string | undefined;
  includeMerged: boolean;
};

export const mrnIds = (values: string[]) =>
  sql`select id from patients where mrn in (${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
export const identifierIds = (value: string, type?: string) =>
  type
    ? sql`select patient_id from patient_identifiers where value = ${value} and type = ${type}`
    : sql`select patient_id from patient_identifiers where value = ${value}`;
export const phoneIds = (e164: string) =>
  sql`select id from patients where phone = ${e164} union all select id from patients where alt_phone = ${e164}`;
export const anyOfIds = (sets: SQL[]) => sql.join(sets, sql` union all `);

function conditions(f: SearchFilters): SQL[] {
  const where: SQL[] = f.idSets.map((set) => sql`p.id in (${set})`);
  if (!f.includeMerged) where.push(sql`p.merged_into_id is null`);
  if (f.sex) where.push(sql`p.sex = ${f.sex}`);
  if (f.birthDate) where.push(sql`p.birth_date = ${f.birthDate}::date`);
  if (f.birthDateFrom) where.push(sql`p.birth_date >= ${f.birthDateFrom}::date`);
  if (f.birthDateTo) where.push(sql`p.birth_date <= ${f.birthDateTo}::date`);
  return where;
}

const whereOf = (parts: SQL[]) => (parts.length ? sql`where ${sql.join(parts, sql` and `)}` : sql``);

export type KeysetSort = Exclude<PatientSortField, 'relevance'>;
/** Sort expressions and the type their cursor value is cast back to. Names sort in byte order, as indexed. */
const SORTS: Record<KeysetSort, { key: SQL; type: string }> = {
  name: { key: sql`p.sort_name collate "C"`, type: 'text' },
  birthDate: { key: sql`p.birth_date`, type: 'date' },
  createdAt: { key: sql`p.created_at`, type: 'timestamptz' },
  mrn: { key: sql`p.mrn`, type: 'text' },
};
/** Given-first name order, for the second phase of a prefix search. */
const GIVEN_FIRST = { key: sql`p.search_name collate "C"`, type: 'text' };

export type After = { value: string; id: string };
export type Order = 'asc' | 'desc';

function pageQuery(
  where: SQL[],
  sort: { key: SQL; type: string },
  order: Order,
  after: After | undefined,
  limit: number,
): SQL {
  const dir = sql.raw(order);
  const parts = [...where];
  if (after) {
    const op = sql.raw(order === 'asc' ? '>' : '<');
    parts.push(
      sql`(${sort.key}, p.id) ${op} (cast(${after.value} as ${sql.raw(sort.type)}), cast(${after.id} as uuid))`,
    );
  }
  return sql`select ${COLUMNS} from patients p ${whereOf(parts)}
        order by ${sort.key} ${dir}, p.id ${dir} limit ${limit}`;
}

/** Patients matching the filters (and an optional name condition), in a keyset-paged order. */
export function listQuery(
  f: SearchFilters,
  sort: KeysetSort,
  order: Order,
  after: After | undefined,
  limit: number,
  namePrefix?: string,
): SQL {
  const where = conditions(f);
  if (namePrefix !== undefined) {
    const like = `${namePrefix}%`;
    where.push(sql`(p.sort_name collate "C" like ${like} or p.search_name collate "C" like ${like})`);
  }
  return pageQuery(where, SORTS[sort], order, after, limit);
}

/**
 * One phase of a name-prefix search in name order: phase 1 matches the family-first name, phase 2 the
 * given-first name (without phase 1's rows). Each phase walks one index in order, so a page costs a few rows.
 */
export function namePrefixQuery(
  f: SearchFilters,
  phase: 1 | 2,
  prefix: string,
  order: Order,
  after: After | undefined,
  limit: number,
): SQL {
  const like = `${prefix}%`;
  const where = conditions(f);
  if (phase === 1) {
    where.push(sql`p.sort_name collate "C" like ${like}`);
    return pageQuery(where, SORTS.name, order, after, limit);
  }
  where.push(sql`p.search_name collate "C" like ${like}`, sql`p.sort_name collate "C" not like ${like}`);
  return pageQuery(where, GIVEN_FIRST, order, after, limit);
}

export type PhasedRow = SearchRow & { phase: number };

/**
 * Both phases of a name-prefix page in one round trip: phase 1 rows first, then phase 2's, each from its own
 * ordered index scan of at most `limit` rows. `from` is where the previous page ended.
 */
export function namePhasesQuery(
  f: SearchFilters,
  prefix: string,
  order: Order,
  from: { phase: 1 | 2; after: After } | undefined,
  limit: number,
): SQL {
  const branches: SQL[] = [];
  if (from?.phase !== 2) {
    branches.push(
      sql`select 1 as phase, b.* from (${namePrefixQuery(f, 1, prefix, order, from?.after, limit)}) b`,
    );
  }
  const after2 = from?.phase === 2 ? from.after : undefined;
  branches.push(sql`select 2 as phase, b.* from (${namePrefixQuery(f, 2, prefix, order, after2, limit)}) b`);
  const dir = sql.raw(order);
  return sql`select * from (${sql.join(
    branches.map((b) => sql`(${b})`),
    sql` union all `,
  )}) r order by r.phase, (case when r.phase = 1 then r."sortName" else r."searchName" end) collate "C" ${dir},
     r.id ${dir} limit ${limit}`;
}

export type FuzzyRow = SearchRow & { scoreText: string };

/**
 * Settings local to a duplicate check's transaction:
 * - no sequential scans: every lookup is built on an index, and with a LIMIT the planner otherwise bets on a
 *   sequential scan meeting enough matches early, which costs a full scan when matches are rare;
 * - no JIT compilation for these short queries;
 * - the commit of the read audit event does not wait for the disk (see auditedRead).
 */
export const searchSessionQuery = () =>
  sql`select set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true),
             set_config('synchronous_commit', 'off', true)`;

export type FuzzyAfter = { score: string; sortName: string; id: string };

/** A typed word is looked for among the name words most similar to it, at most this many. */
export const FUZZY_WORDS_PER_TOKEN = 50;

/** The dictionary words most similar to a typed word, best first. */
const wordsLike = (token: string) =>
  sql`select w.word from patient_name_words w where ${token} <% w.word
      order by word_similarity(${token}, w.word) desc, w.word limit ${FUZZY_WORDS_PER_TOKEN}`;

/**
 * Trigram match through the name dictionary: each token is matched against the distinct name words
 * (`<%`, word similarity at the connection's threshold, on a table far smaller than the patients), and a
 * patient must hold a matched word for every token (GIN on name_words). Candidates are gathered word by
 * word of the first token, most similar word first, until there are `candidates` of them; they are ranked
 * by the mean strict (whole-word) similarity of the tokens, averaged with the whole-name similarity, so
 * "jon" ranks John above Jonathan.
 */
export function fuzzyQuery(
  f: SearchFilters,
  text: string,
  tokens: string[],
  after: FuzzyAfter | undefined,
  limit: number,
  candidates: number,
): SQL {
  const [first, ...others] = tokens;
  const where = conditions(f);
  where.push(sql`p.name_words @> array[w.word]`);
  for (const t of others) where.push(sql`p.name_words && array(${wordsLike(t)})`);
  const tokenMean = sql.join(
    tokens.map((t) => sql`strict_word_similarity(${t}, c."searchName")`),
    sql` + `,
  );
  const score = sql`round(((((${tokenMean}) / ${tokens.length}) + similarity(${text}, c."searchName")) / 2)::numeric, 4)`;
  const keyset = after
    ? sql`where s.score < cast(${after.score} as numeric) or (s.score = cast(${after.score} as numeric)
           and (s."sortName" collate "C", s.id) > (cast(${after.sortName} as text), cast(${after.id} as uuid)))`
    : sql``;
  // A name holding two matched words of the first token is gathered twice: distinct on id.
  return sql`select s.*, s.score::text as "scoreText" from (
          select c.*, ${score} as score from (
            select distinct on (g.id) g.* from (
              select m.* from (${wordsLike(first!)}) w
              cross join lateral (select ${COLUMNS} from patients p ${whereOf(where)} limit ${candidates}) m
              limit ${candidates}) g
            order by g.id) c
        ) s ${keyset}
        order by s.score desc, s."sortName" collate "C", s.id limit ${limit}`;
}

export type DuplicateRow = SearchRow & { sameName: boolean; samePhone: boolean };

/** Unmerged patients with this normalised "family given" name and birth date, or one of these phones. */
export function findDuplicates(
  db: Executor,
  q: { familyGiven?: string | undefined; birthDate?: string | undefined; phones: string[] },
  limit: number,
): Promise<DuplicateRow[]> {
  const nameMatch =
    q.familyGiven && q.birthDate
      ? sql`(p.birth_date = ${q.birthDate}::date and (p.sort_name = ${q.familyGiven}
             or p.sort_name collate "C" like ${`${q.familyGiven} %`}))`
      : sql`false`;
  const phoneList = sql.join(
    q.phones.map((p) => sql`${p}`),
    sql`, `,
  );
  const phoneMatch = q.phones.length
    ? sql`(p.phone in (${phoneList}) or p.alt_phone in (${phoneList}))`
    : sql`false`;
  return queryRows<DuplicateRow>(
    db,
    sql`select ${COLUMNS}, ${nameMatch} as "sameName", ${phoneMatch} as "samePhone"
        from patients p
        where p.merged_into_id is null and (${nameMatch} or ${phoneMatch})
        order by p.sort_name collate "C", p.id limit ${limit}`,
  );
}
