import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Database, Db } from './database.ts';
import { SESSION_SETUP_SQL } from './session-settings.ts';

type Handlers = Map<string, Set<(payload: string) => void>>;

/**
 * One dedicated connection carries every LISTEN of this instance. When it drops (a PostgreSQL restart,
 * a network cut) it reconnects with backoff and listens again on every channel.
 */
function createListener(url: string, handlers: Handlers) {
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;
  let retryMs = 250;
  let opened = 0;

  async function connect(): Promise<pg.Client> {
    // Keepalive: a connection cut without a reset is noticed (and the listener reopened) within minutes.
    const c = new pg.Client({ connectionString: url, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    c.on('notification', (msg) => {
      for (const h of handlers.get(msg.channel) ?? []) h(msg.payload ?? '');
    });
    c.on('error', () => reconnect(c));
    c.on('end', () => reconnect(c));
    await c.connect();
    for (const channel of handlers.keys()) await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    retryMs = 250;
    client = c;
    opened++;
    return c;
  }

  function reconnect(from: pg.Client): void {
    if (closed || client !== from) return;
    client = undefined;
    from.end().catch(() => {});
    const attempt = () => {
      if (closed) return;
      connecting = connect().finally(() => {
        connecting = undefined;
      });
      connecting.catch(() => {
        retryMs = Math.min(10_000, retryMs * 2);
        setTimeout(attempt, retryMs).unref();
      });
    };
    setTimeout(attempt, retryMs).unref();
  }

  return {
    /** Set once every LISTEN is in place, cleared as soon as the connection is seen to drop. */
    epoch: () => (client ? opened : null),
    async get(): Promise<pg.Client> {
      if (client) return client;
      connecting ??= connect().finally(() => {
        connecting = undefined;
      });
      return connecting;
    },
    async close() {
      closed = true;
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}

export async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    idleTimeoutMillis: 30_000,
    // Awaited by the pool before it hands a new connection out.
    onConnect: async (client: pg.ClientBase) => {
      await client.query(SESSION_SETUP_SQL);
    },
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  const probe = await pool.connect();
  probe.release();
  const handlers: Handlers = new Map();
  const listener = createListener(url, handlers);

  return {
    kind: 'postgres',
    db: drizzle({ client: pool }) as unknown as Db,
    async listen(channel, onPayload) {
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await (await listener.get()).query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
      set.add(onPayload);
      return async () => {
        set.delete(onPayload);
      };
    },
    listenerEpoch: listener.epoch,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}
