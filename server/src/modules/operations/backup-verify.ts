import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BackupProgress } from '@carebase/contracts';
import { verifyAuditChain } from '../../platform/audit/audit.verify.ts';
import type { Database } from '../../platform/db/database.ts';
import {
  countRowsPerTable,
  createScratchDatabase,
  pgRestore,
  type RowCounts,
} from '../../platform/db/database-dump.ts';
import type { BlobBackend } from '../../platform/files/blob-backend.ts';
import { keyFingerprint } from './backup-crypto.ts';
import { fileKey, type Manifest, manifestKey, parseManifest } from './backup-manifest.ts';
import { type Piece, readPiece, sha256Of } from './backup-pieces.ts';

export type VerifyOutcome =
  | { ok: true; ms: number; manifest: Manifest; counts: RowCounts }
  | { ok: false; ms: number; reason: string };

export class BackupRefusedError extends Error {}

async function readText(dest: BlobBackend, key: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of await dest.read(key)) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The backup's manifest, refusing a missing one, a foreign one, or one that needs a key not given. */
export async function openManifest(
  dest: BlobBackend,
  key: string,
  encryptionKey: Buffer | null,
): Promise<Manifest> {
  if ((await dest.stat(manifestKey(key))) === null)
    throw new BackupRefusedError(
      `${key} has no manifest: it is not a backup, or it was cut off before it finished`,
    );
  const manifest = parseManifest(await readText(dest, manifestKey(key)));
  if (manifest.encryption) {
    if (!encryptionKey)
      throw new BackupRefusedError(
        'the backup is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was made with',
      );
    const given = keyFingerprint(encryptionKey);
    if (given !== manifest.encryption.keyFingerprint)
      throw new BackupRefusedError(
        `the backup was encrypted with another key (fingerprint ${manifest.encryption.keyFingerprint}; the key given is ${given})`,
      );
  }
  return manifest;
}

/** Checks a stored piece (named in sentences as `what`) against the manifest before anything reads it. */
export async function checkPiece(dest: BlobBackend, piece: Piece, what: string): Promise<void> {
  const size = await dest.stat(piece.key);
  if (size === null) throw new BackupRefusedError(`${what} is missing from the backup`);
  if (size !== piece.size)
    throw new BackupRefusedError(
      `${what} is truncated or altered (${size} bytes, the manifest says ${piece.size})`,
    );
  const stored = await sha256Of(await dest.read(piece.key));
  if (stored.sha256 !== piece.sha256)
    throw new BackupRefusedError(`${what} was altered: its sha256 is not the one in the manifest`);
}

/** The dump restored into a throwaway database; `close` removes it. */
async function scratchCopy(
  dest: BlobBackend,
  manifest: Manifest,
  encryptionKey: Buffer | null,
  databaseUrl: string | undefined,
): Promise<{ database: Database; close: () => Promise<void> }> {
  const plain = await readPiece(dest, manifest.database.piece.key, encryptionKey);
  if (manifest.database.kind === 'pglite') {
    const { openPglite } = await import('../../platform/db/pglite.ts');
    const { unpackPgliteDataDir } = await import('../../platform/db/pglite-dump.ts');
    // On disk, in a folder of its own, unpacked as it streams: neither the archive nor the copy is held in memory.
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carebase-verify-'));
    try {
      await unpackPgliteDataDir(plain, path.join(dir, 'pg'));
      const database = await openPglite({ dataDir: dir });
      return {
        database,
        close: async () => {
          await database.close();
          await fs.rm(dir, { recursive: true, force: true });
        },
      };
    } catch (err) {
      await fs.rm(dir, { recursive: true, force: true });
      throw err;
    }
  }
  if (!databaseUrl)
    throw new BackupRefusedError('a PostgreSQL backup is verified on a PostgreSQL server: set DATABASE_URL');
  const scratch = await createScratchDatabase(databaseUrl);
  try {
    await pgRestore(scratch.url, plain);
    const { openPostgres } = await import('../../platform/db/postgres.ts');
    const database = await openPostgres(scratch.url, 2);
    return {
      database,
      close: async () => {
        await database.close();
        await scratch.drop();
      },
    };
  } catch (err) {
    await scratch.drop();
    throw err;
  }
}

function countDifferences(expected: RowCounts, found: RowCounts): string[] {
  const tables = new Set([...Object.keys(expected), ...Object.keys(found)]);
  return [...tables]
    .filter((t) => expected[t] !== found[t])
    .map((t) => `${t}: ${expected[t] ?? 'absent'} at backup, ${found[t] ?? 'absent'} restored`);
}

/**
 * Proves a backup restores: its dump matches the manifest, restores into a scratch database whose row counts
 * per table equal those taken at backup time and whose audit chain verifies, and every file hashes to its name.
 */
export async function verifyBackup(
  dest: BlobBackend,
  key: string,
  options: {
    encryptionKey: Buffer | null;
    databaseUrl: string | undefined;
    report?: (progress: BackupProgress) => void;
  },
): Promise<VerifyOutcome> {
  const started = Date.now();
  const failed = (reason: string): VerifyOutcome => ({ ok: false, ms: Date.now() - started, reason });
  try {
    const manifest = await openManifest(dest, key, options.encryptionKey);
    const totalBytes = manifest.files.reduce((sum, f) => sum + f.size, 0) + manifest.database.piece.size;
    let done = 0;
    const report = (extra: number) =>
      options.report?.({ phase: 'verify', done: done + extra, total: totalBytes });
    await checkPiece(dest, manifest.database.piece, 'the database dump');
    done += manifest.database.piece.size;
    report(0);
    // Its hash only: replaying it would take a second server on every verification; restore --until replays.
    if (manifest.baseBackup) await checkPiece(dest, manifest.baseBackup.piece, 'the base backup');
    const scratch = await scratchCopy(dest, manifest, options.encryptionKey, options.databaseUrl);
    let counts: RowCounts;
    try {
      counts = await countRowsPerTable(scratch.database.db);
      const differences = countDifferences(manifest.rowCounts, counts);
      if (differences.length)
        return failed(`the restored copy's row counts differ: ${differences.join('; ')}`);
      const audit = await verifyAuditChain(scratch.database.db);
      if (!audit.ok) return failed(`the restored audit trail does not verify: ${audit.reason}`);
    } finally {
      await scratch.close();
    }
    for (const file of manifest.files) {
      let found: { sha256: string; size: number };
      try {
        found = await sha256Of(
          await readPiece(
            dest,
            fileKey(file.sha256, manifest.encryption?.keyFingerprint ?? null),
            options.encryptionKey,
          ),
        );
      } catch (err) {
        return failed(`the file ${file.sha256} cannot be read: ${(err as Error).message}`);
      }
      if (found.sha256 !== file.sha256 || found.size !== file.size)
        return failed(`the file ${file.sha256} is damaged (its content hashes to ${found.sha256})`);
      done += file.size;
      report(0);
    }
    return { ok: true, ms: Date.now() - started, manifest, counts };
  } catch (err) {
    return failed((err as Error).message);
  }
}
