import { isoToZonedInput, zonedInputToIso } from '../../lib/format.ts';

/** Calendar arithmetic on the clinic's wall clock: local dates 'YYYY-MM-DD' and minutes after midnight. */

export type CalendarView = 'day' | 'week';

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of the week holding `date`. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** The dates a view shows: one day, or Monday to Sunday. */
export function viewDates(view: CalendarView, date: string): string[] {
  if (view === 'day') return [date];
  const monday = mondayOf(date);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** [from, to) of whole local days, as ISO instants for the API. */
export function rangeOf(dates: readonly string[], timeZone: string): { from: string; to: string } | null {
  const first = dates[0];
  const last = dates.at(-1);
  if (!first || !last) return null;
  const from = zonedInputToIso(`${first}T00:00`, timeZone);
  const to = zonedInputToIso(`${addDays(last, 1)}T00:00`, timeZone);
  return from && to ? { from: new Date(from).toISOString(), to: new Date(to).toISOString() } : null;
}

/** The clinic's wall clock at an instant. */
export function wallClock(iso: string, timeZone: string): { date: string; minutes: number } {
  const local = isoToZonedInput(iso, timeZone);
  return {
    date: local.slice(0, 10),
    minutes: Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16)),
  };
}

export function formatHm(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** The instant of a local date and time in the zone, for the API. */
export function localToIso(date: string, minutes: number, timeZone: string): string | null {
  const iso = zonedInputToIso(`${date}T${formatHm(minutes)}`, timeZone);
  return iso ? new Date(iso).toISOString() : null;
}

/** Where a range sits on one local date: minutes from that midnight, clipped to the day. */
export function spanOnDate(
  startIso: string,
  endIso: string,
  date: string,
  timeZone: string,
): { start: number; end: number } | null {
  const s = wallClock(startIso, timeZone);
  const e = wallClock(endIso, timeZone);
  if (s.date > date || e.date < date || (e.date === date && e.minutes === 0 && s.date < date)) return null;
  const start = s.date < date ? 0 : s.minutes;
  const end = e.date > date ? 1440 : e.minutes;
  return end > start ? { start, end } : null;
}

/**
 * Side-by-side lanes for overlapping blocks: each block gets the first free lane, and every block of an
 * overlapping cluster learns how many lanes the cluster needs.
 */
export function assignLanes<T extends { start: number; end: number }>(
  blocks: readonly T[],
): (T & { lane: number; lanes: number })[] {
  const sorted = [...blocks].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: (T & { lane: number; lanes: number })[] = [];
  let cluster: (T & { lane: number; lanes: number })[] = [];
  let clusterEnd = -1;
  const closeCluster = () => {
    const lanes = Math.max(1, ...cluster.map((b) => b.lane + 1));
    for (const b of cluster) b.lanes = lanes;
    cluster = [];
  };
  for (const block of sorted) {
    if (block.start >= clusterEnd) {
      closeCluster();
      clusterEnd = -1;
    }
    const taken = new Set(cluster.filter((b) => b.end > block.start).map((b) => b.lane));
    let lane = 0;
    while (taken.has(lane)) lane += 1;
    const placed = { ...block, lane, lanes: 1 };
    cluster.push(placed);
    out.push(placed);
    clusterEnd = Math.max(clusterEnd, block.end);
  }
  closeCluster();
  return out;
}

/** The hours the grid shows: 07:00–20:00 unless something falls outside them. */
export function hourBounds(spans: readonly { start: number; end: number }[]): {
  first: number;
  last: number;
} {
  let first = 7;
  let last = 20;
  for (const s of spans) {
    first = Math.min(first, Math.floor(s.start / 60));
    last = Math.max(last, Math.ceil(s.end / 60));
  }
  return { first: Math.max(0, first), last: Math.min(24, last) };
}

/** A pointer position in a day column (pixels from its top) as minutes after midnight, on a step. */
export function minutesAt(offsetPx: number, pxPerMinute: number, firstHour: number, step = 15): number {
  const raw = firstHour * 60 + offsetPx / pxPerMinute;
  return Math.max(0, Math.min(1440 - step, Math.round(raw / step) * step));
}

/**
 * The providers (or rooms) a calendar shows and what its selector holds, so the two always agree. A day shows
 * those chosen or, with none chosen, everyone (the selector is empty and says "all"); a week shows one: the
 * first chosen or else the first of all, and the selector names it.
 */
export function shownOwners<T extends { id: string }>(
  view: CalendarView,
  all: readonly T[],
  chosenIds: readonly string[],
): { shown: T[]; selected: string[] } {
  const chosen = all.filter((o) => chosenIds.includes(o.id));
  if (view === 'day') return { shown: chosen.length ? chosen : [...all], selected: chosen.map((o) => o.id) };
  const one = chosen[0] ?? all[0];
  return one ? { shown: [one], selected: [one.id] } : { shown: [], selected: [] };
}

/** A week shows one owner: picking another in the selector replaces it rather than adding to it. */
export function nextChoice(view: CalendarView, ids: readonly string[]): string[] {
  return view === 'week' ? ids.slice(-1) : [...ids];
}
