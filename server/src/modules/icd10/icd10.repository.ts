import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { icd10Codes } from './icd10.schema.ts';
import { foldText, type Icd10Entry } from './icd10-file.ts';

export type Icd10Row = { code: string; description: string; billable: boolean };

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const columns = { code: icd10Codes.code, description: icd10Codes.description, billable: icd10Codes.billable };

/** How alike a misspelt query must be to a description's words (pg_trgm's default of 0.6 misses "cholra"). */
const FUZZY_THRESHOLD = '0.5';

/**
 * Ranked in stages, each a query its own index answers, later stages only while places remain: the exact code,
 * codes starting with the query (btree), descriptions holding every word, shortest first (trigram GIN), then
 * descriptions merely similar to the query, so "respiratry" still finds "respiratory" (trigram word similarity).
 */
export async function searchIcd10(
  db: Executor,
  q: { code: string | null; words: string[]; folded: string; limit: number },
): Promise<Icd10Row[]> {
  const t = icd10Codes;
  const found = new Map<string, Icd10Row>();
  const add = (rows: Icd10Row[]) => {
    for (const r of rows) if (found.size < q.limit && !found.has(r.code)) found.set(r.code, r);
  };
  const room = () => q.limit - found.size;
  if (q.code) {
    add(await db.select(columns).from(t).where(eq(t.code, q.code)));
    add(
      await db
        .select(columns)
        .from(t)
        .where(like(t.code, `${escapeLike(q.code)}%`))
        .orderBy(sql`length(${t.code})`, t.code)
        .limit(q.limit),
    );
  }
  if (room() > 0 && q.words.length) {
    const [first] = q.words;
    add(
      await db
        .select(columns)
        .from(t)
        .where(and(...q.words.map((w) => like(t.searchText, `%${escapeLike(w)}%`))))
        .orderBy(
          sql`${t.searchText} like ${`${escapeLike(first ?? '')}%`} desc`,
          sql`length(${t.searchText})`,
          t.code,
        )
        .limit(q.limit + found.size),
    );
  }
  // A query shaped like a code wants codes: no guessing at similar words.
  if (room() > 0 && !q.code) {
    const rows = await inTransaction(db, async (tx) => {
      await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${FUZZY_THRESHOLD}, true)`);
      return tx
        .select(columns)
        .from(t)
        .where(sql`${q.folded} <% ${t.searchText}`)
        .orderBy(sql`word_similarity(${q.folded}, ${t.searchText}) desc`, t.code)
        .limit(q.limit + found.size);
    });
    add(rows);
  }
  return [...found.values()];
}

export async function findIcd10(db: Executor, codes: string[]): Promise<Icd10Row[]> {
  if (codes.length === 0) return [];
  return db.select(columns).from(icd10Codes).where(inArray(icd10Codes.code, codes));
}

export async function hasAnyIcd10(db: Executor): Promise<boolean> {
  const rows = await db.select({ code: icd10Codes.code }).from(icd10Codes).limit(1);
  return rows.length > 0;
}

/** Inserts or updates the entries (unique codes); answers how many were new. */
export async function upsertIcd10(
  db: Executor,
  entries: Icd10Entry[],
  opts: { keepExisting?: boolean } = {},
): Promise<{ inserted: number; updated: number }> {
  if (entries.length === 0) return { inserted: 0, updated: 0 };
  const values = entries.map((e) => ({ ...e, searchText: foldText(e.description) }));
  const insert = db.insert(icd10Codes).values(values);
  const query = opts.keepExisting
    ? insert.onConflictDoNothing()
    : insert.onConflictDoUpdate({
        target: icd10Codes.code,
        set: {
          description: sql`excluded.description`,
          searchText: sql`excluded.search_text`,
          billable: sql`excluded.billable`,
          updatedAt: sql`now()`,
        },
      });
  // xmax = 0 on a row this statement inserted; an updated row carries the updating transaction's id.
  const rows = await query.returning({ inserted: sql<boolean>`(xmax = 0)` });
  const inserted = rows.filter((r) => r.inserted === true || String(r.inserted) === 'true').length;
  return { inserted, updated: rows.length - inserted };
}

/** Fresh planner statistics after a bulk import, so searches use the indexes from the first query on. */
export async function analyzeIcd10(db: Executor): Promise<void> {
  await db.execute(sql`analyze icd10_codes`);
}
