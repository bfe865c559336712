import { Readable } from 'node:stream';
import { AbortReason, PduError } from './byte-cursor.ts';
import { type Command, decodeCommand, hasDataSet } from './command-set.ts';
import type { Pdv } from './pdu-codec.ts';

const maxCommandLength = 64 * 1024;
const dataSetHighWaterMark = 256 * 1024;

/** A received DIMSE message; its data set streams in as P-DATA arrives. */
export interface DimseMessage {
  contextId: number;
  command: Command;
  dataSet?: Readable;
  /** Settles when the last data set fragment has arrived (at once when there is none). */
  dataSetReceived: Promise<void>;
}

interface IncomingDataSet {
  contextId: number;
  stream: Readable;
  discarding: boolean;
  done: () => void;
  fail: (error: Error) => void;
}

/**
 * Turns PDVs into DIMSE messages. A message is delivered as soon as its command is complete,
 * before its data set, so that a handler can stream it; the caller pauses/resumes the reader.
 */
export class MessageAssembler {
  private commandParts: Buffer[] = [];
  private commandLength = 0;
  private commandContext = -1;
  private incoming: IncomingDataSet | null = null;

  constructor(
    private readonly deliver: (message: DimseMessage) => void,
    private readonly flow: { pause(): void; resume(): void },
  ) {}

  /** Throws PduError on a protocol violation. */
  accept(pdv: Pdv): void {
    if (pdv.isCommand) {
      this.acceptCommand(pdv);
      return;
    }
    const incoming = this.incoming;
    if (!incoming || incoming.contextId !== pdv.contextId) {
      throw new PduError(
        'data set fragment without a command announcing it',
        AbortReason.UnexpectedPduParameter,
      );
    }
    if (pdv.isLast) this.incoming = null;
    if (!incoming.discarding && pdv.data.length > 0 && !incoming.stream.push(pdv.data)) this.flow.pause();
    if (pdv.isLast) {
      if (!incoming.discarding) incoming.stream.push(null);
      incoming.done();
    }
  }

  private acceptCommand(pdv: Pdv): void {
    if (this.incoming)
      throw new PduError('command fragment inside a data set', AbortReason.UnexpectedPduParameter);
    if (this.commandParts.length > 0 && pdv.contextId !== this.commandContext) {
      throw new PduError('command fragments on different presentation contexts');
    }
    this.commandContext = pdv.contextId;
    this.commandParts.push(pdv.data);
    this.commandLength += pdv.data.length;
    if (this.commandLength > maxCommandLength) throw new PduError('command set too long');
    if (!pdv.isLast) return;
    const command = decodeCommand(Buffer.concat(this.commandParts));
    this.commandParts = [];
    this.commandLength = 0;
    if (!hasDataSet(command)) {
      this.deliver({ contextId: pdv.contextId, command, dataSetReceived: Promise.resolve() });
      return;
    }
    const stream = new Readable({ highWaterMark: dataSetHighWaterMark, read: () => this.flow.resume() });
    let done = () => {};
    let fail: (error: Error) => void = () => {};
    const dataSetReceived = new Promise<void>((resolve, reject) => {
      done = resolve;
      fail = reject;
    });
    dataSetReceived.catch(() => {});
    const incoming: IncomingDataSet = { contextId: pdv.contextId, stream, discarding: false, done, fail };
    // A consumer that destroys the stream early must not stall the association: drop the rest.
    stream.on('close', () => {
      if (this.incoming === incoming) {
        incoming.discarding = true;
        this.flow.resume();
      }
    });
    stream.on('error', () => {});
    this.incoming = incoming;
    this.deliver({ contextId: pdv.contextId, command, dataSet: stream, dataSetReceived });
  }

  /** The association ended: a data set still arriving errors. */
  fail(error: Error): void {
    const incoming = this.incoming;
    this.incoming = null;
    if (!incoming) return;
    incoming.fail(error);
    if (!incoming.stream.destroyed) incoming.stream.destroy(error);
  }
}

/** Cuts a byte source into fragments of at most `limit` bytes; only the last one has `isLast`. */
export async function* fragments(
  source: Iterable<Buffer> | AsyncIterable<Buffer>,
  limit: number,
): AsyncGenerator<{ data: Buffer; isLast: boolean }> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length > limit) {
      yield { data: pending.subarray(0, limit), isLast: false };
      pending = pending.subarray(limit);
    }
  }
  yield { data: pending, isLast: true };
}
