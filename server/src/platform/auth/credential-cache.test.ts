import { describe, expect, it } from 'vitest';
import type { FoundSession } from './auth.repository.ts';
import { createCredentialCache, decideThroughCache } from './credential-cache.ts';

const row = (id: string) => ({ session: { id } }) as unknown as FoundSession;

function setup(opts: { maxAgeMs?: number; maxEntries?: number } = {}) {
  const state = { now: 0, epoch: 1 as number | null };
  const cache = createCredentialCache({ ...opts, listenerEpoch: () => state.epoch, clock: () => state.now });
  const put = (hash: string) => cache.sessions.set(hash, row(hash), cache.sessions.version());
  return { state, cache, put };
}

describe('credential cache', () => {
  it('keeps a row for its maximum age only', () => {
    const { state, cache, put } = setup({ maxAgeMs: 10_000 });
    put('a');
    state.now = 10_000;
    expect(cache.sessions.get('a')?.session.id).toBe('a');
    state.now = 10_001;
    expect(cache.sessions.get('a')).toBeUndefined();
    expect(cache.stats()).toEqual({ hits: 1, misses: 1 });
  });

  it('evicts the oldest row beyond its size, and keeps sessions and tokens apart', () => {
    const { cache, put } = setup({ maxEntries: 2 });
    put('a');
    put('b');
    put('c');
    expect(['a', 'b', 'c'].map((h) => cache.sessions.get(h)?.session.id)).toEqual([undefined, 'b', 'c']);
    expect(cache.tokens.get('b')).toBeUndefined();
  });

  it('drops a row read before a clear: it may predate the change that caused the clear', () => {
    const { cache } = setup();
    const version = cache.sessions.version();
    cache.clear();
    cache.sessions.set('a', row('a'), version);
    expect(cache.sessions.get('a')).toBeUndefined();
  });

  it('is bypassed while the listener is down, and starts afresh when it comes back', () => {
    const { state, cache, put } = setup();
    put('a');
    state.epoch = null;
    expect(cache.sessions.get('a')).toBeUndefined();
    put('b');
    state.epoch = 2;
    expect(cache.sessions.get('a')).toBeUndefined();
    expect(cache.sessions.get('b')).toBeUndefined();
    put('c');
    // Reconnected without anyone asking in between: what was cached before is gone all the same.
    state.epoch = 3;
    expect(cache.sessions.get('c')).toBeUndefined();
  });

  it('re-reads the database before a refusal based on a cached row', async () => {
    const { cache, put } = setup();
    put('a');
    const reads: string[] = [];
    const decided = await decideThroughCache(
      cache.sessions,
      'a',
      async () => {
        reads.push('db');
        return row('fresh');
      },
      async (found) => (found.session.id === 'fresh' ? 'allowed' : null),
    );
    expect(decided).toBe('allowed');
    expect(reads).toEqual(['db']);
    expect(cache.sessions.get('a')?.session.id).toBe('fresh');
  });
});
