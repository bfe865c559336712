import {
  type RuleProblem,
  type ScheduleRule,
  type ScheduleRuleInput,
  type ScheduleRuleKind,
  weeklyRuleProblems,
} from '@carebase/contracts';

/** One editable row of the weekly hours editor; `key` only keeps React rows stable. */
export type HoursRow = {
  key: string;
  kind: ScheduleRuleKind;
  weekday: number;
  startTime: string;
  endTime: string;
  roomId: string | null;
  validFrom: string;
  validTo: string;
};

/** Monday first, Sunday last (0 = Sunday in the API). */
export const WEEKDAY_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

let counter = 0;
export const newRowKey = () => `row-${++counter}`;

export function rowsFromRules(rules: readonly ScheduleRule[]): HoursRow[] {
  return rules.map((r) => ({
    key: newRowKey(),
    kind: r.kind,
    weekday: r.weekday,
    startTime: r.startTime,
    endTime: r.endTime,
    roomId: r.roomId,
    validFrom: r.validFrom ?? '',
    validTo: r.validTo ?? '',
  }));
}

export function rulesFromRows(rows: readonly HoursRow[]): ScheduleRuleInput[] {
  return rows.map((r) => ({
    kind: r.kind,
    weekday: r.weekday,
    startTime: r.startTime.trim(),
    endTime: r.endTime.trim(),
    roomId: r.kind === 'work' ? r.roomId : null,
    validFrom: r.validFrom || null,
    validTo: r.validTo || null,
  }));
}

/** A new row for a weekday: work 09:00–17:00, or a break inside the day's first work period. */
export function newRow(rows: readonly HoursRow[], weekday: number, kind: ScheduleRuleKind): HoursRow {
  if (kind === 'work') {
    const last = rows.filter((r) => r.weekday === weekday && r.kind === 'work').at(-1);
    const start = last ? last.endTime : '09:00';
    return {
      key: newRowKey(),
      kind,
      weekday,
      startTime: start,
      endTime: last ? '' : '17:00',
      roomId: last?.roomId ?? null,
      validFrom: '',
      validTo: '',
    };
  }
  return {
    key: newRowKey(),
    kind,
    weekday,
    startTime: '12:00',
    endTime: '13:00',
    roomId: null,
    validFrom: '',
    validTo: '',
  };
}

/** Replaces the rows of every target weekday with copies of the source weekday's rows. */
export function copyWeekday(rows: readonly HoursRow[], from: number, to: readonly number[]): HoursRow[] {
  const source = rows.filter((r) => r.weekday === from);
  const kept = rows.filter((r) => r.weekday === from || !to.includes(r.weekday));
  const copies = to
    .filter((d) => d !== from)
    .flatMap((weekday) => source.map((r) => ({ ...r, key: newRowKey(), weekday })));
  return [...kept, ...copies];
}

const TIME = /^(([01]\d|2[0-3]):[0-5]\d)$/;
const END_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export type RowProblemCode = RuleProblem['code'] | 'time_format' | 'end_time_format';

/**
 * What the server would refuse, checked before sending: keys are the server's field paths
 * (`rules.3.startTime`), values problem codes the page translates.
 */
export function hoursProblems(rows: readonly HoursRow[]): Record<string, RowProblemCode> {
  const out: Record<string, RowProblemCode> = {};
  rows.forEach((r, i) => {
    if (!TIME.test(r.startTime.trim())) out[`rules.${i}.startTime`] = 'time_format';
    if (!END_TIME.test(r.endTime.trim())) out[`rules.${i}.endTime`] = 'end_time_format';
  });
  for (const p of weeklyRuleProblems(rulesFromRows(rows))) {
    const key = `rules.${p.index}.${p.field}`;
    if (!(key in out)) out[key] = p.code;
  }
  return out;
}
