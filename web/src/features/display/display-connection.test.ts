import type { DisplayState } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { displaySocketUrl, newlyCalled, parseDisplayMessage } from './display-connection.ts';
import { displayLink } from './displays.queries.ts';

const state = (serving: [string, string][]): DisplayState => ({
  department: { key: 'general', name: 'General' },
  nowServing: serving.map(([ticket, calledAt]) => ({ ticket, room: 'Room 1', calledAt })),
  next: ['A-004'],
  at: '2024-05-01T10:00:00Z',
  language: 'es',
});

describe('display connection helpers', () => {
  it('builds the socket and page addresses with the token encoded', () => {
    expect(displaySocketUrl('general', 'cbd_a+b', { protocol: 'https:', host: 'clinic.example' })).toBe(
      'wss://clinic.example/api/display/general/socket?token=cbd_a%2Bb',
    );
    expect(displayLink('https://clinic.example', 'dental', 'cbd_x', 'es')).toBe(
      'https://clinic.example/display/dental?token=cbd_x&lang=es',
    );
    expect(displayLink('http://localhost:8080', 'general', 'cbd_x', 'en')).toBe(
      'http://localhost:8080/display/general?token=cbd_x&lang=en',
    );
    // Without a language the screen follows the clinic's default language.
    expect(displayLink('http://localhost:8080', 'general', 'cbd_x')).toBe(
      'http://localhost:8080/display/general?token=cbd_x',
    );
  });

  it('reads only display state messages', () => {
    const s = state([['A-001', '2024-05-01T09:00:00Z']]);
    expect(parseDisplayMessage(JSON.stringify({ type: 'display.state', state: s }))).toEqual(s);
    expect(parseDisplayMessage(JSON.stringify({ type: 'hello' }))).toBeNull();
    expect(parseDisplayMessage('not json')).toBeNull();
    expect(parseDisplayMessage(42)).toBeNull();
  });

  it('announces a ticket called since the last state, also when the same ticket is called again', () => {
    const before = state([['A-001', '2024-05-01T09:00:00Z']]);
    expect(newlyCalled(null, before)).toEqual([]);
    expect(newlyCalled(before, before)).toEqual([]);
    const after = state([
      ['A-002', '2024-05-01T09:05:00Z'],
      ['A-001', '2024-05-01T09:00:00Z'],
    ]);
    expect(newlyCalled(before, after)).toEqual(['A-002']);
    expect(newlyCalled(after, state([['A-001', '2024-05-01T09:10:00Z']]))).toEqual(['A-001']);
  });
});
