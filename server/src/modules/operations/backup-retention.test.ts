import { describe, expect, it } from 'vitest';
import { backupsToKeep, isoWeekOf } from './backup-retention.ts';

const at = (iso: string, id = iso) => ({ id, startedAt: new Date(iso) });

describe('isoWeekOf', () => {
  it('numbers weeks from Monday, in the year of their Thursday', () => {
    expect(isoWeekOf('2026-12-07')).toBe('2026-W50');
    expect(isoWeekOf('2026-12-06')).toBe('2026-W49');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });
});

describe('backupsToKeep', () => {
  it('keeps the newest of each day, week and month asked for, and nothing else', () => {
    // Two backups a day for 100 days.
    const all = [];
    for (let d = 0; d < 100; d++) {
      const day = new Date(Date.UTC(2026, 8, 1) + d * 86_400_000).toISOString().slice(0, 10);
      all.push(at(`${day}T02:00:00Z`), at(`${day}T14:00:00Z`));
    }
    const keep = backupsToKeep(all, { daily: 7, weekly: 4, monthly: 3 }, 'UTC');
    const kept = [...keep].sort();
    // 7 days (the 14:00 of each), 4 weeks' newest (Sundays, one of them also a day kept), 3 months' newest.
    expect(kept.filter((k) => k >= '2026-12-03')).toEqual([
      '2026-12-03T14:00:00Z',
      '2026-12-04T14:00:00Z',
      '2026-12-05T14:00:00Z',
      '2026-12-06T14:00:00Z',
      '2026-12-07T14:00:00Z',
      '2026-12-08T14:00:00Z',
      '2026-12-09T14:00:00Z',
    ]);
    expect(kept).toContain('2026-11-29T14:00:00Z');
    expect(kept).toContain('2026-11-22T14:00:00Z');
    expect(kept).toContain('2026-11-30T14:00:00Z');
    expect(kept).toContain('2026-10-31T14:00:00Z');
    expect(kept.length).toBe(7 + 2 + 2);
  });

  it('counts days in the clinic time zone, and always keeps the newest', () => {
    const late = at('2026-12-07T05:30:00Z', 'late');
    const early = at('2026-12-07T04:30:00Z', 'early');
    // In Mexico City both fall on 6 December (UTC-6): only the later one is that day's.
    expect([
      ...backupsToKeep([late, early], { daily: 1, weekly: 0, monthly: 0 }, 'America/Mexico_City'),
    ]).toEqual(['late']);
    expect(backupsToKeep([], { daily: 1, weekly: 0, monthly: 0 }, 'UTC').size).toBe(0);
  });
});
