import fs from 'node:fs/promises';
import path from 'node:path';

/** A WAL segment's file name: timeline, then log and segment number, all hex; `.partial` while being written. */
const SEGMENT = /^([0-9A-F]{8})([0-9A-F]{16})(\.partial)?$/;

export type WalFile = { file: string; segment: string; partial: boolean };

/** The segment a file of the archive holds, or null for anything else (history files, temporary files). */
export function walFileOf(file: string): WalFile | null {
  const m = SEGMENT.exec(file);
  return m ? { file, segment: `${m[1]}${m[2]}`, partial: Boolean(m[3]) } : null;
}

/** Whether a segment comes before another in the log, whatever their timelines. */
export const walBefore = (segment: string, other: string) => segment.slice(8) < other.slice(8);

/** When the archive last received anything: no change after this moment can be in it. */
export async function lastWalWrite(dir: string): Promise<Date | null> {
  let newest: Date | null = null;
  for (const file of await fs.readdir(dir).catch(() => [])) {
    if (!walFileOf(file)) continue;
    const { mtime } = await fs.stat(path.join(dir, file));
    if (!newest || mtime > newest) newest = mtime;
  }
  return newest;
}
