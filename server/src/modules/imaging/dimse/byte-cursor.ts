/** A-ABORT reasons of the service provider (PS3.8 9.3.8). */
export const AbortReason = {
  NotSpecified: 0,
  UnrecognizedPdu: 1,
  UnexpectedPdu: 2,
  UnrecognizedPduParameter: 4,
  UnexpectedPduParameter: 5,
  InvalidPduParameterValue: 6,
} as const;

/** Malformed or unexpected bytes from the peer; the association answers it with an A-ABORT. */
export class PduError extends Error {
  constructor(
    message: string,
    readonly abortReason: number = AbortReason.InvalidPduParameterValue,
  ) {
    super(message);
    this.name = 'PduError';
  }
}

/** Bounds-checked big-endian reads over one PDU body. */
export class ByteCursor {
  constructor(
    readonly buffer: Buffer,
    public offset = 0,
    readonly end = buffer.length,
  ) {}

  get remaining(): number {
    return this.end - this.offset;
  }

  private need(n: number): void {
    if (n < 0 || this.offset + n > this.end) throw new PduError('PDU field runs past its end');
  }

  u8(): number {
    this.need(1);
    return this.buffer.readUInt8(this.offset++);
  }

  u16(): number {
    this.need(2);
    const v = this.buffer.readUInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  u32(): number {
    this.need(4);
    const v = this.buffer.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  bytes(n: number): Buffer {
    this.need(n);
    const b = this.buffer.subarray(this.offset, this.offset + n);
    this.offset += n;
    return b;
  }

  /** A sub-cursor over the next n bytes; this cursor skips past them. */
  slice(n: number): ByteCursor {
    this.need(n);
    const sub = new ByteCursor(this.buffer, this.offset, this.offset + n);
    this.offset += n;
    return sub;
  }

  /** UIDs and AE titles: ASCII, trailing NUL/space padding removed. */
  text(n: number): string {
    return trimPadding(this.bytes(n).toString('latin1'));
  }
}

export function trimPadding(s: string): string {
  return s.replace(/[\0 ]+$/, '');
}
