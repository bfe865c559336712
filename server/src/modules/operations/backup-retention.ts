import type { SystemSettings } from '@carebase/contracts';
import { localDateOf } from '../scheduling/zoned-time.ts';

export type Retention = SystemSettings['backups']['retention'];
type Dated = { id: string; startedAt: Date };

/** The ISO week of a local date (`2026-W49`): weeks start on Monday, and belong to the year of their Thursday. */
export function isoWeekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - weekday + 3);
  const dayOfYear = (d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000;
  const week = Math.floor(dayOfYear / 7) + 1;
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Which verified backups to keep (grandfather-father-son): the newest of each of the last `daily` days that
 * have one, of the last `weekly` weeks and of the last `monthly` months, in the clinic's time zone. The
 * newest backup is always kept.
 */
export function backupsToKeep(
  backups: readonly Dated[],
  retention: Retention,
  timeZone: string,
): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  const keep = new Set<string>();
  const [newest] = newestFirst;
  if (newest) keep.add(newest.id);
  const pick = (bucketOf: (date: string) => string, count: number) => {
    const seen = new Set<string>();
    for (const b of newestFirst) {
      if (seen.size >= count) break;
      const bucket = bucketOf(localDateOf(b.startedAt, timeZone));
      if (seen.has(bucket)) continue;
      seen.add(bucket);
      keep.add(b.id);
    }
  };
  pick((date) => date, retention.daily);
  pick(isoWeekOf, retention.weekly);
  pick((date) => date.slice(0, 7), retention.monthly);
  return keep;
}
