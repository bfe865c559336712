import { z } from 'zod';

export const BACKUP_STATUSES = ['running', 'verified', 'failed'] as const;
export const BACKUP_TRIGGERS = ['manual', 'scheduled', 'cli', 'pre-migration'] as const;
export const BACKUP_PHASES = ['database', 'files', 'manifest', 'verify'] as const;

/** How far a running backup has got: the phase, and bytes (or files) done of the total known so far. */
export const BackupProgressSchema = z.object({
  phase: z.enum(BACKUP_PHASES),
  done: z.number(),
  total: z.number(),
});
export type BackupProgress = z.infer<typeof BackupProgressSchema>;

export const BackupSchema = z.object({
  id: z.uuid(),
  status: z.enum(BACKUP_STATUSES),
  trigger: z.enum(BACKUP_TRIGGERS),
  /** Where it went: a folder, or s3://bucket/prefix, and the backup's own key under it. */
  destination: z.string(),
  key: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  /** The database dump and the manifest, plus every file the backup names (copied now or before). */
  sizeBytes: z.number().nullable(),
  databaseBytes: z.number().nullable(),
  fileCount: z.number().int().nullable(),
  /** Files copied by this backup; the others were already in the destination. */
  filesCopied: z.number().int().nullable(),
  encrypted: z.boolean(),
  verifiedAt: z.string().nullable(),
  verifyMs: z.number().int().nullable(),
  /** Why it failed, in a sentence. */
  error: z.string().nullable(),
  progress: BackupProgressSchema.nullable(),
  startedByName: z.string().nullable(),
});
export type Backup = z.infer<typeof BackupSchema>;

export const BackupDetailSchema = BackupSchema.extend({
  /** Rows per table when the backup was taken (and found again in the restored copy, when verified). */
  rowCounts: z.record(z.string(), z.number()).nullable(),
});
export type BackupDetail = z.infer<typeof BackupDetailSchema>;

export const BackupListSchema = z.object({
  items: z.array(BackupSchema),
  /** Share of backups of the last 30 days that were verified (finished ones only); null when there were none. */
  successRate: z.number().nullable(),
  lastVerifiedAt: z.string().nullable(),
  running: z.boolean(),
});
export type BackupList = z.infer<typeof BackupListSchema>;
