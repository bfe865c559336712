import { Readable } from 'node:stream';

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** A ustar header for a regular file or a folder (names up to 100 bytes, which every backup path is). */
export function tarHeader(name: string, size: number, mtime: Date, directory = false): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`the name is too long for a tar header: ${name}`);
  const header = Buffer.alloc(BLOCK);
  header.write(name, 0, 'utf8');
  header.write(octal(directory ? 0o755 : 0o644, 8), 100, 'latin1');
  header.write(octal(0, 8), 108, 'latin1');
  header.write(octal(0, 8), 116, 'latin1');
  header.write(octal(size, 12), 124, 'latin1');
  header.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'latin1');
  header.write('        ', 148, 'latin1');
  header.write(directory ? '5' : '0', 156, 'latin1');
  header.write('ustar\0', 257, 'latin1');
  header.write('00', 263, 'latin1');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return header;
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** A file, opened only when its turn comes, or a folder (`directory`, which has no content). */
export type TarEntry =
  | { name: string; size: number; open: () => Promise<Readable> }
  | { name: string; directory: true };

/** The archive's exact length, for Content-Length. */
export function tarLength(entries: readonly TarEntry[]): number {
  const length = (e: TarEntry) => ('directory' in e ? 0 : e.size + padding(e.size));
  return entries.reduce((sum, e) => sum + BLOCK + length(e), 0) + 2 * BLOCK;
}

/** Streams the entries as a tar archive, opening each only when its turn comes; an entry of the wrong size errors. */
export function tarStream(entries: readonly TarEntry[], mtime = new Date()): Readable {
  async function* blocks() {
    for (const entry of entries) {
      if ('directory' in entry) {
        yield tarHeader(entry.name, 0, mtime, true);
        continue;
      }
      yield tarHeader(entry.name, entry.size, mtime);
      let sent = 0;
      for await (const chunk of await entry.open()) {
        sent += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      if (sent !== entry.size) throw new Error(`${entry.name} gave ${sent} bytes, not ${entry.size}`);
      yield Buffer.alloc(padding(entry.size));
    }
    yield Buffer.alloc(2 * BLOCK);
  }
  return Readable.from(blocks(), { objectMode: false });
}
