import { describe, expect, it } from 'vitest';
import {
  backupsPatch,
  nextScheduledBackup,
  normalizeTime,
  retentionPeriods,
  retentionProblems,
  suggestedTime,
  timeProblems,
} from './backup-schedule-rules.ts';

const SAVED = { times: ['02:00'], retention: { daily: 7, weekly: 4, monthly: 12 } };

describe('nextScheduledBackup', () => {
  it('is the first time still ahead today, on the clinic clock', () => {
    const now = new Date('2026-03-10T12:00:00Z'); // 06:00 in Mexico City (UTC-6)
    expect(nextScheduledBackup(['02:00', '14:00'], 'America/Mexico_City', now)).toBe(
      '2026-03-10T14:00:00-06:00',
    );
    expect(nextScheduledBackup(['14:00', '07:30'], 'UTC', now)).toBe('2026-03-10T14:00:00+00:00');
  });

  it('moves to tomorrow once every time of today has passed, also across a change of clocks', () => {
    // 8 March 2026 is the day New York moves to summer time: tomorrow's 02:00 is at UTC-4.
    const now = new Date('2026-03-08T05:00:00Z'); // 00:00 on the 8th in New York (UTC-5)
    expect(nextScheduledBackup(['00:00'], 'America/New_York', now)).toBe('2026-03-09T00:00:00-04:00');
    expect(nextScheduledBackup(['02:00'], 'UTC', new Date('2026-03-10T02:00:00Z'))).toBe(
      '2026-03-11T02:00:00+00:00',
    );
  });

  it('is null with no times (scheduled backups are off), ignoring a time being typed', () => {
    expect(nextScheduledBackup([], 'UTC', new Date())).toBeNull();
    expect(nextScheduledBackup(['2:0'], 'UTC', new Date())).toBeNull();
  });
});

describe('timeProblems', () => {
  it('names empty, malformed and repeated times by index', () => {
    expect(timeProblems(['02:00', '', '25:00', '02:00', '14:00'])).toEqual({
      1: 'required',
      2: 'time',
      3: 'duplicate',
    });
    expect(timeProblems([])).toEqual({});
  });
});

describe('normalizeTime', () => {
  it('writes what reads as a time of day as HH:MM, and leaves the rest as typed', () => {
    expect(normalizeTime(' 7:30 ')).toBe('07:30');
    expect(normalizeTime('1430')).toBe('14:30');
    expect(normalizeTime('02.00')).toBe('02:00');
    expect(normalizeTime('24:00')).toBe('24:00');
    expect(normalizeTime('noon')).toBe('noon');
  });
});

describe('suggestedTime', () => {
  it('offers the first suggestion not taken', () => {
    expect(suggestedTime([])).toBe('02:00');
    expect(suggestedTime(['02:00'])).toBe('14:00');
    expect(suggestedTime(['02:00', '14:00', '08:00', '20:00'])).toBe('');
  });
});

describe('backupsPatch', () => {
  it('is null when nothing changed, also when only the order of the times did', () => {
    expect(backupsPatch(SAVED, structuredClone(SAVED))).toBeNull();
    const two = { ...SAVED, times: ['14:00', '02:00'] };
    expect(backupsPatch(two, { ...SAVED, times: ['02:00', '14:00'] })).toBeNull();
  });

  it('sends the times in the order of the day and the whole retention, each only when changed', () => {
    expect(backupsPatch(SAVED, { ...SAVED, times: ['23:30', '02:00'] })).toEqual({
      times: ['02:00', '23:30'],
    });
    expect(backupsPatch(SAVED, { ...SAVED, times: [] })).toEqual({ times: [] });
    expect(backupsPatch(SAVED, { ...SAVED, retention: { daily: 14, weekly: 4, monthly: 12 } })).toEqual({
      retention: { daily: 14, weekly: 4, monthly: 12 },
    });
  });
});

describe('retention', () => {
  it('lists the periods kept, leaving out zeros', () => {
    expect(retentionPeriods({ daily: 7, weekly: 0, monthly: 12 })).toEqual([
      { unit: 'days', count: 7 },
      { unit: 'months', count: 12 },
    ]);
  });

  it('finds numbers that are not whole (an emptied input)', () => {
    expect(retentionProblems({ daily: Number.NaN, weekly: 4, monthly: 1.5 })).toEqual(['daily', 'monthly']);
    expect(retentionProblems(SAVED.retention)).toEqual([]);
  });
});
