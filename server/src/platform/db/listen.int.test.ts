import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, onPostgres } from '../../test/test-database.ts';
import type { Database } from './database.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

it('delivers a NOTIFY after commit only, and keeps delivering after the listening connection is cut', async () => {
  const got: string[] = [];
  await database.listen('listen_test', (p) => got.push(p));
  await database.db
    .transaction(async (tx) => {
      await tx.execute(sql`select pg_notify('listen_test', 'rolled-back')`);
      throw new Error('roll back');
    })
    .catch(() => {});
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_notify('listen_test', 'committed')`);
  });
  await waitFor(() => got.includes('committed'));
  expect(got).not.toContain('rolled-back');

  if (onPostgres) {
    // What a PostgreSQL restart or a network cut does to the listening connection.
    await database.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity where query like 'LISTEN%' and datname = current_database()`,
    );
    const deadline = Date.now() + 10_000;
    while (!got.includes('after-cut')) {
      if (Date.now() > deadline) throw new Error('no delivery after the listening connection was cut');
      await database.db.execute(sql`select pg_notify('listen_test', 'after-cut')`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  expect(got).toContain('committed');
});
