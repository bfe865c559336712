import { MalformedFrameError } from './pixel-description.ts';

/**
 * A Huffman table (ITU T.81 Annex C) as a 16-bit lookahead: entry = code length << 8 | symbol, 0 for no code.
 * `payload` starts at the 16 code-length counts.
 */
export function buildHuffmanLookup(data: Uint8Array, payload: number): { lookup: Uint16Array; end: number } {
  const lookup = new Uint16Array(1 << 16);
  let symbol = payload + 16;
  let code = 0;
  for (let length = 1; length <= 16; length++) {
    const count = data[payload + length - 1] ?? 0;
    for (let i = 0; i < count; i++, code++) {
      if (code >= 1 << length || symbol >= data.length)
        throw new MalformedFrameError('Invalid JPEG Huffman table');
      const span = 1 << (16 - length);
      lookup.fill((length << 8) | data[symbol++]!, code * span, (code + 1) * span);
    }
    code <<= 1;
  }
  return { lookup, end: symbol };
}

/** Reads the entropy-coded segment of a scan: removes stuffed zero bytes, and stops at markers. */
export class EntropyReader {
  private bits = 0;
  private count = 0;
  /** Zero bytes fed in place of data because a marker or the end of the stream was reached. */
  private starved = 0;

  constructor(
    private readonly data: Uint8Array,
    public pos: number,
  ) {}

  private fill(): void {
    const data = this.data;
    while (this.count < 24) {
      let byte = 0;
      if (this.pos < data.length && data[this.pos] !== 0xff) byte = data[this.pos++]!;
      else if (data[this.pos + 1] === 0) {
        byte = 0xff;
        this.pos += 2;
      } else this.starved++;
      this.bits = (this.bits << 8) | byte;
      this.count += 8;
    }
  }

  decode(lookup: Uint16Array): number {
    if (this.count < 16) this.fill();
    const entry = lookup[(this.bits >>> (this.count - 16)) & 0xffff]!;
    if (entry === 0) throw new MalformedFrameError('Invalid Huffman code in JPEG data');
    this.count -= entry >> 8;
    return entry & 0xff;
  }

  /** Reads `size` bits as a signed value (T.81 F.2.2.1 RECEIVE and EXTEND). */
  receiveExtend(size: number): number {
    if (size === 0) return 0;
    if (this.count < size) this.fill();
    this.count -= size;
    const value = (this.bits >>> this.count) & ((1 << size) - 1);
    return value < 1 << (size - 1) ? value - (1 << size) + 1 : value;
  }

  /** At a restart interval's end: drops the padding bits and steps over the RSTn marker. */
  restart(): void {
    this.checkNotStarved();
    this.bits = 0;
    this.count = 0;
    this.starved = 0;
    const data = this.data;
    while (this.pos + 1 < data.length && !(data[this.pos] === 0xff && data[this.pos + 1] !== 0)) this.pos++;
    const marker = data[this.pos + 1] ?? 0;
    if (marker >= 0xd0 && marker <= 0xd7) this.pos += 2;
  }

  /** Lookahead may run a few bytes past the data; more than that means the stream was cut short. */
  checkNotStarved(): void {
    if (this.starved > 4) throw new MalformedFrameError('JPEG entropy-coded data cut short');
  }

  /** The position of the marker that ends the scan. */
  scanEnd(): number {
    const data = this.data;
    let pos = this.pos;
    while (pos + 1 < data.length) {
      if (data[pos] === 0xff) {
        const next = data[pos + 1]!;
        if (next !== 0 && next !== 0xff && (next < 0xd0 || next > 0xd7)) return pos;
      }
      pos++;
    }
    return data.length;
  }
}
