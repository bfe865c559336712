import type { AppContext } from '../../app-context.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.writer.ts';
import { AppError } from '../../platform/errors.ts';
import { addDays, localDateOf, zonedToUtc } from '../scheduling/zoned-time.ts';
import { latestStartedAt } from './backups.repository.ts';
import { startBackup } from './backups.service.ts';

export const BACKUP_SCHEDULE = 'backups.scheduled';

/** The latest of the day's backup times (clinic time, HH:MM) that has passed, looking back to yesterday. */
export function latestDueTime(times: readonly string[], timeZone: string, now: Date): Date | null {
  const today = localDateOf(now, timeZone);
  let latest: Date | null = null;
  for (const date of [addDays(today, -1), today]) {
    for (const time of times) {
      const [h = 0, m = 0] = time.split(':').map(Number);
      const at = zonedToUtc(date, h * 60 + m, timeZone);
      if (at.getTime() <= now.getTime() && (!latest || at > latest)) latest = at;
    }
  }
  return latest;
}

/**
 * Every minute: takes the backup whose time has come, unless one was started since that time. A clinic with no
 * backup yet gets its first at the first scheduled time after this start, not at once.
 */
export function scheduleBackups(ctx: AppContext): void {
  const startedAt = new Date();
  ctx.jobs.every(BACKUP_SCHEDULE, 60_000, async () => {
    const { settings } = await ctx.settings.get(ctx.db);
    const due = latestDueTime(settings.backups.times, settings.timeZone, new Date());
    if (!due) return;
    const last = (await latestStartedAt(ctx.db)) ?? startedAt;
    if (last >= due) return;
    try {
      const started = await startBackup(ctx, SYSTEM_ACTOR, 'scheduled');
      const done = await started.finished;
      if (done.status === 'failed') throw new Error(`the scheduled backup failed: ${done.error}`);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') return;
      throw err;
    }
  });
}
