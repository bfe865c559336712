import { describe, expect, it } from 'vitest';
import { announcedValue } from './announced-value.ts';

/** A database that only announces: `announce` is what a committed change does on the channel. */
function setup() {
  const state = { epoch: 1 as number | null, stored: 'a', reads: 0 };
  const handlers: ((payload: string) => void)[] = [];
  let release: (() => void) | undefined;
  const database = {
    listenerEpoch: () => state.epoch,
    listen: async (_channel: string, h: (payload: string) => void) => {
      handlers.push(h);
      return async () => {};
    },
  };
  const load = async () => {
    state.reads++;
    const value = state.stored;
    if (release === undefined) return value;
    await new Promise<void>((resolve) => {
      release = resolve;
    });
    return value;
  };
  const hold = () => {
    release = () => {};
  };
  const finish = () => {
    const r = release;
    release = undefined;
    r?.();
  };
  return {
    state,
    database,
    load,
    announce: () => {
      for (const h of handlers) h('');
    },
    hold,
    finish,
  };
}

describe('announced value', () => {
  it('reads once, then answers from memory until a change is announced', async () => {
    const s = setup();
    const value = await announcedValue(s.database, 'c', s.load);
    expect(await value.get()).toBe('a');
    s.state.stored = 'b';
    expect(await value.get()).toBe('a');
    expect(s.state.reads).toBe(1);
    s.announce();
    expect(await value.get()).toBe('b');
    expect(s.state.reads).toBe(2);
  });

  it('shares one read among everyone waiting, and keeps out a read that began before a change', async () => {
    const s = setup();
    const value = await announcedValue(s.database, 'c', s.load);
    s.hold();
    const first = value.get();
    const second = value.get();
    s.state.stored = 'b';
    s.announce();
    s.finish();
    expect(await first).toBe('a');
    expect(await second).toBe('a');
    expect(s.state.reads).toBe(1);
    expect(await value.get()).toBe('b');
    expect(s.state.reads).toBe(2);
  });

  it('reads every time while nothing announces changes, and starts afresh on a new listener', async () => {
    const s = setup();
    const value = await announcedValue(s.database, 'c', s.load);
    await value.get();
    s.state.epoch = null;
    await value.get();
    await value.get();
    expect(s.state.reads).toBe(3);
    s.state.epoch = 2;
    s.state.stored = 'b';
    expect(await value.get()).toBe('b');
    expect(await value.get()).toBe('b');
    expect(s.state.reads).toBe(4);
  });

  it('forgets a failed read', async () => {
    const s = setup();
    let fail = true;
    const value = await announcedValue(s.database, 'c', async () => {
      if (fail) throw new Error('down');
      return s.load();
    });
    await expect(value.get()).rejects.toThrow('down');
    fail = false;
    expect(await value.get()).toBe('a');
  });
});
