import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../db/database.ts';

/** Bytes the current database takes on disk, or null when the engine cannot say. */
export async function databaseSize(ex: Executor): Promise<number | null> {
  try {
    const [row] = await queryRows<{ size: string }>(
      ex,
      sql`SELECT pg_database_size(current_database())::text AS size`,
    );
    return row ? Number(row.size) : null;
  } catch {
    return null;
  }
}
