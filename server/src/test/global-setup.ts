import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureBuiltInRoles } from '../modules/roles/roles.service.ts';
import { runMigrations } from '../platform/db/migrate.ts';
import { dumpPglite, openPglite } from '../platform/db/pglite.ts';
import { openPostgres } from '../platform/db/postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: a dumped data directory with every migration applied. */
    pgliteTemplate: string;
    /** PostgreSQL: the name of a migrated template database on TEST_DATABASE_URL. */
    postgresTemplate: string;
  }
}

/** Migrates once; every test file then starts from a copy, so files are isolated and fast. */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `carebase_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openPostgres(u.toString(), 2);
    await runMigrations(database);
    await ensureBuiltInRoles(database.db);
    await database.close();
    project.provide('postgresTemplate', name);
    project.provide('pgliteTemplate', '');
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'carebase_t%_${process.pid}%' or datname = $1`,
        [name],
      );
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.end();
    };
  }
  const database = await openPglite({});
  await runMigrations(database);
  await ensureBuiltInRoles(database.db);
  const blob = await dumpPglite(database);
  await database.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-tpl-')), 'template.tar');
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
