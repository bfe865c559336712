import { describe, expect, it } from 'vitest';
import { announcedValue } from './announced-value.ts';
import type { Executor } from './database.ts';

/** A database that only announces: `announce` is what a committed change does on the channel. */
function setup() {
  const state = { epoch: 1 as number | null, stored: 'a', reads: [] as string[] };
  const handlers: ((payload: string) => void)[] = [];
  const database = {
    listenerEpoch: () => state.epoch,
    listen: async (_channel: string, h: (payload: string) => void) => {
      handlers.push(h);
      return async () => {};
    },
  };
  let release: (() => void) | undefined;
  const load = async (db: Executor) => {
    state.reads.push(db as unknown as string);
    const value = state.stored;
    if (release) await new Promise<void>((resolve) => (release = resolve));
    return value;
  };
  return {
    state,
    database,
    load,
    announce: () => {
      for (const h of handlers) h('');
    },
    /** The next read waits until `finish`. */
    hold: () => {
      release = () => {};
    },
    finish: () => {
      const r = release;
      release = undefined;
      r?.();
    },
  };
}

const pool = 'pool' as unknown as Executor;
const tx = 'tx' as unknown as Executor;

describe('announced value', () => {
  it('reads once, then answers from memory until a change is announced', async () => {
    const s = setup();
    const value = await announcedValue(s.database, 'c', s.load);
    expect(await value.get(pool)).toBe('a');
    s.state.stored = 'b';
    expect(await value.get(pool)).toBe('a');
    expect(s.state.reads).toHaveLength(1);
    s.announce();
    expect(await value.get(pool)).toBe('b');
    expect(s.state.reads).toHaveLength(2);
  });

  it('reads through the executor it is given (a transaction reads inside itself)', async () => {
    const s = setup();
    const value = await announcedValue(s.database, 'c', s.load);
    await value.get(tx);
    expect(s.state.reads).toEqual(['tx']);
  });

  it('keeps out a read that began before a change was announced', async () => {
    const s = setup();
    const value = await announcedValue(s.database, 'c', s.load);
    s.hold();
    const early = value.get(pool);
    s.state.stored = 'b';
    s.announce();
    s.finish();
    expect(await early).toBe('a');
    expect(await value.get(pool)).toBe('b');
  });

  it('reads every time while nothing announces changes, and starts afresh on a new listener', async () => {
    const s = setup();
    const value = await announcedValue(s.database, 'c', s.load);
    await value.get(pool);
    s.state.epoch = null;
    await value.get(pool);
    await value.get(pool);
    expect(s.state.reads).toHaveLength(3);
    s.state.epoch = 2;
    s.state.stored = 'b';
    expect(await value.get(pool)).toBe('b');
    expect(await value.get(pool)).toBe('b');
    expect(s.state.reads).toHaveLength(4);
  });

  it('forgets a failed read', async () => {
    const s = setup();
    let fail = true;
    const value = await announcedValue(s.database, 'c', async (db) => {
      if (fail) throw new Error('down');
      return s.load(db);
    });
    await expect(value.get(pool)).rejects.toThrow('down');
    fail = false;
    expect(await value.get(pool)).toBe('a');
  });
});
