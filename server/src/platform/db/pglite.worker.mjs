// The embedded database on its own thread: PGlite (PostgreSQL in WebAssembly) answers the main thread's
// messages here, so its work runs beside the server's event loop instead of inside it. Plain JavaScript
// (no TypeScript loader in workers). The main thread's side is pglite-thread.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';

const { dataDir, from, setupSql } = workerData;
const port = parentPort;

/** Error fields a caller may read (drizzle keeps the driver's error as `cause`). */
const ERROR_FIELDS = [
  'code',
  'constraint',
  'detail',
  'hint',
  'table',
  'column',
  'schema',
  'severity',
  'position',
];
function plainError(err) {
  const out = { name: err?.name ?? 'Error', message: err?.message ?? String(err) };
  for (const key of ERROR_FIELDS) if (err && err[key] !== undefined) out[key] = err[key];
  return out;
}

/** The parsers drizzle asks for are identity functions for the types it reads as text. */
function queryOptions(options) {
  if (!options) return undefined;
  const parsers = {};
  for (const oid of options.textTypes ?? []) parsers[oid] = (value) => value;
  return { rowMode: options.rowMode, parsers };
}

let client;
const transactions = new Map();
let nextTx = 1;
const listeners = new Map();

/** The connection a message runs on: its open transaction, or the database. */
function targetOf(msg) {
  if (!msg.tx) return client;
  const entry = transactions.get(msg.tx);
  if (!entry) throw new Error('the transaction is over');
  return entry.tx;
}

async function handle(msg) {
  switch (msg.op) {
    case 'query': {
      const r = await targetOf(msg).query(msg.text, msg.params, queryOptions(msg.options));
      return { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows };
    }
    case 'exec': {
      return (await targetOf(msg).exec(msg.text)).map((r) => ({
        rows: r.rows,
        fields: r.fields,
        affectedRows: r.affectedRows,
      }));
    }
    case 'begin': {
      // PGlite runs the transaction around a callback: it stays open until the main thread says commit or
      // rollback, and `done` settles once PGlite has committed or rolled back.
      const entry = {};
      let started;
      const opened = new Promise((resolve) => {
        started = resolve;
      });
      entry.done = client.transaction(
        (tx) =>
          new Promise((commit, rollback) => {
            Object.assign(entry, { tx, commit, rollback });
            started();
          }),
      );
      await Promise.race([opened, entry.done]);
      const id = nextTx++;
      transactions.set(id, entry);
      return id;
    }
    case 'commit':
    case 'rollback': {
      const entry = transactions.get(msg.tx);
      if (!entry) throw new Error('the transaction is over');
      transactions.delete(msg.tx);
      if (msg.op === 'commit') {
        entry.commit();
        await entry.done;
      } else {
        entry.rollback(new Error('rolled back'));
        await entry.done.catch(() => undefined);
      }
      return null;
    }
    case 'listen': {
      const unlisten = await client.listen(msg.channel, (payload) =>
        port.postMessage({ notify: msg.listenId, payload }),
      );
      listeners.set(msg.listenId, unlisten);
      return null;
    }
    case 'unlisten': {
      const unlisten = listeners.get(msg.listenId);
      listeners.delete(msg.listenId);
      if (unlisten && !client.closed) await unlisten();
      return null;
    }
    case 'dump': {
      const blob = await client.dumpDataDir(msg.compression);
      return new Uint8Array(await blob.arrayBuffer());
    }
    case 'close': {
      if (!client.closed) await client.close();
      return null;
    }
    default:
      throw new Error(`unknown operation ${msg.op}`);
  }
}

try {
  client = await PGlite.create({
    dataDir,
    extensions: { pg_trgm, unaccent, btree_gist },
    loadDataDir: from ? new Blob([from]) : undefined,
    // PostgreSQL's buffer cache lives in PGlite's WebAssembly memory and is set up on every open: PGlite's
    // 128 MB default made that a third of the time the database takes to open (and of the memory it
    // holds). The operating system's file cache still serves what does not fit.
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
  });
  await client.exec(setupSql);
  port.postMessage({ ready: true });
} catch (err) {
  port.postMessage({ ready: false, error: plainError(err) });
}

port.on('message', (msg) => {
  handle(msg).then(
    (result) => port.postMessage({ id: msg.id, result }),
    (err) => port.postMessage({ id: msg.id, error: plainError(err) }),
  );
});
