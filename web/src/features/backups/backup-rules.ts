import type { Backup, BackupList, BackupProgress } from '@carebase/contracts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A daily backup with two hours of slack: older than this, the last verified backup is overdue. */
export const OVERDUE_AFTER_MS = 26 * HOUR_MS;

export type AgeParts = { unit: 'now' | 'minutes' | 'hours' | 'days'; count: number };

/** How long ago, for "3 h ago": minutes under an hour, hours under two days, days after that. */
export function ageParts(sinceIso: string, now: number): AgeParts {
  const ms = Math.max(0, now - Date.parse(sinceIso));
  if (ms < MINUTE_MS) return { unit: 'now', count: 0 };
  if (ms < HOUR_MS) return { unit: 'minutes', count: Math.floor(ms / MINUTE_MS) };
  if (ms < 2 * DAY_MS) return { unit: 'hours', count: Math.floor(ms / HOUR_MS) };
  return { unit: 'days', count: Math.floor(ms / DAY_MS) };
}

/** True when no backup was ever verified, or the last one is older than OVERDUE_AFTER_MS. */
export function isBackupOverdue(lastVerifiedAt: string | null, now: number): boolean {
  if (!lastVerifiedAt) return true;
  const at = Date.parse(lastVerifiedAt);
  return Number.isNaN(at) || now - at > OVERDUE_AFTER_MS;
}

export type DurationParts =
  | { unit: 'hours'; hours: number; minutes: number }
  | { unit: 'minutes'; minutes: number; seconds: number }
  | { unit: 'seconds'; seconds: number };

/** A duration in the two largest units that matter; under 10 s with one decimal (`2.4 s`). */
export function durationParts(ms: number): DurationParts {
  const safe = Math.max(0, ms);
  if (safe < 10_000) return { unit: 'seconds', seconds: Math.round(safe / 100) / 10 };
  const totalSeconds = Math.round(safe / 1000);
  if (totalSeconds < 3600)
    return totalSeconds < 60
      ? { unit: 'seconds', seconds: totalSeconds }
      : { unit: 'minutes', minutes: Math.floor(totalSeconds / 60), seconds: totalSeconds % 60 };
  return {
    unit: 'hours',
    hours: Math.floor(totalSeconds / 3600),
    minutes: Math.floor(totalSeconds / 60) % 60,
  };
}

/** The share of the current phase done, 0..100; null while its total is not known yet. */
export function progressPercent(progress: BackupProgress): number | null {
  if (progress.total <= 0) return null;
  return Math.min(100, Math.max(0, (progress.done / progress.total) * 100));
}

/** The phases whose progress counts bytes (copying and verifying); writing the manifest is a single step. */
export function progressInBytes(phase: BackupProgress['phase']): boolean {
  return phase !== 'manifest';
}

/** `0.9667` → `97%` (`97 %` in Spanish). */
export function formatShare(share: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/**
 * The list as it is once the server accepted a new backup, before the next refresh arrives: the backup on top
 * and the list marked as running, so the button is disabled at once.
 */
export function withStartedBackup(list: BackupList | undefined, backup: Backup): BackupList | undefined {
  if (!list) return list;
  return {
    ...list,
    running: list.running || backup.status === 'running',
    items: [backup, ...list.items.filter((item) => item.id !== backup.id)],
  };
}

/** The running backup of the list, if any (the list is newest first, so it is near the top). */
export function runningBackup(list: BackupList | undefined): Backup | null {
  return list?.items.find((item) => item.status === 'running') ?? null;
}
