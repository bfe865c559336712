import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../server/src/platform/db/database.ts';

type Sample = { mrn: string; phone: string | null; given: string; family: string };

/** A typo a person makes: one inner letter dropped, doubled, swapped with its neighbour, or replaced. */
function typo(word: string, seed: number): string {
  if (word.length < 4) return word;
  const i = 1 + (seed % (word.length - 2));
  switch (seed % 4) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i);
    case 2:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    default:
      return `${word.slice(0, i)}${word[i] === 'e' ? 'a' : 'e'}${word.slice(i + 1)}`;
  }
}

const first = (words: string) => words.split(' ')[0]!;

/** Request paths for each scenario, from real rows of the generated data (normalised names). */
export async function scenarioPaths(db: Executor, count: number) {
  const rows = await queryRows<Sample>(
    db,
    sql`select mrn, phone, split_part(search_name, ' ', 1) as given, split_part(sort_name, ' ', 1) as family
        from patients tablesample bernoulli (1) repeatable (42) where phone is not null limit ${count}`,
  );
  const q = (s: string) => `/api/patients?q=${encodeURIComponent(s)}`;
  return {
    mrn: rows.map((r) => q(r.mrn)),
    // What a receptionist types: the start of a family name, or a given name and the start of a family name.
    prefix: rows.map((r, i) =>
      i % 2 ? q(r.family.slice(0, 3 + (i % 3))) : q(`${r.given} ${r.family.slice(0, 2 + (i % 3))}`),
    ),
    // A misspelt "given family", or a misspelt family name alone.
    fuzzy: rows.map((r, i) => {
      const text =
        i % 3 === 2 ? typo(first(r.family), i) : `${typo(r.given, i)} ${typo(first(r.family), i + 1)}`;
      return `/api/patients?match=fuzzy&name=${encodeURIComponent(text)}`;
    }),
    // Typed the way people say it locally: (201) 555-0123.
    phone: rows.map((r) => {
      const d = r.phone!.slice(2);
      return q(`(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`);
    }),
  };
}
