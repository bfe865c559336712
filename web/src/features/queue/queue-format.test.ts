import type { QueueTicket } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import {
  currentWith,
  formatTime,
  isActiveTicket,
  openVisitOf,
  visitPath,
  waitedMinutes,
  waitingFor,
} from './queue-format.ts';

const ticket = (id: string, status: QueueTicket['status'], providerId: string | null) =>
  ({ id, status, providerId }) as QueueTicket;

describe('queue helpers', () => {
  it('formats a time of day on the clinic clock', () => {
    expect(formatTime('2024-05-01T15:05:00Z', { language: 'en', timeZone: 'America/Mexico_City' })).toBe(
      '9:05 AM',
    );
    expect(formatTime('nonsense', { language: 'en', timeZone: 'UTC' })).toBe('');
  });

  it("splits a doctor's waiting and current tickets, keeping the server's order", () => {
    const items = [
      ticket('a', 'called', 'me'),
      ticket('b', 'waiting', 'other'),
      ticket('c', 'waiting', null),
      ticket('d', 'waiting', 'me'),
      ticket('e', 'in_consultation', 'other'),
      ticket('f', 'done', 'me'),
    ];
    expect(waitingFor(items, 'me').map((i) => i.id)).toEqual(['c', 'd']);
    expect(currentWith(items, 'me').map((i) => i.id)).toEqual(['a']);
    expect(items.filter(isActiveTicket).map((i) => i.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('counts waiting minutes until the call, or until now', () => {
    const arrivedAt = '2024-05-01T10:00:00Z';
    const now = Date.parse('2024-05-01T10:25:30Z');
    expect(waitedMinutes({ arrivedAt, calledAt: null }, now)).toBe(25);
    expect(waitedMinutes({ arrivedAt, calledAt: '2024-05-01T10:07:00Z' }, now)).toBe(7);
  });

  it("goes to the visit's encounter, or to the chart when the call opened none", () => {
    expect(visitPath({ patientId: 'p1', encounterId: 'e1' })).toBe('/patients/p1/encounters/e1');
    expect(visitPath({ patientId: 'p1', encounterId: null })).toBe('/patients/p1');
  });

  it('finds the visit still under way for an encounter, not a finished or transferred one', () => {
    const withEncounter = (id: string, status: QueueTicket['status'], encounterId: string | null) =>
      ({ ...ticket(id, status, 'me'), encounterId }) as QueueTicket;
    const items = [
      withEncounter('done', 'done', 'e1'),
      withEncounter('other', 'in_consultation', 'e2'),
      withEncounter('now', 'in_consultation', 'e1'),
    ];
    expect(openVisitOf(items, 'e1')?.id).toBe('now');
    expect(openVisitOf([withEncounter('called', 'called', 'e1')], 'e1')?.id).toBe('called');
    expect(openVisitOf(items.slice(0, 1), 'e1')).toBeNull();
    expect(openVisitOf([withEncounter('waiting', 'waiting', null)], 'e1')).toBeNull();
  });
});
