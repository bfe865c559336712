import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { describeBlobBackend } from './blob-backend.suite.ts';
import { describeBlobStore } from './blob-store.suite.ts';
import { createLocalBlobBackend } from './local-blob-backend.ts';

const roots: string[] = [];
const openLocal = async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-blobs-'));
  roots.push(root);
  return createLocalBlobBackend(root);
};
afterAll(() => {
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

describeBlobBackend('local folder', openLocal);
describeBlobStore('local folder', openLocal);
