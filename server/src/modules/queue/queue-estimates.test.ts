import { DEFAULT_CONSULTATION_MINUTES } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { estimateWaits, minutesBetween, ticketLabel } from './queue-estimates.ts';

const none = { byProvider: new Map<string, number>(), byDepartment: new Map<string, number>() };

describe('estimateWaits', () => {
  it("counts a provider's own tickets and the department's unassigned ones ahead, at the provider's median", () => {
    const waiting = [
      { id: 'u1', departmentKey: 'general', providerId: null },
      { id: 'p1', departmentKey: 'general', providerId: 'doc' },
      { id: 'o1', departmentKey: 'general', providerId: 'other' },
      { id: 'd1', departmentKey: 'dental', providerId: null },
      { id: 'p2', departmentKey: 'general', providerId: 'doc' },
      { id: 'u2', departmentKey: 'general', providerId: null },
    ];
    const medians = { byProvider: new Map([['doc', 12]]), byDepartment: new Map([['general', 9]]) };
    const out = estimateWaits(waiting, medians);
    expect(out.get('u1')).toEqual({ ahead: 0, minutes: 0 });
    expect(out.get('p1')).toEqual({ ahead: 1, minutes: 12 });
    // Another provider's tickets are not ahead of this one; that provider has no history.
    expect(out.get('o1')).toEqual({ ahead: 1, minutes: DEFAULT_CONSULTATION_MINUTES });
    expect(out.get('d1')).toEqual({ ahead: 0, minutes: 0 });
    expect(out.get('p2')).toEqual({ ahead: 2, minutes: 24 });
    expect(out.get('u2')).toEqual({ ahead: 1, minutes: 9 });
  });

  it('uses the default consultation length without history, and rounds', () => {
    const waiting = ['a', 'b', 'c'].map((id) => ({ id, departmentKey: 'x', providerId: 'p' }));
    expect(estimateWaits(waiting, none).get('c')).toEqual({
      ahead: 2,
      minutes: 2 * DEFAULT_CONSULTATION_MINUTES,
    });
    const medians = { byProvider: new Map([['p', 7.4]]), byDepartment: new Map<string, number>() };
    expect(estimateWaits(waiting, medians).get('c')).toEqual({ ahead: 2, minutes: 15 });
  });
});

describe('ticketLabel', () => {
  it('pads to three digits and keeps wider numbers whole', () => {
    expect(ticketLabel('A', 1)).toBe('A-001');
    expect(ticketLabel('D', 12)).toBe('D-012');
    expect(ticketLabel('A', 1234)).toBe('A-1234');
  });
});

describe('minutesBetween', () => {
  it('counts whole minutes and never goes negative', () => {
    const t = new Date('2025-01-01T10:00:00Z');
    expect(minutesBetween(t, new Date('2025-01-01T10:14:59Z'))).toBe(14);
    expect(minutesBetween(t, new Date('2025-01-01T09:00:00Z'))).toBe(0);
  });
});
