import path from 'node:path';
import type { Config } from '../../config.ts';
import type { Database } from './database.ts';

/** Each driver loads only when used: node-postgres alone takes a fifth of a second to load. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'dataDir'>,
): Promise<Database> {
  if (config.databaseUrl) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(config.databaseUrl, config.databasePoolSize);
  }
  const { openPglite } = await import('./pglite.ts');
  return openPglite({ dataDir: path.resolve(config.dataDir) });
}
