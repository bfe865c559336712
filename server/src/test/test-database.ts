import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { Database } from '../platform/db/database.ts';
import { openPglite } from '../platform/db/pglite.ts';
import { openPostgres } from '../platform/db/postgres.ts';

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** A database of its own for one test file: PGlite from the migrated dump, or a PostgreSQL copy of the template. */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const bytes = fs.readFileSync(inject('pgliteTemplate'));
    return openPglite({ from: new Blob([bytes]) });
  }
  const template = inject('postgresTemplate');
  const name = `carebase_t${randomBytes(4).toString('hex')}_${process.ppid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openPostgres(u.toString(), 5);
  return {
    ...database,
    url: u.toString(),
    async close() {
      await database.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
