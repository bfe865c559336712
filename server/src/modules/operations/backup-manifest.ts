import { z } from 'zod';

export const MANIFEST_FORMAT = 'carebase-backup/1';
const sha = z.string().regex(/^[0-9a-f]{64}$/);
const PieceSchema = z.object({ key: z.string(), size: z.number().int().min(0), sha256: sha });

/** What a backup holds, written last: a backup without its manifest is not a backup. */
export const ManifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  id: z.uuid(),
  createdAt: z.string(),
  carebaseVersion: z.string(),
  migrations: z.object({ applied: z.number().int(), last: z.string().nullable() }),
  database: z.object({
    kind: z.enum(['pglite', 'postgres']),
    format: z.enum(['pglite-datadir', 'pg_dump-custom']),
    piece: PieceSchema,
  }),
  rowCounts: z.record(z.string(), z.number().int()),
  /** With WAL archiving on (BACKUP_WAL), a physical copy of the cluster to replay the archived WAL onto. */
  baseBackup: z
    .object({
      piece: PieceSchema,
      startedAt: z.string(),
      finishedAt: z.string(),
      firstWal: z.string().regex(/^[0-9A-F]{24}$/),
      serverMajor: z.number().int(),
      database: z.string().min(1),
      role: z.string().min(1),
    })
    .optional(),
  /** Every blob the database names, by its plain sha256 and size; stored once under files/ for all backups. */
  files: z.array(z.object({ sha256: sha, size: z.number().int().min(0) })),
  encryption: z.object({ algorithm: z.literal('aes-256-gcm'), keyFingerprint: z.string() }).nullable(),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export const manifestKey = (backupKey: string) => `backups/${backupKey}/manifest.json`;
/** Where the destination keeps files: plain ones under files/, encrypted ones apart for each key. */
export const filesFolder = (keyFingerprint: string | null) =>
  keyFingerprint ? `files-${keyFingerprint}` : 'files';
export const fileKey = (sha256: string, keyFingerprint: string | null) =>
  `${filesFolder(keyFingerprint)}/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;

/** Reads a manifest, refusing with a sentence anything that is not one of ours. */
export function parseManifest(text: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('the manifest is not JSON: the backup is truncated or not a Carebase backup');
  }
  if ((json as { format?: unknown })?.format !== MANIFEST_FORMAT)
    throw new Error(`this is not a Carebase backup (the manifest's format is not ${MANIFEST_FORMAT})`);
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `the manifest is damaged: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
