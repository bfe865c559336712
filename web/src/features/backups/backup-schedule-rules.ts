import type { SystemSettings, SystemSettingsPatch } from '@carebase/contracts';
import { zonedInputToIso } from '../../lib/format.ts';
import { addDays, todayIn } from '../scheduling/time-off-model.ts';

export type BackupSettings = SystemSettings['backups'];
export type Retention = BackupSettings['retention'];
export type RetentionField = keyof Retention;

/** The most backup times a day the server takes. */
export const MAX_BACKUP_TIMES = 4;

/** Where each retention number may go (the same bounds as the contract). */
export const RETENTION_BOUNDS: Record<RetentionField, { min: number; max: number }> = {
  daily: { min: 1, max: 90 },
  weekly: { min: 0, max: 104 },
  monthly: { min: 0, max: 120 },
};

const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Offered in turn when a time is added: twice a day, then every six hours. */
const SUGGESTED_TIMES = ['02:00', '14:00', '08:00', '20:00'];

/** A time to fill a new row with: the first suggestion not taken yet, else the empty string. */
export function suggestedTime(times: readonly string[]): string {
  return SUGGESTED_TIMES.find((time) => !times.includes(time)) ?? '';
}

/** A time as typed, written as HH:MM when it reads as one (`7:30` → `07:30`, `1430` → `14:30`); else as typed. */
export function normalizeTime(typed: string): string {
  const match = /^(\d{1,2})[:.h]?(\d{2})$/.exec(typed.trim());
  if (!match) return typed.trim();
  const time = `${(match[1] ?? '').padStart(2, '0')}:${match[2]}`;
  return TIME_OF_DAY.test(time) ? time : typed.trim();
}

export type TimeProblem = 'required' | 'time' | 'duplicate';

/** What is wrong with each time, by its index: empty, not HH:MM, or a repeat of an earlier one. */
export function timeProblems(times: readonly string[]): Record<number, TimeProblem> {
  const problems: Record<number, TimeProblem> = {};
  times.forEach((time, index) => {
    if (time === '') problems[index] = 'required';
    else if (!TIME_OF_DAY.test(time)) problems[index] = 'time';
    else if (times.indexOf(time) < index) problems[index] = 'duplicate';
  });
  return problems;
}

/** The retention numbers that are not whole numbers (an emptied input holds NaN). */
export function retentionProblems(retention: Retention): RetentionField[] {
  return (Object.keys(RETENTION_BOUNDS) as RetentionField[]).filter(
    (field) => !Number.isInteger(retention[field]),
  );
}

/** The times in the order of the day (HH:MM sorts as text). */
export function inDayOrder(times: readonly string[]): string[] {
  return [...times].sort();
}

const sameTimes = (a: readonly string[], b: readonly string[]) => {
  const x = inDayOrder(a);
  const y = inDayOrder(b);
  return x.length === y.length && x.every((time, i) => time === y[i]);
};

const sameRetention = (a: Retention, b: Retention) =>
  a.daily === b.daily && a.weekly === b.weekly && a.monthly === b.monthly;

/**
 * The `backups` part of the PATCH body that turns `saved` into `draft`: the times (in the order of the day)
 * and the whole retention, each only when it changed. Null when nothing did.
 */
export function backupsPatch(
  saved: BackupSettings,
  draft: BackupSettings,
): SystemSettingsPatch['backups'] | null {
  const patch: NonNullable<SystemSettingsPatch['backups']> = {};
  if (!sameTimes(saved.times, draft.times)) patch.times = inDayOrder(draft.times);
  if (!sameRetention(saved.retention, draft.retention)) patch.retention = { ...draft.retention };
  return Object.keys(patch).length > 0 ? patch : null;
}

/**
 * When the next scheduled backup is due: the first of the times, today or tomorrow on the clinic's clock,
 * after `now`, as an ISO instant. Null when there are no times (scheduled backups are off).
 */
export function nextScheduledBackup(times: readonly string[], timeZone: string, now: Date): string | null {
  const today = todayIn(timeZone, now);
  let next: { at: number; iso: string } | null = null;
  for (const date of [today, addDays(today, 1)]) {
    for (const time of times) {
      if (!TIME_OF_DAY.test(time)) continue;
      const iso = zonedInputToIso(`${date}T${time}`, timeZone);
      const at = iso ? Date.parse(iso) : Number.NaN;
      if (iso && at > now.getTime() && (!next || at < next.at)) next = { at, iso };
    }
  }
  return next?.iso ?? null;
}

export type RetentionPeriod = { unit: 'days' | 'weeks' | 'months'; count: number };

/** The periods retention keeps one backup of, for the sentence that explains it; zero counts are left out. */
export function retentionPeriods(retention: Retention): RetentionPeriod[] {
  const periods: RetentionPeriod[] = [
    { unit: 'days', count: retention.daily },
    { unit: 'weeks', count: retention.weekly },
    { unit: 'months', count: retention.monthly },
  ];
  return periods.filter((period) => Number.isInteger(period.count) && period.count > 0);
}
