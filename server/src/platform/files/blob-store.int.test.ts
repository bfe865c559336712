import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/test-database.ts';
import type { Database } from '../db/database.ts';
import { BlobCorruptError, type BlobStore, createLocalBlobStore } from './blob-store.ts';
import { blobs } from './files.schema.ts';

let database: Database;
let root: string;
let store: BlobStore;
beforeAll(async () => {
  database = await createTestDatabase();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-blobs-'));
  store = createLocalBlobStore(root);
});
afterAll(async () => {
  await database?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

it('stores bytes under their sha256 once, reads them back, and refuses corrupted ones', async () => {
  const bytes = Buffer.from('%PDF-1.7 a small test document');
  const key = await store.put(database.db, bytes, 'application/pdf');
  expect(key).toMatch(/^[0-9a-f]{64}$/);
  expect(await store.put(database.db, bytes, 'application/pdf')).toBe(key);
  expect(await database.db.select().from(blobs)).toEqual([
    expect.objectContaining({ sha256: key, size: bytes.length, contentType: 'application/pdf' }),
  ]);
  expect((await store.get(key)).equals(bytes)).toBe(true);
  expect(await store.exists(key)).toBe(true);

  fs.writeFileSync(path.join(root, key.slice(0, 2), key.slice(2, 4), key), 'tampered');
  await expect(store.get(key)).rejects.toBeInstanceOf(BlobCorruptError);
  await expect(store.get('../../etc/passwd')).rejects.toBeInstanceOf(BlobCorruptError);
});
