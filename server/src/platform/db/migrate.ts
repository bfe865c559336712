import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { type Database, queryRows } from './database.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

export async function runMigrations(database: Database, folder = MIGRATIONS_DIR): Promise<void> {
  const opts = { migrationsFolder: folder };
  if (database.kind === 'pglite') await migratePglite(database.db as unknown as PgliteDatabase, opts);
  else await migrateNodePg(database.db as unknown as NodePgDatabase, opts);
}

/** Migrations of this build not yet applied, with their SQL (none on a database never migrated: it is new). */
export async function pendingMigrations(
  database: Database,
  folder = MIGRATIONS_DIR,
): Promise<{ tag: string; sql: string }[]> {
  const exists = await queryRows<{ t: string | null }>(
    database.db,
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`,
  );
  if (!exists[0]?.t) return [];
  const { applied } = await migrationLevel(database);
  return journalTags(folder)
    .slice(applied)
    .map((tag) => ({ tag, sql: fs.readFileSync(path.join(folder, `${tag}.sql`), 'utf8') }));
}

function journalTags(folder = MIGRATIONS_DIR): string[] {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.map((e) => e.tag);
}

/** How many migrations this build knows (its journal). */
export function knownMigrationCount(): number {
  return journalTags().length;
}

/** How many migrations the database has, and the name of the last (as this build's journal names it). */
export async function migrationLevel(database: Database): Promise<{ applied: number; last: string | null }> {
  const rows = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  const applied = Number(rows[0]?.n ?? 0);
  return { applied, last: journalTags()[applied - 1] ?? null };
}

/** For /readyz: every committed migration has been applied. */
export async function migrationsApplied(database: Database): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  const n = Number(rows[0]?.n ?? 0);
  return n >= knownMigrationCount();
}
