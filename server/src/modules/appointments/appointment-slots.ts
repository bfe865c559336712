/** Free slots from working time and busy ranges: pure, in UTC milliseconds. */

export type Interval = { start: number; end: number; roomId: string | null };
export type Busy = { start: number; end: number };
export type Slot = { start: number; end: number; roomId: string | null };

const MINUTE = 60_000;

const overlaps = (a: Busy, b: Busy) => a.start < b.end && b.start < a.end;

/**
 * Slots start at each working interval's start and step by the service duration; a slot needs the duration
 * plus the buffer before the interval ends, and that whole time free of busy ranges. Only slots starting in
 * [from, to) and not before `now` are returned.
 */
export function freeSlots(input: {
  intervals: Interval[];
  busy: Busy[];
  durationMinutes: number;
  bufferMinutes: number;
  from: number;
  to: number;
  now: number;
}): Slot[] {
  const step = input.durationMinutes * MINUTE;
  const hold = (input.durationMinutes + input.bufferMinutes) * MINUTE;
  const slots: Slot[] = [];
  for (const interval of input.intervals) {
    for (let start = interval.start; start + hold <= interval.end; start += step) {
      if (start < input.from || start >= input.to || start < input.now) continue;
      const taken = { start, end: start + hold };
      if (input.busy.some((b) => overlaps(b, taken))) continue;
      slots.push({ start, end: start + step, roomId: interval.roomId });
    }
  }
  return slots.sort((a, b) => a.start - b.start);
}
