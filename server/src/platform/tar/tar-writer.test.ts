import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tarLength, tarStream } from './tar-writer.ts';

describe('tarStream', () => {
  it('writes an archive tar itself lists and extracts byte for byte, of the length announced', async () => {
    const files = [
      { name: 'backups/k/manifest.json', bytes: Buffer.from('{"a":1}') },
      { name: 'files/ab/cd/abcd', bytes: Buffer.alloc(1024 + 3, 9) },
      { name: 'empty', bytes: Buffer.alloc(0) },
    ];
    const entries = files.map((f) => ({
      name: f.name,
      size: f.bytes.length,
      open: async () => Readable.from([f.bytes]),
    }));
    const chunks: Buffer[] = [];
    for await (const c of tarStream(entries)) chunks.push(c as Buffer);
    const archive = Buffer.concat(chunks);
    expect(archive.length).toBe(tarLength(entries));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-tar-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.tar'), archive);
      expect(
        execFileSync('tar', ['-tf', 'a.tar'], { cwd: dir, encoding: 'utf8' }).trim().split('\n'),
      ).toEqual(files.map((f) => f.name));
      execFileSync('tar', ['-xf', 'a.tar'], { cwd: dir });
      for (const f of files) expect(fs.readFileSync(path.join(dir, f.name)).equals(f.bytes)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails rather than write an entry shorter than announced', async () => {
    const entries = [{ name: 'x', size: 10, open: async () => Readable.from([Buffer.from('short')]) }];
    await expect(async () => {
      for await (const _ of tarStream(entries));
    }).rejects.toThrow('gave 5 bytes, not 10');
  });
});
