import fs from 'node:fs/promises';

export type DiskSpace = { path: string; freeBytes: number; totalBytes: number };

/** Free and total bytes of the file system holding `dir` (free as an unprivileged process sees it). */
export async function diskSpace(dir: string): Promise<DiskSpace | null> {
  try {
    const s = await fs.statfs(dir);
    return { path: dir, freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch {
    return null;
  }
}
