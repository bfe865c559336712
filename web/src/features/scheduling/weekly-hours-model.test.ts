import { describe, expect, it } from 'vitest';
import {
  copyWeekday,
  type HoursRow,
  hoursProblems,
  newRow,
  rowsFromRules,
  rulesFromRows,
} from './weekly-hours-model.ts';

const row = (r: Partial<HoursRow>): HoursRow => ({
  key: 'k',
  kind: 'work',
  weekday: 1,
  startTime: '09:00',
  endTime: '17:00',
  roomId: null,
  validFrom: '',
  validTo: '',
  ...r,
});

describe('weekly hours rows', () => {
  it('round-trips rules, with empty dates as null and no room on breaks', () => {
    const work = {
      kind: 'work',
      weekday: 1,
      startTime: '09:00',
      endTime: '17:00',
      roomId: '00000000-0000-4000-8000-000000000002',
      validFrom: '2026-01-01',
      validTo: null,
    } as const;
    const rows = rowsFromRules([{ id: '00000000-0000-4000-8000-000000000001', ...work }]);
    expect(rows[0]).toMatchObject({ validFrom: '2026-01-01', validTo: '' });
    expect(
      rulesFromRows([...rows, row({ kind: 'break', roomId: 'x', startTime: ' 12:00 ', endTime: '13:00' })]),
    ).toEqual([
      work,
      {
        kind: 'break',
        weekday: 1,
        startTime: '12:00',
        endTime: '13:00',
        roomId: null,
        validFrom: null,
        validTo: null,
      },
    ]);
  });

  it('starts a second work period where the first ends', () => {
    const rows = [row({ startTime: '08:00', endTime: '12:00', roomId: 'r' })];
    expect(newRow(rows, 1, 'work')).toMatchObject({ startTime: '12:00', endTime: '', roomId: 'r' });
    expect(newRow(rows, 2, 'work')).toMatchObject({ startTime: '09:00', endTime: '17:00', roomId: null });
    expect(newRow(rows, 1, 'break')).toMatchObject({ kind: 'break', startTime: '12:00', endTime: '13:00' });
  });

  it('copies one weekday over others, replacing what they had', () => {
    const rows = [
      row({ key: 'a' }),
      row({ key: 'b', kind: 'break', startTime: '12:00', endTime: '13:00' }),
      row({ key: 'c', weekday: 2, startTime: '10:00', endTime: '11:00' }),
      row({ key: 'd', weekday: 6, startTime: '10:00', endTime: '11:00' }),
    ];
    const out = copyWeekday(rows, 1, [1, 2, 3]);
    expect(out.filter((r) => r.weekday === 2).map((r) => [r.kind, r.startTime])).toEqual([
      ['work', '09:00'],
      ['break', '12:00'],
    ]);
    expect(out.filter((r) => r.weekday === 3)).toHaveLength(2);
    expect(out.filter((r) => r.weekday === 6)).toHaveLength(1);
    expect(out.filter((r) => r.weekday === 1).map((r) => r.key)).toEqual(['a', 'b']);
  });
});

describe('hoursProblems', () => {
  it('names the row and field of each problem, as the server would', () => {
    expect(
      hoursProblems([
        row({}),
        row({ startTime: '16:00', endTime: '18:00' }),
        row({ kind: 'break', startTime: '18:30', endTime: '19:00' }),
        row({ weekday: 2, startTime: '9:00' }),
        row({ weekday: 3, endTime: '24:01' }),
        row({ weekday: 4, startTime: '10:00', endTime: '09:00' }),
        row({ weekday: 5, validFrom: '2026-02-01', validTo: '2026-01-01' }),
      ]),
    ).toEqual({
      'rules.1.startTime': 'work_overlap',
      'rules.2.startTime': 'break_outside_work',
      'rules.3.startTime': 'time_format',
      'rules.4.endTime': 'end_time_format',
      'rules.5.endTime': 'end_before_start',
      'rules.6.validTo': 'valid_to_before_from',
    });
  });

  it('accepts a clean week with 24:00 as the end of a late shift', () => {
    expect(
      hoursProblems([
        row({}),
        row({ kind: 'break', startTime: '12:00', endTime: '13:00' }),
        row({ weekday: 5, startTime: '18:00', endTime: '24:00' }),
      ]),
    ).toEqual({});
  });
});
