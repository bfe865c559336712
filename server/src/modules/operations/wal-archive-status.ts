import fs from 'node:fs/promises';
import path from 'node:path';
import type { ApplicationHealth } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { queryRows } from '../../platform/db/database.ts';
import { walFolder } from '../../platform/db/wal-receiver.ts';

async function newestWrite(dir: string): Promise<Date | null> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  let newest: Date | null = null;
  for (const name of names) {
    const stat = await fs.stat(path.join(dir, name)).catch(() => null);
    if (stat?.isFile() && (!newest || stat.mtime > newest)) newest = stat.mtime;
  }
  return newest;
}

/** Whether the WAL archive is being fed: its slot read now, how far behind, and when it last grew. */
export async function walArchiveStatus(ctx: AppContext): Promise<ApplicationHealth['walArchive']> {
  if (!ctx.config.backupWal || ctx.database.kind !== 'postgres') return null;
  const slot = ctx.config.backupWalSlot;
  const [row] = await queryRows<{ active: boolean; lag: string | null }>(
    ctx.db,
    sql`SELECT active, pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::text AS lag
        FROM pg_replication_slots WHERE slot_name = ${slot}`,
  ).catch(() => []);
  const written = await newestWrite(walFolder(ctx.config.backupUrl));
  return {
    slot,
    receiving: row?.active ?? false,
    lagBytes: row?.lag === null || row?.lag === undefined ? null : Number(row.lag),
    lastWrittenAt: written?.toISOString() ?? null,
  };
}
