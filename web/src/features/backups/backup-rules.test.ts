import type { Backup, BackupList } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import {
  ageParts,
  durationParts,
  formatShare,
  isBackupOverdue,
  progressInBytes,
  progressPercent,
  runningBackup,
  withStartedBackup,
} from './backup-rules.ts';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const hoursAgo = (hours: number) => new Date(NOW - hours * 3_600_000).toISOString();

function backup(id: string, status: Backup['status']): Backup {
  return {
    id,
    status,
    trigger: 'manual',
    destination: '/var/backups/carebase',
    key: id,
    startedAt: hoursAgo(1),
    finishedAt: null,
    durationMs: null,
    sizeBytes: null,
    databaseBytes: null,
    fileCount: null,
    filesCopied: null,
    encrypted: false,
    verifiedAt: null,
    verifyMs: null,
    error: null,
    progress: null,
    startedByName: null,
  };
}

describe('ageParts', () => {
  it('reads in the largest unit that fits', () => {
    expect(ageParts(hoursAgo(0), NOW)).toEqual({ unit: 'now', count: 0 });
    expect(ageParts(hoursAgo(0.5), NOW)).toEqual({ unit: 'minutes', count: 30 });
    expect(ageParts(hoursAgo(3.9), NOW)).toEqual({ unit: 'hours', count: 3 });
    expect(ageParts(hoursAgo(47), NOW)).toEqual({ unit: 'hours', count: 47 });
    expect(ageParts(hoursAgo(24 * 5 + 2), NOW)).toEqual({ unit: 'days', count: 5 });
  });

  it('treats a time slightly ahead of this clock as now', () => {
    expect(ageParts(hoursAgo(-0.01), NOW)).toEqual({ unit: 'now', count: 0 });
  });
});

describe('isBackupOverdue', () => {
  it('is overdue with no verified backup or one older than 26 hours', () => {
    expect(isBackupOverdue(null, NOW)).toBe(true);
    expect(isBackupOverdue(hoursAgo(26.01), NOW)).toBe(true);
    expect(isBackupOverdue(hoursAgo(25.9), NOW)).toBe(false);
    expect(isBackupOverdue('not a date', NOW)).toBe(true);
  });
});

describe('durationParts', () => {
  it('keeps one decimal under ten seconds, then whole units', () => {
    expect(durationParts(2_449)).toEqual({ unit: 'seconds', seconds: 2.4 });
    expect(durationParts(42_400)).toEqual({ unit: 'seconds', seconds: 42 });
    expect(durationParts(125_000)).toEqual({ unit: 'minutes', minutes: 2, seconds: 5 });
    expect(durationParts(3_600_000 + 17 * 60_000 + 40_000)).toEqual({ unit: 'hours', hours: 1, minutes: 17 });
    expect(durationParts(-5)).toEqual({ unit: 'seconds', seconds: 0 });
  });
});

describe('progress', () => {
  it('is a percentage of the phase, unknown while the total is', () => {
    expect(progressPercent({ phase: 'database', done: 25, total: 100 })).toBe(25);
    expect(progressPercent({ phase: 'files', done: 120, total: 100 })).toBe(100);
    expect(progressPercent({ phase: 'manifest', done: 0, total: 0 })).toBeNull();
  });

  it('counts bytes while copying and verifying, not while writing the manifest', () => {
    expect(progressInBytes('database')).toBe(true);
    expect(progressInBytes('files')).toBe(true);
    expect(progressInBytes('verify')).toBe(true);
    expect(progressInBytes('manifest')).toBe(false);
  });
});

describe('formatShare', () => {
  it('rounds to a whole percent in the language', () => {
    expect(formatShare(0.9667, 'en')).toBe('97%');
    expect(formatShare(1, 'es')).toMatch(/^100\s%$/);
  });
});

describe('the list after starting a backup', () => {
  const list: BackupList = {
    items: [backup('old', 'verified')],
    successRate: 1,
    lastVerifiedAt: hoursAgo(2),
    running: false,
  };

  it('puts the new backup on top and marks the list as running', () => {
    const next = withStartedBackup(list, backup('new', 'running'));
    expect(next?.items.map((item) => item.id)).toEqual(['new', 'old']);
    expect(next?.running).toBe(true);
    expect(runningBackup(next)?.id).toBe('new');
    expect(runningBackup(list)).toBeNull();
  });

  it('does not list a backup twice, and leaves an unloaded list alone', () => {
    const started = backup('new', 'running');
    const twice = withStartedBackup(withStartedBackup(list, started), started);
    expect(twice?.items.map((item) => item.id)).toEqual(['new', 'old']);
    expect(withStartedBackup(undefined, started)).toBeUndefined();
  });
});
