import { Worker } from 'node:worker_threads';

/** What drizzle's PGlite driver and our database handle use of a PGlite client. */
export type QueryOptions = {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, (value: string) => unknown>;
};
export type Results = {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
};
type Queryable = {
  query(text: string, params?: unknown[], options?: QueryOptions): Promise<Results>;
  exec(text: string): Promise<Results[]>;
};
export type ThreadTransaction = Queryable & { readonly closed: boolean };

type Reply = { id: number; result?: unknown; error?: Record<string, unknown> };
type Pending = { resolve: (value: unknown) => void; reject: (err: Error) => void };

/** The error the worker describes, with the fields callers read (code, constraint…) back on it. */
function errorOf(plain: Record<string, unknown>): Error {
  const err = new Error(String(plain.message ?? 'PGlite failed'));
  Object.assign(err, plain);
  return err;
}

/**
 * The parsers drizzle passes are identity functions for the types it wants as text (dates, intervals):
 * functions cannot cross to the worker, so their type ids go instead and the worker applies the same.
 */
function optionsForWorker(options?: QueryOptions) {
  if (!options) return undefined;
  return { rowMode: options.rowMode, textTypes: Object.keys(options.parsers ?? {}).map(Number) };
}

/**
 * A PGlite client whose database runs on a worker thread (pglite.worker.mjs): the same calls as PGlite's,
 * each a message. Queries outside a transaction wait for an open one inside the worker, as in PGlite.
 */
export class PgliteThread implements Queryable {
  closed = false;
  private worker: Worker;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  /** Each listen's callback, by the id its notifications come with. */
  private listeners = new Map<number, (payload: string) => void>();

  /** The host folder the database's files live in; undefined in memory. */
  readonly dataDir: string | undefined;

  private constructor(worker: Worker, dataDir: string | undefined) {
    this.worker = worker;
    this.dataDir = dataDir;
    worker.on('message', (msg: Reply & { notify?: number; payload?: string }) => {
      if (msg.notify !== undefined) {
        this.listeners.get(msg.notify)?.(msg.payload ?? '');
        return;
      }
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(errorOf(msg.error));
      else p.resolve(msg.result);
    });
    worker.on('error', (err) => this.failAll(err));
    worker.on('exit', () => this.failAll(new Error('the embedded database thread stopped')));
  }

  /** Starts the worker and waits until the database is open (`from`: a dumped data directory to load). */
  static async open(opts: { dataDir?: string; from?: Blob; setupSql: string }): Promise<PgliteThread> {
    const from = opts.from ? new Uint8Array(await opts.from.arrayBuffer()) : undefined;
    const worker = new Worker(new URL('./pglite.worker.mjs', import.meta.url), {
      workerData: { dataDir: opts.dataDir, from, setupSql: opts.setupSql },
      transferList: from ? [from.buffer as ArrayBuffer] : [],
    });
    const ready = await new Promise<{ ready: boolean; error?: Record<string, unknown> }>(
      (resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      },
    );
    if (!ready.ready) {
      await worker.terminate();
      throw errorOf(ready.error ?? {});
    }
    return new PgliteThread(worker, opts.dataDir);
  }

  private call<T>(msg: Record<string, unknown>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the embedded database is closed'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...msg, id });
    });
  }

  private failAll(err: Error): void {
    this.closed = true;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  query(text: string, params?: unknown[], options?: QueryOptions): Promise<Results> {
    return this.call({ op: 'query', text, params, options: optionsForWorker(options) });
  }

  exec(text: string): Promise<Results[]> {
    return this.call({ op: 'exec', text });
  }

  /** Runs `callback` in a transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(callback: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const txId = await this.call<number>({ op: 'begin' });
    let closed = false;
    const tx: ThreadTransaction = {
      get closed() {
        return closed;
      },
      query: (text, params, options) =>
        this.call({ op: 'query', tx: txId, text, params, options: optionsForWorker(options) }),
      exec: (text) => this.call({ op: 'exec', tx: txId, text }),
    };
    let result: T;
    try {
      result = await callback(tx);
    } catch (err) {
      closed = true;
      await this.call({ op: 'rollback', tx: txId });
      throw err;
    }
    closed = true;
    await this.call({ op: 'commit', tx: txId });
    return result;
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    const listenId = this.nextId++;
    this.listeners.set(listenId, onPayload);
    await this.call({ op: 'listen', channel, listenId });
    return async () => {
      this.listeners.delete(listenId);
      if (!this.closed) await this.call({ op: 'unlisten', listenId });
    };
  }

  async dumpDataDir(compression: 'none' | 'gzip' | 'auto' = 'none'): Promise<Blob> {
    const bytes = await this.call<Uint8Array<ArrayBuffer>>({ op: 'dump', compression });
    return new Blob([bytes]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.call({ op: 'close' });
    this.closed = true;
    await this.worker.terminate();
  }
}
