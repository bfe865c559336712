import { describe, expect, it } from 'vitest';
import { zonedToUtc } from '../scheduling/zoned-time.ts';
import { expandRrule, parseRrule, RruleError } from './series-rrule.ts';

const NY = 'America/New_York';
const at9 = (date: string) => zonedToUtc(date, 9 * 60, NY);
const expand = (rule: string, first: string) => expandRrule(parseRrule(rule), first, at9);

describe('parseRrule', () => {
  it('reads the supported parts, with or without the RRULE: prefix, in any case', () => {
    expect(parseRrule('RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=6;BYDAY=TH,MO')).toEqual({
      freq: 'WEEKLY',
      interval: 2,
      count: 6,
      until: null,
      byDay: [1, 4],
    });
    expect(parseRrule('freq=daily;until=20260310')).toMatchObject({
      freq: 'DAILY',
      interval: 1,
      count: null,
      until: { date: '2026-03-10' },
    });
    expect(parseRrule('FREQ=MONTHLY;UNTIL=20261231T235959Z').until).toEqual({
      instant: new Date('2026-12-31T23:59:59Z'),
    });
  });

  it.each([
    ['', 'is empty'],
    ['COUNT=3', 'FREQ is required'],
    ['FREQ=YEARLY;COUNT=2', 'FREQ=YEARLY is not supported'],
    ['FREQ=HOURLY;COUNT=2', 'FREQ=HOURLY is not supported'],
    ['FREQ=WEEKLY', 'needs COUNT'],
    ['FREQ=WEEKLY;COUNT=53', 'COUNT must be between 1 and 52'],
    ['FREQ=WEEKLY;COUNT=0', 'COUNT must be between 1 and 52'],
    ['FREQ=WEEKLY;COUNT=x', 'COUNT must be a whole number'],
    ['FREQ=WEEKLY;COUNT=3;UNTIL=20260101', 'not both'],
    ['FREQ=WEEKLY;COUNT=3;COUNT=4', 'COUNT is given twice'],
    ['FREQ=WEEKLY;COUNT=3;BYMONTH=2', 'BYMONTH is not supported'],
    ['FREQ=WEEKLY;COUNT=3;BYDAY=1MO', 'BYDAY 1MO is not a weekday'],
    ['FREQ=DAILY;COUNT=3;BYDAY=MO', 'BYDAY is supported with FREQ=WEEKLY only'],
    ['FREQ=DAILY;INTERVAL=0;COUNT=3', 'INTERVAL must be between 1 and 99'],
    ['FREQ=DAILY;UNTIL=20260230', 'not a real date'],
    ['FREQ=DAILY;UNTIL=20260210T100000', 'must be in UTC'],
    ['FREQ=DAILY;UNTIL=tomorrow', 'UNTIL must be a date'],
    ['FREQ=DAILY;COUNT=', 'COUNT has no value'],
    ['FREQ=DAILY;COUNT=2;WKST=SU', 'only WKST=MO'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(() => parseRrule(text)).toThrow(RruleError);
    expect(() => parseRrule(text)).toThrow(reason);
  });
});

describe('expandRrule', () => {
  it('weekly for N weeks from the first date', () => {
    expect(expand('FREQ=WEEKLY;COUNT=4', '2026-03-02')).toEqual([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
      '2026-03-23',
    ]);
  });

  it('every other week on two weekdays, starting mid-week', () => {
    expect(expand('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=5', '2026-03-05')).toEqual([
      '2026-03-05', // Thursday of week 0
      '2026-03-16',
      '2026-03-19',
      '2026-03-30',
      '2026-04-02',
    ]);
  });

  it('daily with an interval, until a date (inclusive)', () => {
    expect(expand('FREQ=DAILY;INTERVAL=3;UNTIL=20260313', '2026-03-01')).toEqual([
      '2026-03-01',
      '2026-03-04',
      '2026-03-07',
      '2026-03-10',
      '2026-03-13',
    ]);
  });

  it('until a UTC instant compares with the local start of each occurrence', () => {
    // 9:00 New York on 10 March is 13:00 UTC: an UNTIL of 12:59 UTC that day leaves it out.
    expect(expand('FREQ=DAILY;UNTIL=20260310T125900Z', '2026-03-08')).toEqual(['2026-03-08', '2026-03-09']);
    expect(expand('FREQ=DAILY;UNTIL=20260310T130000Z', '2026-03-08')).toHaveLength(3);
  });

  it('monthly skips months without the day', () => {
    expect(expand('FREQ=MONTHLY;COUNT=4', '2026-01-31')).toEqual([
      '2026-01-31',
      '2026-03-31',
      '2026-05-31',
      '2026-07-31',
    ]);
  });

  it('keeps the local wall-clock time across both DST changes', () => {
    const dates = expand('FREQ=WEEKLY;COUNT=3', '2026-03-01');
    expect(dates.map((d) => at9(d).toISOString())).toEqual([
      '2026-03-01T14:00:00.000Z', // EST
      '2026-03-08T13:00:00.000Z', // EDT from 8 March
      '2026-03-15T13:00:00.000Z',
    ]);
    const autumn = expand('FREQ=DAILY;COUNT=2', '2026-10-31');
    expect(autumn.map((d) => at9(d).toISOString())).toEqual([
      '2026-10-31T13:00:00.000Z',
      '2026-11-01T14:00:00.000Z',
    ]);
  });

  it('refuses a BYDAY that leaves out the first date, an UNTIL before it, and more than 52 occurrences', () => {
    expect(() => expand('FREQ=WEEKLY;BYDAY=TU;COUNT=3', '2026-03-02')).toThrow(
      'BYDAY must include the weekday of the first appointment (MO)',
    );
    expect(() => expand('FREQ=DAILY;UNTIL=20260101', '2026-03-02')).toThrow('UNTIL is before');
    expect(() => expand('FREQ=DAILY;UNTIL=20270101', '2026-03-02')).toThrow('more than 52');
    expect(expand('FREQ=WEEKLY;UNTIL=20270101', '2026-03-02')).toHaveLength(44);
  });
});
