import { describe, expect, it } from 'vitest';
import { computeWorkingSpans, normalizeSpans, subtractSpans, type WeeklyRule } from './working-time-math.ts';

const rule = (
  r: Partial<WeeklyRule> & Pick<WeeklyRule, 'weekday' | 'startTime' | 'endTime'>,
): WeeklyRule => ({
  kind: 'work',
  roomId: null,
  validFrom: null,
  validTo: null,
  ...r,
});

const asIso = (spans: { start: number; end: number }[]) =>
  spans.map((s) => [new Date(s.start).toISOString(), new Date(s.end).toISOString()]);
const hours = (s: { start: number; end: number }) => (s.end - s.start) / 3_600_000;

describe('computeWorkingSpans', () => {
  const everyDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) =>
    rule({ weekday, startTime: '09:00', endTime: '17:00' }),
  );

  it('is 8 hours a day, and wall-clock 09:00–17:00 on both New York transition days', () => {
    const spring = computeWorkingSpans({
      rules: everyDay,
      timeOff: [],
      from: new Date('2026-03-07T00:00:00Z'),
      to: new Date('2026-03-10T00:00:00Z'),
      timeZone: 'America/New_York',
    });
    expect(asIso(spring)).toEqual([
      ['2026-03-07T14:00:00.000Z', '2026-03-07T22:00:00.000Z'],
      ['2026-03-08T13:00:00.000Z', '2026-03-08T21:00:00.000Z'],
      ['2026-03-09T13:00:00.000Z', '2026-03-09T21:00:00.000Z'],
    ]);
    expect(spring.map(hours)).toEqual([8, 8, 8]);

    const autumn = computeWorkingSpans({
      rules: everyDay,
      timeOff: [],
      from: new Date('2026-10-31T12:00:00Z'),
      to: new Date('2026-11-02T23:00:00Z'),
      timeZone: 'America/New_York',
    });
    expect(asIso(autumn)).toEqual([
      ['2026-10-31T13:00:00.000Z', '2026-10-31T21:00:00.000Z'],
      ['2026-11-01T14:00:00.000Z', '2026-11-01T22:00:00.000Z'],
      ['2026-11-02T14:00:00.000Z', '2026-11-02T22:00:00.000Z'],
    ]);
  });

  it('loses the skipped hour of a night rule across the spring gap and gains one in autumn', () => {
    const night = [rule({ weekday: 0, startTime: '00:00', endTime: '06:00' })];
    const spring = computeWorkingSpans({
      rules: night,
      timeOff: [],
      from: new Date('2026-03-28T12:00:00Z'),
      to: new Date('2026-03-30T00:00:00Z'),
      timeZone: 'Europe/Madrid',
    });
    expect(asIso(spring)).toEqual([['2026-03-28T23:00:00.000Z', '2026-03-29T04:00:00.000Z']]);
    expect(hours(spring[0] as { start: number; end: number })).toBe(5);

    const autumn = computeWorkingSpans({
      rules: night,
      timeOff: [],
      from: new Date('2026-10-24T00:00:00Z'),
      to: new Date('2026-10-26T00:00:00Z'),
      timeZone: 'Europe/Madrid',
    });
    expect(asIso(autumn)).toEqual([['2026-10-24T22:00:00.000Z', '2026-10-25T05:00:00.000Z']]);
    expect(hours(autumn[0] as { start: number; end: number })).toBe(7);
  });

  it('drops a rule that lies wholly in the spring gap', () => {
    const spans = computeWorkingSpans({
      rules: [rule({ weekday: 0, startTime: '02:00', endTime: '02:45' })],
      timeOff: [],
      from: new Date('2026-03-08T00:00:00Z'),
      to: new Date('2026-03-09T12:00:00Z'),
      timeZone: 'America/New_York',
    });
    expect(spans).toEqual([]);
  });

  it('subtracts breaks and time off, and clips to [from, to)', () => {
    const spans = computeWorkingSpans({
      rules: [
        rule({ weekday: 1, startTime: '09:00', endTime: '17:00', roomId: 'r1' }),
        rule({ weekday: 1, kind: 'break', startTime: '12:00', endTime: '13:00' }),
      ],
      timeOff: [{ start: Date.parse('2026-01-05T15:30:00Z'), end: Date.parse('2026-01-05T16:00:00Z') }],
      from: new Date('2026-01-05T10:00:00Z'),
      to: new Date('2026-01-05T23:00:00Z'),
      timeZone: 'UTC',
    });
    expect(spans.map((s) => s.roomId)).toEqual(['r1', 'r1', 'r1']);
    expect(asIso(spans)).toEqual([
      ['2026-01-05T10:00:00.000Z', '2026-01-05T12:00:00.000Z'],
      ['2026-01-05T13:00:00.000Z', '2026-01-05T15:30:00.000Z'],
      ['2026-01-05T16:00:00.000Z', '2026-01-05T17:00:00.000Z'],
    ]);
  });

  it('honours valid_from and valid_to as inclusive local dates', () => {
    const spans = computeWorkingSpans({
      rules: [
        rule({
          weekday: 1,
          startTime: '09:00',
          endTime: '10:00',
          validFrom: '2026-01-12',
          validTo: '2026-01-19',
        }),
      ],
      timeOff: [],
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-02-01T00:00:00Z'),
      timeZone: 'Asia/Manila',
    });
    expect(asIso(spans)).toEqual([
      ['2026-01-12T01:00:00.000Z', '2026-01-12T02:00:00.000Z'],
      ['2026-01-19T01:00:00.000Z', '2026-01-19T02:00:00.000Z'],
    ]);
  });

  it('joins a shift that ends at 24:00 with the next day starting at 00:00', () => {
    const spans = computeWorkingSpans({
      rules: [
        rule({ weekday: 1, startTime: '20:00', endTime: '24:00' }),
        rule({ weekday: 2, startTime: '00:00', endTime: '04:00' }),
      ],
      timeOff: [],
      from: new Date('2026-01-05T00:00:00Z'),
      to: new Date('2026-01-07T00:00:00Z'),
      timeZone: 'UTC',
    });
    expect(asIso(spans)).toEqual([['2026-01-05T20:00:00.000Z', '2026-01-06T04:00:00.000Z']]);
  });

  it('is empty when the range is empty or reversed', () => {
    const at = new Date('2026-01-05T10:00:00Z');
    expect(computeWorkingSpans({ rules: everyDay, timeOff: [], from: at, to: at, timeZone: 'UTC' })).toEqual(
      [],
    );
  });
});

describe('span helpers', () => {
  it('subtracts a cut from the middle, the edges and the whole', () => {
    const s = [{ start: 0, end: 10, roomId: null }];
    expect(subtractSpans(s, [{ start: 3, end: 5 }])).toEqual([
      { start: 0, end: 3, roomId: null },
      { start: 5, end: 10, roomId: null },
    ]);
    expect(subtractSpans(s, [{ start: -5, end: 2 }])).toEqual([{ start: 2, end: 10, roomId: null }]);
    expect(subtractSpans(s, [{ start: -5, end: 20 }])).toEqual([]);
    expect(subtractSpans(s, [{ start: 10, end: 20 }])).toEqual(s);
  });

  it('merges touching spans of one room and keeps rooms from overlapping', () => {
    expect(
      normalizeSpans([
        { start: 5, end: 10, roomId: 'a' },
        { start: 0, end: 5, roomId: 'a' },
        { start: 8, end: 15, roomId: 'b' },
        { start: 11, end: 12, roomId: 'a' },
      ]),
    ).toEqual([
      { start: 0, end: 10, roomId: 'a' },
      { start: 10, end: 15, roomId: 'b' },
    ]);
  });
});
