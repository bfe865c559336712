import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { candidatesOf, runPool, skipReasonOf, type UploadCandidate, zipEntries } from './upload-sources.ts';

async function all<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

async function text(candidate: UploadCandidate): Promise<string> {
  return candidate.file ? new TextDecoder().decode(await candidate.file.arrayBuffer()) : '';
}

describe('skipReasonOf', () => {
  it('sends anything that may be DICOM and leaves out what surely is not', () => {
    expect(skipReasonOf('CT/IM0001')).toBeNull();
    expect(skipReasonOf('DICOMDIR')).toBeNull();
    expect(skipReasonOf('a/b/image.dcm')).toBeNull();
    expect(skipReasonOf('scan.IMA')).toBeNull();
    expect(skipReasonOf('1.2.840.113619.2.55.3')).toBeNull();
    expect(skipReasonOf('README.TXT')).toBe('notDicom');
    expect(skipReasonOf('photos/x.jpg')).toBe('notDicom');
    expect(skipReasonOf('viewer/index.html')).toBe('notDicom');
    expect(skipReasonOf('.DS_Store')).toBe('system');
    expect(skipReasonOf('__MACOSX/CT/._IM0001')).toBe('system');
    expect(skipReasonOf('Thumbs.db')).toBe('system');
  });
});

describe('zipEntries', () => {
  it('gives the files of a zip one by one, walking folders, skipping what is not DICOM', async () => {
    const zip = zipSync({
      'CT/IM1': new TextEncoder().encode('first'),
      'CT/IM2': [new TextEncoder().encode('second'.repeat(1000)), { level: 9 }],
      'CT/': new Uint8Array(0),
      'README.txt': new TextEncoder().encode('hello'),
      'inner.zip': new Uint8Array([1, 2]),
    });
    const entries = await all(zipEntries(new Blob([zip]), 'study.zip'));
    expect(entries.map((e) => [e.name, e.skip ?? null])).toEqual([
      ['study.zip/CT/IM1', null],
      ['study.zip/CT/IM2', null],
      ['study.zip/README.txt', 'notDicom'],
      ['study.zip/inner.zip', 'nestedArchive'],
    ]);
    expect(await text(entries[0]!)).toBe('first');
    expect(await text(entries[1]!)).toBe('second'.repeat(1000));
    expect(entries[1]!.size).toBe(6000);
  });

  it('reports a file that is not a zip at all as unreadable', async () => {
    const entries = await all(zipEntries(new Blob(['this is not a zip file at all, just text']), 'bad.zip'));
    expect(entries.every((e) => e.skip === 'unreadable' || e.skip === undefined)).toBe(true);
  });
});

describe('candidatesOf', () => {
  it('opens zips among chosen files and keeps the folder path of the others', async () => {
    const zip = zipSync({ IM1: new TextEncoder().encode('z') });
    const files = [
      { file: new File(['a'], 'IM0001'), path: 'CT/IM0001' },
      { file: new File([zip], 'more.zip') },
      { file: new File(['x'], 'notes.txt') },
    ];
    const found = await all(candidatesOf(files));
    expect(found.map((c) => [c.name, c.skip ?? null, c.size])).toEqual([
      ['CT/IM0001', null, 1],
      ['more.zip/IM1', null, 1],
      ['notes.txt', 'notDicom', 1],
    ]);
  });
});

describe('runPool', () => {
  it('runs at most `limit` at once and takes every item once', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    async function* source() {
      for (let i = 0; i < 10; i++) yield i;
    }
    await runPool(source(), 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, (n % 3) * 3));
      done.push(n);
      running--;
    });
    expect(most).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('takes no new items once cancelled', async () => {
    const controller = new AbortController();
    const done: number[] = [];
    await runPool(
      [1, 2, 3, 4, 5, 6],
      2,
      async (n) => {
        done.push(n);
        if (n === 2) controller.abort();
        await Promise.resolve();
      },
      controller.signal,
    );
    expect(done).toEqual([1, 2]);
  });
});
