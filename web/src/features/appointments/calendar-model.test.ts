import { describe, expect, it } from 'vitest';
import {
  addDays,
  assignLanes,
  hourBounds,
  localToIso,
  minutesAt,
  mondayOf,
  nextChoice,
  rangeOf,
  shownOwners,
  spanOnDate,
  viewDates,
  wallClock,
} from './calendar-model.ts';

const NY = 'America/New_York';

describe('calendar dates', () => {
  it('weeks run Monday to Sunday', () => {
    expect(mondayOf('2026-03-08')).toBe('2026-03-02'); // a Sunday
    expect(mondayOf('2026-03-09')).toBe('2026-03-09');
    expect(viewDates('week', '2026-03-11')).toEqual([
      '2026-03-09',
      '2026-03-10',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
      '2026-03-14',
      '2026-03-15',
    ]);
    expect(viewDates('day', '2026-03-11')).toEqual(['2026-03-11']);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });

  it('a range of local days is whole days in the zone, also across DST', () => {
    expect(rangeOf(['2026-03-08'], NY)).toEqual({
      from: '2026-03-08T05:00:00.000Z',
      to: '2026-03-09T04:00:00.000Z', // a 23-hour day
    });
    expect(rangeOf(viewDates('week', '2026-11-01'), NY)).toEqual({
      from: '2026-10-26T04:00:00.000Z',
      to: '2026-11-02T05:00:00.000Z',
    });
    expect(rangeOf([], NY)).toBeNull();
  });

  it('reads and writes the wall clock of the zone', () => {
    expect(wallClock('2026-03-08T13:00:00.000Z', NY)).toEqual({ date: '2026-03-08', minutes: 9 * 60 });
    expect(wallClock('2026-03-07T14:00:00.000Z', NY)).toEqual({ date: '2026-03-07', minutes: 9 * 60 });
    expect(localToIso('2026-11-01', 9 * 60 + 30, NY)).toBe('2026-11-01T14:30:00.000Z');
  });
});

describe('blocks', () => {
  it('places a range on a date, clipped to the day', () => {
    expect(spanOnDate('2026-03-10T14:00:00Z', '2026-03-10T14:30:00Z', '2026-03-10', NY)).toEqual({
      start: 600,
      end: 630,
    });
    expect(spanOnDate('2026-03-10T14:00:00Z', '2026-03-10T14:30:00Z', '2026-03-11', NY)).toBeNull();
    // 23:30 to 00:30 local: the first half on the first day, the rest on the next.
    expect(spanOnDate('2026-03-11T03:30:00Z', '2026-03-11T04:30:00Z', '2026-03-10', NY)).toEqual({
      start: 1410,
      end: 1440,
    });
    expect(spanOnDate('2026-03-11T03:30:00Z', '2026-03-11T04:30:00Z', '2026-03-11', NY)).toEqual({
      start: 0,
      end: 30,
    });
    // Ending exactly at midnight leaves nothing on the next day.
    expect(spanOnDate('2026-03-11T03:30:00Z', '2026-03-11T04:00:00Z', '2026-03-11', NY)).toBeNull();
  });

  it('puts overlapping blocks side by side, and lone blocks full width', () => {
    const placed = assignLanes([
      { id: 'a', start: 540, end: 600 },
      { id: 'b', start: 570, end: 630 },
      { id: 'c', start: 600, end: 660 },
      { id: 'd', start: 700, end: 730 },
    ]);
    const byId = Object.fromEntries(placed.map((p) => [p.id, [p.lane, p.lanes]]));
    expect(byId).toEqual({ a: [0, 2], b: [1, 2], c: [0, 2], d: [0, 1] });
  });

  it('shows 07:00–20:00 unless something is earlier or later', () => {
    expect(hourBounds([])).toEqual({ first: 7, last: 20 });
    expect(hourBounds([{ start: 6 * 60 + 30, end: 21 * 60 + 15 }])).toEqual({ first: 6, last: 22 });
  });

  it('snaps a drop position to 15 minutes', () => {
    // 1 px per minute, grid starting at 07:00: 130 px is 09:10 → 09:15.
    expect(minutesAt(130, 1, 7)).toBe(9 * 60 + 15);
    expect(minutesAt(-50, 1, 0)).toBe(0);
    expect(minutesAt(5000, 1, 0)).toBe(1440 - 15);
  });
});

describe('shownOwners', () => {
  const all = [{ id: 'ana' }, { id: 'ben' }, { id: 'cy' }];
  const ids = (owners: { id: string }[]) => owners.map((o) => o.id);

  it('a day shows the chosen in their order, or everyone with an empty selector', () => {
    expect(shownOwners('day', all, [])).toEqual({ shown: all, selected: [] });
    const chosen = shownOwners('day', all, ['cy', 'ana', 'gone']);
    expect(ids(chosen.shown)).toEqual(['ana', 'cy']);
    expect(chosen.selected).toEqual(['ana', 'cy']);
  });

  it('a week shows one owner and the selector names exactly that one', () => {
    expect(shownOwners('week', all, [])).toEqual({ shown: [all[0]], selected: ['ana'] });
    expect(shownOwners('week', all, ['cy', 'ben'])).toEqual({ shown: [all[1]], selected: ['ben'] });
    expect(shownOwners('week', [], [])).toEqual({ shown: [], selected: [] });
  });

  it('in a week a new pick replaces the shown one; a day adds it', () => {
    expect(nextChoice('week', ['ana', 'cy'])).toEqual(['cy']);
    expect(nextChoice('week', [])).toEqual([]);
    expect(nextChoice('day', ['ana', 'cy'])).toEqual(['ana', 'cy']);
  });
});
