import type { Duplex } from 'node:stream';
import { AbortReason, PduError } from './byte-cursor.ts';
import { decodePdu, type Pdu, PduType } from './pdu-codec.ts';

/** Association PDUs carry no data set; a proposal of all storage classes is a few dozen KiB. */
const maxControlPduLength = 1024 * 1024;

export interface PduReaderHandlers {
  onPdu(pdu: Pdu): void;
  /** Malformed or oversized input: the caller answers with an A-ABORT. */
  onError(error: PduError): void;
  /** The peer closed the stream; `truncated` when it stopped inside a PDU. */
  onEnd(truncated: boolean): void;
}

/**
 * Pulls one PDU at a time out of the socket's own buffer (paused mode), so at most one PDU
 * is held here; while paused, nothing is read and TCP flow control pushes back on the peer.
 */
export class PduReader {
  private pending: { type: number; length: number } | null = null;
  private paused = false;
  private stopped = false;

  constructor(
    private readonly stream: Duplex,
    /** The largest P-DATA-TF body we announced (0 = none announced: use the control limit). */
    public maxPduLength: number,
    private readonly handlers: PduReaderHandlers,
  ) {
    stream.on('readable', () => this.pump());
    stream.on('end', () => {
      if (!this.stopped) {
        this.stopped = true;
        handlers.onEnd(this.pending !== null || stream.readableLength > 0);
      }
    });
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    queueMicrotask(() => this.pump());
  }

  stop(): void {
    this.stopped = true;
  }

  private fail(error: PduError): void {
    this.stopped = true;
    this.handlers.onError(error);
  }

  private pump(): void {
    while (!this.paused && !this.stopped) {
      if (!this.pending) {
        const header: Buffer | null = this.stream.read(6);
        if (header === null || header.length < 6) return;
        const type = header[0]!;
        const length = header.readUInt32BE(2);
        if (type < PduType.AssociateRq || type > PduType.Abort) {
          this.fail(new PduError(`unknown PDU type 0x${type.toString(16)}`, AbortReason.UnrecognizedPdu));
          return;
        }
        const limit =
          type === PduType.PData && this.maxPduLength > 0 ? this.maxPduLength : maxControlPduLength;
        if (length > limit) {
          this.fail(new PduError(`PDU of ${length} bytes exceeds the limit of ${limit}`));
          return;
        }
        this.pending = { type, length };
      }
      const { type, length } = this.pending;
      let body: Buffer | null = Buffer.alloc(0);
      if (length > 0) {
        body = this.stream.read(length);
        if (body === null || body.length < length) return;
      }
      this.pending = null;
      let pdu: Pdu;
      try {
        pdu = decodePdu(type, body);
      } catch (error) {
        this.fail(error instanceof PduError ? error : new PduError(String(error)));
        return;
      }
      this.handlers.onPdu(pdu);
    }
  }
}
