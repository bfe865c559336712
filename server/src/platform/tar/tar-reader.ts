import fs from 'node:fs/promises';
import path from 'node:path';

const BLOCK = 512;

/** An archive entry that would write outside the folder, or anything but a plain file or folder. */
export class UnsafeTarEntryError extends Error {}

type Header = { name: string; size: number; type: string };

function field(block: Buffer, start: number, length: number): string {
  const bytes = block.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? length : end).toString('utf8');
}

/** The entry a ustar header describes; null for the zero block that ends the archive. */
function parseHeader(block: Buffer): Header | null {
  if (block.every((b) => b === 0)) return null;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] ?? 0);
  if (sum !== Number.parseInt(field(block, 148, 8).trim(), 8))
    throw new Error('the archive is damaged: a header checksum does not match');
  const prefix = field(block, 345, 155);
  const name = field(block, 0, 100);
  return {
    name: prefix && field(block, 257, 6).startsWith('ustar') ? `${prefix}/${name}` : name,
    size: Number.parseInt(field(block, 124, 12).trim() || '0', 8),
    type: field(block, 156, 1) || '0',
  };
}

/**
 * Where an entry goes inside `folder`. A leading `/` means the folder itself, as PGlite's dumpDataDir names its
 * entries (`/base/1/112`); `..`, links and every other kind of entry are refused.
 */
function targetOf(folder: string, header: Header): string {
  if (header.type !== '0' && header.type !== '5')
    throw new UnsafeTarEntryError(`the archive holds ${header.name}, which is not a plain file or folder`);
  const relative = header.name.replace(/^\//, '');
  const parts = relative.split('/').filter((p) => p !== '' && p !== '.');
  if (relative.startsWith('/') || relative.includes('\\') || parts.includes('..'))
    throw new UnsafeTarEntryError(`the archive names ${header.name}, a path outside its folder`);
  return path.join(folder, ...parts);
}

/**
 * Writes a tar archive's files and folders into `folder` as it streams by, holding one block at a time.
 * Files are created new (never written through an existing file or link).
 */
export async function extractTar(source: AsyncIterable<Buffer>, folder: string): Promise<void> {
  await fs.mkdir(folder, { recursive: true });
  let header = Buffer.alloc(0);
  let file: fs.FileHandle | null = null;
  let remaining = 0;
  let skip = 0;
  let ended = false;
  try {
    for await (let chunk of source) {
      while (chunk.length && !ended) {
        if (remaining > 0) {
          const n = Math.min(remaining, chunk.length);
          await file?.write(chunk.subarray(0, n));
          remaining -= n;
          chunk = chunk.subarray(n);
          if (remaining === 0) {
            await file?.close();
            file = null;
          }
        } else if (skip > 0) {
          const n = Math.min(skip, chunk.length);
          skip -= n;
          chunk = chunk.subarray(n);
        } else {
          const n = Math.min(BLOCK - header.length, chunk.length);
          header = Buffer.concat([header, chunk.subarray(0, n)]);
          chunk = chunk.subarray(n);
          if (header.length < BLOCK) continue;
          const entry = parseHeader(header);
          header = Buffer.alloc(0);
          if (!entry) {
            ended = true;
            break;
          }
          const target = targetOf(folder, entry);
          if (entry.type === '5') {
            await fs.mkdir(target, { recursive: true });
            continue;
          }
          await fs.mkdir(path.dirname(target), { recursive: true });
          file = await fs.open(target, 'wx', 0o600);
          remaining = entry.size;
          skip = (BLOCK - (entry.size % BLOCK)) % BLOCK;
          if (remaining === 0) {
            await file.close();
            file = null;
          }
        }
      }
    }
  } finally {
    await file?.close();
  }
  if (!ended) throw new Error('the archive is cut off');
}
