import { describe, expect, it } from 'vitest';
import { freeSlots } from './appointment-slots.ts';

const T = (hhmm: string) => Date.parse(`2026-05-04T${hhmm}:00Z`);
const day = { from: T('00:00'), to: T('23:59'), now: 0 };
const times = (slots: { start: number }[]) => slots.map((s) => new Date(s.start).toISOString().slice(11, 16));

describe('freeSlots', () => {
  it('steps by the duration from the interval start; the last slot needs duration plus buffer', () => {
    const slots = freeSlots({
      ...day,
      intervals: [{ start: T('09:00'), end: T('10:40'), roomId: 'r1' }],
      busy: [],
      durationMinutes: 30,
      bufferMinutes: 10,
    });
    // 10:00 + 30 + 10 = 10:40 fits exactly; 10:30 would not.
    expect(times(slots)).toEqual(['09:00', '09:30', '10:00']);
    expect(slots[0]).toEqual({ start: T('09:00'), end: T('09:30'), roomId: 'r1' });
  });

  it('leaves out slots whose time or buffer overlaps a busy range', () => {
    const slots = freeSlots({
      ...day,
      intervals: [{ start: T('09:00'), end: T('12:00'), roomId: null }],
      busy: [{ start: T('10:00'), end: T('10:40') }],
      durationMinutes: 30,
      bufferMinutes: 10,
    });
    // 09:30 + 40 min reaches 10:10, into the booking; 10:30 starts inside its buffer.
    expect(times(slots)).toEqual(['09:00', '11:00']);
  });

  it('only slots starting in [from, to) and not in the past', () => {
    const slots = freeSlots({
      intervals: [{ start: T('09:00'), end: T('12:00'), roomId: null }],
      busy: [],
      durationMinutes: 60,
      bufferMinutes: 0,
      from: T('09:30'),
      to: T('11:00'),
      now: T('09:45'),
    });
    expect(times(slots)).toEqual(['10:00']);
  });

  it('aligns to each interval, as after a break', () => {
    const slots = freeSlots({
      ...day,
      intervals: [
        { start: T('09:00'), end: T('10:00'), roomId: null },
        { start: T('10:15'), end: T('11:15'), roomId: null },
      ],
      busy: [],
      durationMinutes: 30,
      bufferMinutes: 0,
    });
    expect(times(slots)).toEqual(['09:00', '09:30', '10:15', '10:45']);
  });
});
