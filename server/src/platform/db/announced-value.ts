import type { Database, Executor } from './database.ts';

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
  /**
   * The value as last read, or read now through `db`: inside a transaction pass the transaction, since the
   * embedded database has one connection and a read beside an open transaction would wait for it forever.
   */
  get(db: Executor): Promise<T>;
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
  load: (db: Executor) => Promise<T>,
): Promise<AnnouncedValue<T>> {
  let cached: { value: T } | undefined;
  const guard = announcementGuard(database.listenerEpoch, () => {
    cached = undefined;
  });
  const unlisten = await database.listen(channel, () => guard.clear());

  return {
    async get(db) {
      if (!guard.usable()) return load(db);
      if (cached) return cached.value;
      const version = guard.version();
      const value = await load(db);
      if (guard.version() === version) cached = { value };
      return value;
    },
    clear: () => guard.clear(),
    close: unlisten,
  };
}
