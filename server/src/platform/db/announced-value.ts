import type { Database } from './database.ts';

export type AnnouncementGuard = {
  /** False while nothing announces changes; a new listener connection starts afresh (clears). */
  usable(): boolean;
  /** Bumped by every clear: taken before a database read, it keeps that read's (possibly older) result out. */
  version(): number;
  clear(): void;
};

/**
 * The bookkeeping every in-memory copy of database rows needs when changes are announced on a LISTEN
 * channel: announcements may be missed while the listener connection is down, so the copy is bypassed then,
 * and dropped whenever that connection changes (Database.listenerEpoch).
 */
export function announcementGuard(
  listenerEpoch: () => number | null,
  onClear: () => void,
): AnnouncementGuard {
  let version = 0;
  let epoch: number | null = null;
  const clear = () => {
    version++;
    onClear();
  };
  function usable(): boolean {
    const now = listenerEpoch();
    if (now !== epoch) {
      epoch = now;
      clear();
    }
    return now !== null;
  }
  return {
    clear,
    usable,
    version() {
      usable();
      return version;
    },
  };
}

export type AnnouncedValue<T> = {
  /** The value as last read, or read now (one read at a time, shared by everyone waiting for it). */
  get(): Promise<T>;
  /** Forgets the value: called on every announcement, and by this instance right after its own change. */
  clear(): void;
  /** Stops listening. */
  close(): Promise<void>;
};

/**
 * One value read from the database and kept in memory until a change to it is announced on `channel` (by a
 * trigger, when the changing transaction commits), on any instance.
 */
export async function announcedValue<T>(
  database: Pick<Database, 'listen' | 'listenerEpoch'>,
  channel: string,
  load: () => Promise<T>,
): Promise<AnnouncedValue<T>> {
  let cached: { value: T } | undefined;
  let loading: { version: number; promise: Promise<T> } | undefined;
  const guard = announcementGuard(database.listenerEpoch, () => {
    cached = undefined;
    loading = undefined;
  });
  const unlisten = await database.listen(channel, () => guard.clear());

  return {
    get() {
      if (!guard.usable()) return load();
      if (cached) return Promise.resolve(cached.value);
      if (loading) return loading.promise;
      const version = guard.version();
      const promise = load().then(
        (value) => {
          if (guard.version() === version) cached = { value };
          if (loading?.promise === promise) loading = undefined;
          return value;
        },
        (err: unknown) => {
          if (loading?.promise === promise) loading = undefined;
          throw err;
        },
      );
      loading = { version, promise };
      return promise;
    },
    clear: () => guard.clear(),
    close: unlisten,
  };
}
