import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type { AssociateAccept, AssociateRequest, RoleSelection } from './associate-pdu.ts';
import { encodeAssociateAccept, encodeAssociateRequest } from './associate-pdu.ts';
import { AbortReason, PduError } from './byte-cursor.ts';
import { type Command, encodeCommand } from './command-set.ts';
import { type DimseMessage, fragments, MessageAssembler } from './message-assembler.ts';
import {
  type AssociateReject,
  encodeAbort,
  encodeAssociateReject,
  encodePData,
  encodeReleaseRequest,
  encodeReleaseResponse,
  type Pdu,
} from './pdu-codec.ts';
import { PduReader } from './pdu-reader.ts';

export type { DimseMessage } from './message-assembler.ts';

export interface AcceptedContext {
  id: number;
  abstractSyntax: string;
  transferSyntax: string;
}

export type AssociationEnd = 'released' | 'aborted' | 'peer-aborted' | 'closed' | 'rejected';

export interface AssociationOptions {
  /** Largest P-DATA-TF we accept (announced in user information). */
  maxPduLength: number;
  /** Abort when nothing arrives for this long and no operation runs (0 = never). */
  idleTimeoutMs?: number;
}

/** Used when the peer announces no limit (0): keeps our fragments a sane size. */
const unlimitedFragment = 1024 * 1024;
const releaseTimeoutMs = 10_000;

/**
 * One DICOM association over one socket, either side: PDU exchange, DIMSE message framing
 * (both directions), response routing by message ID, release and abort.
 */
export class Association {
  readonly id = randomUUID();
  callingAeTitle = '';
  calledAeTitle = '';
  readonly contexts = new Map<number, AcceptedContext>();
  roleSelections: RoleSelection[] = [];
  peerMaxPduLength = 0;
  peerImplementationClassUid?: string;
  peerImplementationVersionName?: string;
  /** Requests (role side) that are not responses awaited through expect(). */
  onRequest: (message: DimseMessage) => void = () => {};
  readonly closed: Promise<{ end: AssociationEnd; error?: Error }>;

  private readonly reader: PduReader;
  private readonly assembler: MessageAssembler;
  private readonly controller = new AbortController();
  private readonly waiters = new Map<number, (message: DimseMessage) => void>();
  private pduWaiter: ((pdu: Pdu) => void) | null = null;
  private established = false;
  private releasing: (() => void) | null = null;
  private sendChain: Promise<void> = Promise.resolve();
  private messageId = 0;
  private inFlight = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private finish!: (end: AssociationEnd, error?: Error) => void;

  constructor(
    readonly socket: Socket,
    private readonly options: AssociationOptions,
  ) {
    this.closed = new Promise((resolve) => {
      let done = false;
      this.finish = (end, error) => {
        if (done) return;
        done = true;
        clearTimeout(this.idleTimer);
        this.reader.stop();
        const reason = error ?? new Error(`association ${end}`);
        this.assembler.fail(reason);
        this.controller.abort(reason);
        this.waiters.clear();
        // Discard what still comes in, so the peer's FIN is seen and the socket closes.
        socket.removeAllListeners('readable');
        socket.resume();
        // A last PDU (RJ, RP, A-ABORT) written with end() gets a moment to flush.
        if (socket.writableEnded) setTimeout(() => socket.destroy(), 2000).unref();
        else socket.destroy();
        resolve({ end, error });
      };
    });
    this.assembler = new MessageAssembler((message) => this.dispatch(message), {
      pause: () => this.reader.pause(),
      resume: () => this.reader.resume(),
    });
    this.reader = new PduReader(socket, options.maxPduLength, {
      onPdu: (pdu) => this.receive(pdu),
      onError: (error) => this.abort(error),
      onEnd: (truncated) =>
        this.finish(truncated ? 'aborted' : 'closed', new Error('connection closed by peer')),
    });
    socket.on('error', (error) => this.finish('closed', error));
    socket.on('close', () => this.finish('closed'));
  }

  get remoteAddress(): string {
    return this.socket.remoteAddress ?? '';
  }

  /** Aborted when the association ends, however it ends. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isOpen(): boolean {
    return !this.controller.signal.aborted;
  }

  get operationsInFlight(): number {
    return this.inFlight;
  }

  nextMessageId(): number {
    this.messageId = (this.messageId % 0xffff) + 1;
    return this.messageId;
  }

  /** The next PDU (negotiation phase only). */
  nextPdu(timeoutMs: number): Promise<Pdu> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pduWaiter = null;
        reject(new Error('timed out waiting for the peer'));
        this.abort();
      }, timeoutMs);
      this.signal.addEventListener('abort', () => reject(this.signal.reason), { once: true });
      this.pduWaiter = (pdu) => {
        clearTimeout(timer);
        this.pduWaiter = null;
        resolve(pdu);
      };
    });
  }

  sendAssociateRequest(rq: AssociateRequest): void {
    this.callingAeTitle = rq.callingAeTitle;
    this.calledAeTitle = rq.calledAeTitle;
    this.socket.write(encodeAssociateRequest(rq));
  }

  sendAssociateAccept(ac: AssociateAccept): void {
    this.socket.write(encodeAssociateAccept(ac));
  }

  reject(rj: AssociateReject): void {
    this.socket.end(encodeAssociateReject(rj));
    this.finish('rejected');
  }

  /** Both sides: negotiation done, DIMSE messages may flow. */
  establish(contexts: AcceptedContext[], peerMaxPduLength: number, roles: RoleSelection[]): void {
    for (const context of contexts) this.contexts.set(context.id, context);
    this.peerMaxPduLength = peerMaxPduLength;
    this.roleSelections = roles;
    this.established = true;
    this.touch();
  }

  /** Counts an operation as running (graceful close and the idle timer wait for it). */
  async track<T>(operation: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await operation();
    } finally {
      this.inFlight--;
      this.touch();
    }
  }

  /** Routes responses to `messageId` to `onResponse` until it returns true; watch `signal` for the end. */
  expect(messageId: number, onResponse: (message: DimseMessage) => boolean): void {
    this.waiters.set(messageId, (message) => {
      if (onResponse(message)) this.waiters.delete(messageId);
    });
  }

  unexpect(messageId: number): void {
    this.waiters.delete(messageId);
  }

  /** Sends one DIMSE message; messages never interleave on the wire. */
  send(contextId: number, command: Command, dataSet?: Buffer | Readable): Promise<void> {
    const run = this.sendChain.then(() => this.write(contextId, command, dataSet));
    this.sendChain = run.catch(() => {});
    return run;
  }

  /** Our side asks to release; resolves when the peer answered (or the link is gone). */
  async release(): Promise<void> {
    if (!this.isOpen) return;
    await this.sendChain;
    const answered = new Promise<void>((resolve) => {
      this.releasing = resolve;
    });
    this.socket.write(encodeReleaseRequest());
    const timer = setTimeout(() => this.abort(), releaseTimeoutMs);
    await Promise.race([answered, this.closed]);
    clearTimeout(timer);
    this.socket.end();
    this.finish('released');
  }

  /** A-ABORT: as service user (no error) or as provider after a protocol error. */
  abort(error?: PduError | Error): void {
    if (!this.isOpen) return;
    const reason = error instanceof PduError ? error.abortReason : AbortReason.NotSpecified;
    const pdu = encodeAbort(error instanceof PduError ? 2 : 0, reason);
    if (this.socket.writable) this.socket.end(pdu);
    this.finish('aborted', error);
  }

  private touch(): void {
    const idle = this.options.idleTimeoutMs ?? 0;
    if (!idle || !this.isOpen) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.inFlight > 0) this.touch();
      else this.abort(new Error('idle timeout'));
    }, idle);
    this.idleTimer.unref();
  }

  private receive(pdu: Pdu): void {
    this.touch();
    if (pdu.type === 'abort') {
      this.finish('peer-aborted', new Error('association aborted by peer'));
    } else if (!this.established) {
      if (this.pduWaiter) this.pduWaiter(pdu);
      else this.abort(new PduError(`unexpected ${pdu.type}`, AbortReason.UnexpectedPdu));
    } else this.receiveEstablished(pdu);
  }

  private receiveEstablished(pdu: Pdu): void {
    try {
      if (pdu.type === 'p-data') {
        for (const pdv of pdu.pdvs) {
          if (!this.contexts.has(pdv.contextId))
            throw new PduError(`unknown presentation context ${pdv.contextId}`);
          this.assembler.accept(pdv);
        }
      } else if (pdu.type === 'release-rq') {
        void this.answerRelease();
      } else if (pdu.type === 'release-rp' && this.releasing) {
        this.releasing();
      } else throw new PduError(`unexpected ${pdu.type}`, AbortReason.UnexpectedPdu);
    } catch (error) {
      this.abort(error instanceof PduError ? error : new PduError(String(error)));
    }
  }

  private async answerRelease(): Promise<void> {
    if (this.releasing) {
      // Release collision: as requestor, we answer and also await the peer's answer.
      this.socket.write(encodeReleaseResponse());
      return;
    }
    await this.sendChain;
    if (this.isOpen) this.socket.end(encodeReleaseResponse());
    this.finish('released');
  }

  private dispatch(message: DimseMessage): void {
    const { command } = message;
    const waiter =
      command.commandField & 0x8000 ? this.waiters.get(command.messageIdBeingRespondedTo ?? -1) : undefined;
    if (waiter) waiter(message);
    else this.onRequest(message);
  }

  private async write(contextId: number, command: Command, dataSet?: Buffer | Readable): Promise<void> {
    const limit = (this.peerMaxPduLength || unlimitedFragment) - 6;
    for await (const { data, isLast } of fragments([encodeCommand(command)], limit)) {
      await this.writePdu(encodePData({ contextId, isCommand: true, isLast, data }));
    }
    if (!dataSet) return;
    for await (const { data, isLast } of fragments(Buffer.isBuffer(dataSet) ? [dataSet] : dataSet, limit)) {
      await this.writePdu(encodePData({ contextId, isCommand: false, isLast, data }));
    }
  }

  private async writePdu(pdu: Buffer): Promise<void> {
    if (!this.isOpen || !this.socket.writable) throw new Error('association is closed');
    if (this.socket.write(pdu)) return;
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(new Error('association is closed'));
      this.signal.addEventListener('abort', onAbort, { once: true });
      this.socket.once('drain', () => {
        this.signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }
}
