import type { BackupProgress } from '@carebase/contracts';

const PHASES: Record<BackupProgress['phase'], string> = {
  database: 'Database',
  files: 'Files',
  manifest: 'Manifest',
  verify: 'Verifying',
};

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** `Files  42% (120.0 MB of 286.1 MB)`, or the bytes alone while the total is not known. */
export function progressText(p: BackupProgress): string {
  const label = PHASES[p.phase].padEnd(9);
  if (p.total <= 0) return `${label} ${megabytes(p.done)}`;
  const percent = Math.min(100, Math.floor((p.done / p.total) * 100));
  return `${label} ${String(percent).padStart(3)}% (${megabytes(p.done)} of ${megabytes(p.total)})`;
}

/** Progress on the terminal: one line redrawn in place, or a line per phase and tenth when not a terminal. */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  let lastKey = '';
  return {
    report(p: BackupProgress) {
      if (stream.isTTY) {
        stream.write(`\r${progressText(p).padEnd(60)}`);
        return;
      }
      const key = `${p.phase}:${p.total > 0 ? Math.floor((p.done / p.total) * 10) : ''}`;
      if (key === lastKey) return;
      lastKey = key;
      stream.write(`${progressText(p)}\n`);
    },
    end() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}
