import { announcementGuard } from '../db/announced-value.ts';
import type { Database } from '../db/database.ts';
import type { FoundApiToken, FoundSession } from './auth.repository.ts';

/** Announced by the triggers of migration 0014 when a change alters what a credential grants. */
export const AUTH_CHANGES_CHANNEL = 'carebase_auth';

export type RowStore<R> = {
  /** The row stored under this hash, if it is younger than the maximum age and the cache is usable. */
  get(hash: string): R | undefined;
  /** Keeps a row read from the database, unless the cache was cleared since `version` was taken. */
  set(hash: string, row: R, version: number): void;
  delete(hash: string): void;
  /** Taken before a database read; a clear in between keeps that read's (possibly older) row out. */
  version(): number;
};

export type CredentialCache = {
  sessions: RowStore<FoundSession>;
  tokens: RowStore<FoundApiToken>;
  /** Forgets everything: called on every announced change, and by this instance's own changes. */
  clear(): void;
  stats(): { hits: number; misses: number };
};

export type CredentialCacheOptions = {
  /**
   * Which LISTEN connection carries the change announcements (Database.listenerEpoch): while it is down
   * the cache is bypassed, and when it changes everything cached before is dropped (announcements may
   * have been missed in between).
   */
  listenerEpoch: () => number | null;
  maxAgeMs?: number;
  maxEntries?: number;
  clock?: () => number;
};

/**
 * Rows that authentication read from the database (a session or token with its user and roles), by the
 * hash of the secret. The rows are cached, not the decisions: expiry, idle time, active and MFA are
 * judged on every request with the current time.
 */
export function createCredentialCache(opts: CredentialCacheOptions): CredentialCache {
  const maxAgeMs = opts.maxAgeMs ?? 10_000;
  const maxEntries = opts.maxEntries ?? 10_000;
  const clock = opts.clock ?? Date.now;
  const stores: Map<string, unknown>[] = [];
  const stats = { hits: 0, misses: 0 };
  const { usable, version, clear } = announcementGuard(opts.listenerEpoch, () => {
    for (const map of stores) map.clear();
  });

  function store<R>(): RowStore<R> {
    // Insertion order is age order: the first key is the oldest.
    const map = new Map<string, { row: R; at: number }>();
    stores.push(map);
    return {
      get(hash) {
        const entry = usable() ? map.get(hash) : undefined;
        if (entry && clock() - entry.at <= maxAgeMs) {
          stats.hits++;
          return entry.row;
        }
        if (entry) map.delete(hash);
        stats.misses++;
        return undefined;
      },
      set(hash, row, readAt) {
        if (!usable() || readAt !== version()) return;
        map.delete(hash);
        map.set(hash, { row, at: clock() });
        if (map.size > maxEntries) map.delete(map.keys().next().value as string);
      },
      delete: (hash) => void map.delete(hash),
      version,
    };
  }

  return {
    sessions: store(),
    tokens: store(),
    clear,
    stats: () => ({ ...stats }),
  };
}

/** Clears the cache on every announced change, on any instance. Returns the unsubscribe function. */
export function clearOnAuthChanges(database: Database, cache: CredentialCache): Promise<() => Promise<void>> {
  return database.listen(AUTH_CHANGES_CHANNEL, () => cache.clear());
}

/**
 * A decision through the cache. A refusal based on a cached row is never final: the row is read again
 * from the database first (a cached last-seen time may be older than the one stored).
 */
export async function decideThroughCache<R, P>(
  store: RowStore<R> | undefined,
  hash: string,
  load: () => Promise<R | undefined>,
  decide: (row: R) => Promise<P | null>,
): Promise<P | null> {
  const cached = store?.get(hash);
  if (cached) {
    const decided = await decide(cached);
    if (decided) return decided;
  }
  const version = store?.version();
  const row = await load();
  const decided = row ? await decide(row) : null;
  if (row && decided && version !== undefined) store?.set(hash, row, version);
  else store?.delete(hash);
  return decided;
}
