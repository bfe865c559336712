import { PutScheduleSchema, type ScheduleRuleInput, weeklyRuleProblems } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';

const rule = (r: Partial<ScheduleRuleInput>): ScheduleRuleInput => ({
  kind: 'work',
  weekday: 1,
  startTime: '09:00',
  endTime: '17:00',
  roomId: null,
  validFrom: null,
  validTo: null,
  ...r,
});

const codes = (rules: ScheduleRuleInput[]) =>
  weeklyRuleProblems(rules).map((p) => `${p.index}.${p.field}:${p.code}`);

describe('weeklyRuleProblems', () => {
  it('accepts a normal week with breaks inside work hours and touching work periods', () => {
    expect(
      codes([
        rule({}),
        rule({ kind: 'break', startTime: '12:00', endTime: '13:00' }),
        rule({ weekday: 2, startTime: '08:00', endTime: '12:00' }),
        rule({ weekday: 2, startTime: '12:00', endTime: '16:00' }),
        rule({ weekday: 5, startTime: '20:00', endTime: '24:00' }),
      ]),
    ).toEqual([]);
  });

  it('wants the end after the start and valid_to not before valid_from', () => {
    expect(
      codes([
        rule({ endTime: '09:00' }),
        rule({ weekday: 2, validFrom: '2026-02-02', validTo: '2026-02-01' }),
      ]),
    ).toEqual(['0.endTime:end_before_start', '1.validTo:valid_to_before_from']);
    expect(codes([rule({ validFrom: '2026-02-01', validTo: '2026-02-01' })])).toEqual([]);
  });

  it('refuses overlapping work on one weekday, naming the later row', () => {
    expect(codes([rule({}), rule({ startTime: '16:59', endTime: '18:00' })])).toEqual([
      '1.startTime:work_overlap',
    ]);
    expect(codes([rule({}), rule({ weekday: 2, startTime: '10:00' })])).toEqual([]);
  });

  it('lets work rows overlap only when their validity ranges never meet', () => {
    const before = rule({ validTo: '2026-03-31' });
    expect(codes([before, rule({ startTime: '10:00', validFrom: '2026-04-01' })])).toEqual([]);
    expect(codes([before, rule({ startTime: '10:00', validFrom: '2026-03-31' })])).toEqual([
      '1.startTime:work_overlap',
    ]);
  });

  it('wants each break inside one work period of its weekday', () => {
    const lunch = rule({ kind: 'break', startTime: '12:00', endTime: '13:00' });
    expect(codes([lunch])).toEqual(['0.startTime:break_outside_work']);
    expect(codes([rule({}), { ...lunch, weekday: 2 }])).toEqual(['1.startTime:break_outside_work']);
    expect(codes([rule({}), { ...lunch, startTime: '16:30', endTime: '17:30' }])).toEqual([
      '1.startTime:break_outside_work',
    ]);
    expect(codes([rule({}), { ...lunch, startTime: '09:00', endTime: '17:00' }])).toEqual([]);
  });

  it('leaves malformed times to the row schema, so a request gets one error per mistake', () => {
    const result = PutScheduleSchema.safeParse({ rules: [rule({ startTime: '24:00' })] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['rules.0.startTime']);
  });
});
