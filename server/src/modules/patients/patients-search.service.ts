import {
  DATE_PATTERN,
  isRealDate,
  type PatientPage,
  type PatientSearchQuery,
  type PatientSummary,
} from '@carebase/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import type { ActorContext } from '../../platform/audit/audit.writer.ts';
import { auditedRead } from '../../platform/audit/audited-read.ts';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { CURSOR_VALUE_PATTERNS, decodeCursor, encodeCursor, type PageCursor } from './patient-cursor.ts';
import { normalizeName } from './patient-names.ts';
import { looksLikePhone, searchPhoneOf } from './patient-phones.ts';
import { toSummary } from './patients.mapper.ts';
import * as repo from './patients-search.repository.ts';

/** Fuzzy matching ranks at most this many candidates: bounded work however common the name is. */
export const FUZZY_CANDIDATES = 500;
const FUZZY_MAX_WORDS = 4;

/** SQLSTATE class 22 (data exception), as both drivers report it, possibly wrapped by drizzle. */
function dataException(err: unknown): boolean {
  for (let e = err, depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('22')) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

export type Plan =
  | { mode: 'plain'; sort: repo.KeysetSort; prefix?: string }
  | { mode: 'phased'; prefix: string }
  | { mode: 'fuzzy'; text: string; tokens: string[] };

type Region = () => Promise<string>;

function addPhone(filters: repo.SearchFilters, phone: string, region: string): void {
  const e164 = searchPhoneOf(phone, region);
  if (!e164) throw fieldError('query.phone', 'is not a phone number');
  filters.idSets.push(repo.phoneIds(e164));
}

/** The search box: a birth date, an MRN/identifier (or phone), or else a name. Returns the name, if any. */
async function classifyQ(
  q: string,
  filters: repo.SearchFilters,
  region: Region,
): Promise<string | undefined> {
  if (DATE_PATTERN.test(q)) {
    // The query schema refuses these already; a caller that skipped it must not reach the date cast in SQL.
    if (!isRealDate(q)) throw fieldError('query.q', 'looks like a date but is not a real calendar date');
    // Two different birth dates asked for at once: nothing can match.
    if (filters.birthDate && filters.birthDate !== q) filters.idSets.push(sql`select null::uuid where false`);
    filters.birthDate = q;
    return undefined;
  }
  if (/\d/.test(q)) {
    const upper = q.toUpperCase();
    const sets = [repo.mrnIds([...new Set([q, upper])]), repo.identifierIds(upper)];
    const e164 = looksLikePhone(q) ? searchPhoneOf(q, await region()) : null;
    if (e164) sets.push(repo.phoneIds(e164));
    filters.idSets.push(repo.anyOfIds(sets));
    return undefined;
  }
  return q;
}

function nameOf(raw: string, path: string): string {
  const name = normalizeName(raw);
  if (!name) throw fieldError(path, 'must contain letters or digits');
  return name;
}

async function planOf(query: PatientSearchQuery, filters: repo.SearchFilters, region: Region): Promise<Plan> {
  if (query.mrn) filters.idSets.push(repo.mrnIds([...new Set([query.mrn, query.mrn.toUpperCase()])]));
  if (query.identifier)
    filters.idSets.push(repo.identifierIds(query.identifier.toUpperCase(), query.identifierType));
  if (query.phone) addPhone(filters, query.phone, await region());
  const qName = query.q ? await classifyQ(query.q, filters, region) : undefined;
  if (qName && query.name) throw fieldError('query.q', 'give a name either as q or as name, not both');
  const raw = query.name ?? qName;
  const name = raw === undefined ? undefined : nameOf(raw, query.name ? 'query.name' : 'query.q');
  if (name && query.match === 'fuzzy') {
    if (query.sort && query.sort !== 'relevance')
      throw fieldError('query.sort', 'fuzzy name searches are ordered by relevance');
    // Words of one or two letters have one or two trigrams, which half the names share: they would make the
    // index scan read most of the index. They still count in the whole-name part of the score.
    const words = name.split(' ');
    const long = words.filter((w) => w.length > 2);
    return { mode: 'fuzzy', text: name, tokens: (long.length ? long : words).slice(0, FUZZY_MAX_WORDS) };
  }
  const sort = !query.sort || query.sort === 'relevance' ? 'name' : query.sort;
  if (name && sort === 'name') return { mode: 'phased', prefix: name };
  return name ? { mode: 'plain', sort, prefix: name } : { mode: 'plain', sort };
}

export type Found = { rows: (repo.SearchRow & { score?: number })[]; next: PageCursor | null };

/** A search page as one query, and how to turn its rows (up to limit + 1) into the page and its next cursor. */
export function pageQueryOf(
  plan: Plan,
  filters: repo.SearchFilters,
  query: PatientSearchQuery,
  cursor: PageCursor | undefined,
): { read: SQL; page: (rows: repo.SearchRow[]) => Found } {
  const { limit, order } = query;
  const cut = <R>(rows: R[]) => ({
    rows: rows.slice(0, limit),
    last: rows.length > limit ? rows[limit - 1] : undefined,
  });
  if (plan.mode === 'plain') {
    const after = cursor && { value: cursor.v, id: cursor.id };
    const keyOf = { name: 'sortName', birthDate: 'birthDate', createdAt: 'createdKey', mrn: 'mrn' } as const;
    return {
      read: repo.listQuery(filters, plan.sort, order, after, limit + 1, plan.prefix),
      page(all) {
        const { rows, last } = cut(all);
        return { rows, next: last ? { v: last[keyOf[plan.sort]], id: last.id } : null };
      },
    };
  }
  if (plan.mode === 'phased') {
    const from = cursor && { phase: cursor.p ?? 1, after: { value: cursor.v, id: cursor.id } };
    return {
      read: repo.namePhasesQuery(filters, plan.prefix, order, from, limit + 1),
      page(all) {
        const { rows, last } = cut(all as repo.PhasedRow[]);
        const next = last && {
          p: last.phase === 1 ? (1 as const) : (2 as const),
          v: last.phase === 1 ? last.sortName : last.searchName,
          id: last.id,
        };
        return { rows, next: next ?? null };
      },
    };
  }
  const after = cursor && { score: cursor.v, sortName: cursor.n ?? '', id: cursor.id };
  return {
    read: repo.fuzzyQuery(filters, plan.text, plan.tokens, after, limit + 1, FUZZY_CANDIDATES),
    page(all) {
      const { rows, last } = cut(all as repo.FuzzyRow[]);
      return {
        rows: rows.map((r) => ({ ...r, score: Number(r.scoreText) })),
        next: last ? { v: last.scoreText, n: last.sortName, id: last.id } : null,
      };
    },
  };
}

/** One page of a search, without an audit event (the caller audits what it does with the rows). */
export async function runPlan(
  db: Executor,
  plan: Plan,
  filters: repo.SearchFilters,
  query: PatientSearchQuery,
  cursor: PageCursor | undefined,
): Promise<Found> {
  const { read, page } = pageQueryOf(plan, filters, query, cursor);
  return page(await queryRows<repo.SearchRow>(db, read));
}

/** Checks a search's filters (a 400 naming the field) and chooses how to run it, before any row is read. */
export async function planSearch(
  ctx: AppContext,
  query: PatientSearchQuery,
): Promise<{ plan: Plan; filters: repo.SearchFilters }> {
  let region: string | undefined;
  const regionOf: Region = async () => {
    region ??= (await ctx.settings.get(ctx.db)).settings.defaultPhoneRegion;
    return region;
  };
  const filters: repo.SearchFilters = {
    idSets: [],
    birthDate: query.birthDate,
    birthDateFrom: query.birthDateFrom,
    birthDateTo: query.birthDateTo,
    sex: query.sex,
    includeMerged: query.includeMerged,
  };
  return { plan: await planOf(query, filters, regionOf), filters };
}

/**
 * Staff search (patients:read; the patient role cannot search). Audited as one event naming the
 * patients returned.
 */
export async function searchPatients(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
  query: PatientSearchQuery,
): Promise<PatientPage> {
  if (!principal.permissions.includes('patients:read'))
    throw new AppError('forbidden', 'This needs the patients:read permission.');
  const { plan, filters } = await planSearch(ctx, query);
  const kind = `${plan.mode}:${plan.mode === 'plain' ? plan.sort : plan.mode}:${query.order}`;
  const pattern = CURSOR_VALUE_PATTERNS[plan.mode === 'plain' ? plan.sort : plan.mode];
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, kind, pattern);
  const { read, page } = pageQueryOf(plan, filters, query, cursor);
  // The search and its audit event (naming the patients returned) are one statement: one round trip.
  const found = await auditedRead<repo.SearchRow>(ctx.db, actor, read, {
    action: 'patient.search',
    resourceType: 'patient',
    details: { query: { ...query, cursor: undefined } },
    ids: { key: 'patientIds', listed: query.limit },
    // Exact lookups and fuzzy matches plan alike whatever the values; a name prefix needs its own plan.
    prepare: plan.mode === 'fuzzy' || (plan.mode === 'plain' && !plan.prefix && filters.idSets.length > 0),
  })
    .then(page)
    .catch((err: unknown) => {
      // A cursor value that passed its pattern but is no real date or time (2021-02-31) fails its cast in SQL.
      if (cursor && dataException(err)) throw fieldError('query.cursor', 'is not a cursor this API returned');
      throw err;
    });
  const items: PatientSummary[] = found.rows.map((r) =>
    r.score === undefined ? toSummary(r) : { ...toSummary(r), score: r.score },
  );
  return { items, nextCursor: found.next ? encodeCursor(kind, found.next) : null };
}
