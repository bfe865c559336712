import { describe, expect, it } from 'vitest';
import { parseMoment } from './restore-moment.ts';

describe('the moment restore --until names', () => {
  it('reads a time without an offset in the clinic time zone', () => {
    expect(parseMoment('2026-12-01 14:32', 'UTC').toISOString()).toBe('2026-12-01T14:32:00.000Z');
    expect(parseMoment('2026-12-01 14:32:05', 'America/Mexico_City').toISOString()).toBe(
      '2026-12-01T20:32:05.000Z',
    );
    expect(parseMoment('2026-07-01T09:00', 'Europe/Madrid').toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });

  it('lets an explicit offset win over the clinic time zone', () => {
    expect(parseMoment('2026-12-01T14:32:00Z', 'Asia/Tokyo').toISOString()).toBe('2026-12-01T14:32:00.000Z');
    expect(parseMoment('2026-12-01T14:32:07.657Z', 'UTC').toISOString()).toBe('2026-12-01T14:32:07.657Z');
    expect(parseMoment('2026-12-01 14:32+02:00', 'UTC').toISOString()).toBe('2026-12-01T12:32:00.000Z');
    expect(parseMoment('2026-12-01 14:32 -0530', 'UTC').toISOString()).toBe('2026-12-01T20:02:00.000Z');
  });

  it('refuses what is not a moment, saying how to write one', () => {
    for (const bad of [
      'yesterday',
      '2026-02-31 10:00',
      '2026-12-01 24:00',
      '2026-12-01 10:61',
      '2026-12-01',
      '14:32',
    ])
      expect(() => parseMoment(bad, 'UTC')).toThrow(/is not a moment: write it as "2026-12-01 14:32"/);
  });
});
