import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { extractTar, UnsafeTarEntryError } from './tar-reader.ts';
import { tarStream } from './tar-writer.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-tar-read-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let n = 0;
const folder = () => path.join(root, `out-${n++}`);

/** An archive made by the system's tar in a scratch folder prepared by `prepare`. */
function systemTar(prepare: (dir: string) => void, args: string[]): Buffer {
  const dir = fs.mkdtempSync(path.join(root, 'src-'));
  prepare(dir);
  return execFileSync('tar', ['-cf', '-', ...args], { cwd: dir });
}

describe('extractTar', () => {
  it('writes the files and folders, with a leading / meaning the folder itself, in chunks of any size', async () => {
    const big = Buffer.alloc(70_000, 7);
    const archive = tarStream([
      { name: '/base', directory: true },
      { name: '/base/1/112', size: big.length, open: async () => Readable.from([big]) },
      { name: '/empty', size: 0, open: async () => Readable.from([]) },
      { name: '/pg_tblspc', directory: true },
    ]);
    const bytes = Buffer.concat(await archive.toArray());
    const chunks = Array.from({ length: Math.ceil(bytes.length / 333) }, (_, i) =>
      bytes.subarray(i * 333, (i + 1) * 333),
    );
    const out = folder();
    await extractTar(Readable.from(chunks), out);
    expect(fs.readFileSync(path.join(out, 'base/1/112')).equals(big)).toBe(true);
    expect(fs.statSync(path.join(out, 'empty')).size).toBe(0);
    expect(fs.statSync(path.join(out, 'pg_tblspc')).isDirectory()).toBe(true);
  });

  it('refuses links and paths that climb out of the folder, writing nothing outside it', async () => {
    const link = systemTar((dir) => fs.symlinkSync('/etc/passwd', path.join(dir, 'l')), ['l']);
    await expect(extractTar(Readable.from([link]), folder())).rejects.toThrow(UnsafeTarEntryError);
    const climbing = systemTar(
      (dir) => {
        fs.mkdirSync(path.join(dir, 'a'));
        fs.writeFileSync(path.join(dir, 'x'), 'x');
      },
      ['-P', 'a/../x'],
    );
    await expect(extractTar(Readable.from([climbing]), folder())).rejects.toThrow('outside its folder');
    expect(fs.existsSync(path.join(root, 'x'))).toBe(false);
  });

  it('says an archive cut off is cut off', async () => {
    const bytes = Buffer.concat(
      await tarStream([
        { name: 'f', size: 2000, open: async () => Readable.from([Buffer.alloc(2000)]) },
      ]).toArray(),
    );
    await expect(extractTar(Readable.from([bytes.subarray(0, 1500)]), folder())).rejects.toThrow('cut off');
  });
});
