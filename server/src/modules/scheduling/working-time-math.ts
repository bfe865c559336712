import { addDays, localDateOf, minutesOf, weekdayOf, zonedToUtc } from './zoned-time.ts';

/** A weekly rule as stored: times are 'HH:MM[:SS]' local, dates 'YYYY-MM-DD' local and inclusive. */
export type WeeklyRule = {
  kind: 'work' | 'break';
  weekday: number;
  startTime: string;
  endTime: string;
  roomId: string | null;
  validFrom: string | null;
  validTo: string | null;
};

export type Span = { start: number; end: number };
export type RoomSpan = Span & { roomId: string | null };

/** The rule applies on a local date (weekday and validity range). */
export function ruleAppliesOn(rule: WeeklyRule, date: string, weekday: number): boolean {
  if (rule.weekday !== weekday) return false;
  if (rule.validFrom !== null && date < rule.validFrom) return false;
  if (rule.validTo !== null && date > rule.validTo) return false;
  return true;
}

function spanOn(rule: WeeklyRule, date: string, timeZone: string): Span | null {
  const startMin = minutesOf(rule.startTime);
  const endMin = minutesOf(rule.endTime);
  if (startMin === null || endMin === null) return null;
  const start = zonedToUtc(date, startMin, timeZone).getTime();
  const end = zonedToUtc(date, endMin, timeZone).getTime();
  return start < end ? { start, end } : null;
}

/** Removes every cut from every span; cuts need not be sorted or disjoint. */
export function subtractSpans<T extends Span>(spans: T[], cuts: Span[]): T[] {
  let current = spans;
  for (const cut of cuts) {
    const next: T[] = [];
    for (const s of current) {
      if (cut.end <= s.start || cut.start >= s.end) {
        next.push(s);
        continue;
      }
      if (cut.start > s.start) next.push({ ...s, end: cut.start });
      if (cut.end < s.end) next.push({ ...s, start: cut.end });
    }
    current = next;
  }
  return current;
}

/**
 * Sorts and makes spans disjoint: touching or overlapping spans in the same room merge; where rooms
 * differ the later span starts when the earlier one ends.
 */
export function normalizeSpans(spans: RoomSpan[]): RoomSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: RoomSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (!last || s.start > last.end) {
      out.push({ ...s });
    } else if (s.roomId === last.roomId) {
      last.end = Math.max(last.end, s.end);
    } else if (s.end > last.end) {
      out.push({ ...s, start: last.end });
    }
  }
  return out.filter((s) => s.start < s.end);
}

/** Working spans in [from, to): work rules day by day in the zone, minus breaks and time off. */
export function computeWorkingSpans(input: {
  rules: WeeklyRule[];
  timeOff: Span[];
  from: Date;
  to: Date;
  timeZone: string;
}): RoomSpan[] {
  const from = input.from.getTime();
  const to = input.to.getTime();
  if (!(from < to)) return [];
  const lastDate = localDateOf(new Date(to - 1), input.timeZone);
  const work: RoomSpan[] = [];
  const breaks: Span[] = [];
  for (let date = localDateOf(input.from, input.timeZone); date <= lastDate; date = addDays(date, 1)) {
    const weekday = weekdayOf(date);
    for (const rule of input.rules) {
      if (!ruleAppliesOn(rule, date, weekday)) continue;
      const span = spanOn(rule, date, input.timeZone);
      if (!span) continue;
      if (rule.kind === 'work') work.push({ ...span, roomId: rule.roomId });
      else breaks.push(span);
    }
  }
  const clipped = work
    .map((s) => ({ ...s, start: Math.max(s.start, from), end: Math.min(s.end, to) }))
    .filter((s) => s.start < s.end);
  return normalizeSpans(subtractSpans(normalizeSpans(clipped), [...breaks, ...input.timeOff]));
}
