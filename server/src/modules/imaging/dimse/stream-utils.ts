import type { Readable } from 'node:stream';

/** Reads a whole (small) stream: identifiers and response data sets, never stored instances. */
export async function collect(stream: Readable, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    length += buffer.length;
    if (length > maxBytes) {
      stream.destroy();
      throw new Error(`data set larger than ${maxBytes} bytes`);
    }
    parts.push(buffer);
  }
  return Buffer.concat(parts);
}

/** A minimal push/pull queue: responses arrive by callback and are consumed by an async iterator. */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private wake: (() => void) | null = null;
  private ended = false;
  private error: Error | null = null;

  push(item: T): void {
    this.items.push(item);
    this.notify();
  }

  end(error?: Error): void {
    this.ended = true;
    this.error = error ?? null;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    while (true) {
      const item = this.items.shift();
      if (item !== undefined) {
        yield item;
        continue;
      }
      if (this.ended) {
        if (this.error) throw this.error;
        return;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }
}
