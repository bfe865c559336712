import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { icd10Codes } from './icd10.schema.ts';
import { type Icd10Record, SEARCH_TEXT_SEPARATOR, searchTextOf } from './icd10-file.ts';

export type Icd10Row = { code: string; description: string; descriptionEs: string | null; billable: boolean };

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const columns = {
  code: icd10Codes.code,
  description: icd10Codes.description,
  descriptionEs: icd10Codes.descriptionEs,
  billable: icd10Codes.billable,
};

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
    const first = `${escapeLike(q.words[0] ?? '')}%`;
    add(
      await db
        .select(columns)
        .from(t)
        .where(and(...q.words.map((w) => like(t.searchText, `%${escapeLike(w)}%`))))
        .orderBy(
          // Starting with the first word, in either language.
          sql`(${t.searchText} like ${first} or ${t.searchText} like ${`%${SEARCH_TEXT_SEPARATOR}${first}`}) desc`,
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
  entries: Icd10Record[],
  opts: { keepExisting?: boolean } = {},
): Promise<{ inserted: number; updated: number }> {
  if (entries.length === 0) return { inserted: 0, updated: 0 };
  const values = entries.map((e) => ({ ...e, searchText: searchTextOf(e.description, e.descriptionEs) }));
  const insert = db.insert(icd10Codes).values(values);
  const query = opts.keepExisting
    ? insert.onConflictDoNothing()
    : insert.onConflictDoUpdate({
        target: icd10Codes.code,
        set: {
          description: sql`excluded.description`,
          descriptionEs: sql`excluded.description_es`,
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

export type Icd10Spanish = { code: string; descriptionEs: string; searchText: string };

/** Sets the Spanish wording and the search text of existing codes; codes not in the table are left out. */
export async function setIcd10Spanish(db: Executor, rows: Icd10Spanish[]): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map((r) => sql`(${r.code}, ${r.descriptionEs}, ${r.searchText})`),
    sql`, `,
  );
  await db.execute(sql`
    update icd10_codes as t
    set description_es = v.description_es, search_text = v.search_text, updated_at = now()
    from (values ${values}) as v(code, description_es, search_text)
    where t.code = v.code`);
}

/** Fresh planner statistics after a bulk import, so searches use the indexes from the first query on. */
export async function analyzeIcd10(db: Executor): Promise<void> {
  await db.execute(sql`analyze icd10_codes`);
}
