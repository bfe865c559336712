import net from 'node:net';

export type Answer = { status: number; body: string; ms: number };

/**
 * A keep-alive HTTP/1.1 client over one socket, as lean as a load generator should be (the way wrk is):
 * Node's http client costs several times the work of the requests it measures here, on the same two cores.
 * It reads answers framed by Content-Length, which is how the API answers JSON; anything else is an error.
 */
export class LeanClient {
  private socket: net.Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private pending: { resolve: (a: Answer) => void; reject: (e: Error) => void; started: number } | undefined;

  private constructor(
    socket: net.Socket,
    private readonly host: string,
    private readonly token: string,
  ) {
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new Error('connection closed')));
  }

  static connect(base: URL, token: string): Promise<LeanClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(base.port), base.hostname, () =>
        resolve(new LeanClient(socket, base.host, token)),
      );
      socket.once('error', reject);
    });
  }

  get(path: string): Promise<Answer> {
    return this.request('GET', path);
  }

  /** One request; a body is sent as JSON. */
  request(method: string, path: string, body?: string): Promise<Answer> {
    if (this.pending) return Promise.reject(new Error('one request at a time'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, started: performance.now() };
      const auth = this.token ? `Authorization: Bearer ${this.token}\r\n` : '';
      const payload =
        body === undefined
          ? ''
          : `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
      this.socket.write(
        `${method} ${path} HTTP/1.1\r\nHost: ${this.host}\r\n${auth}${payload}\r\n${body ?? ''}`,
      );
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0 || !this.pending) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) {
      this.fail(new Error(`no Content-Length in: ${head.split('\r\n')[0]}`));
      return;
    }
    const total = end + 4 + Number(length[1]);
    if (this.buffer.length < total) return;
    const body = this.buffer.subarray(end + 4, total).toString('utf8');
    this.buffer = this.buffer.subarray(total);
    const { resolve, started } = this.pending;
    this.pending = undefined;
    resolve({ status: Number(head.slice(9, 12)), body, ms: performance.now() - started });
  }

  private fail(err: Error): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(err);
  }
}
