import path from 'node:path';
import { z } from 'zod';
import { parseBlobStoreUrl } from './platform/files/s3-location.ts';

const duration = z.coerce.number().int().positive();
const seconds = z.coerce.number().positive().max(3600);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every key is documented in the README's configuration table; keep the two in step. */
const EnvSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  PUBLIC_URL: z.url().optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_IDLE_MINUTES: duration.default(30),
  SESSION_MAX_HOURS: duration.default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  HEADERS_TIMEOUT_SECONDS: seconds.default(15),
  REQUEST_TIMEOUT_SECONDS: seconds.default(60),
  KEEP_ALIVE_TIMEOUT_SECONDS: seconds.default(5),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).default(5),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('Carebase <no-reply@localhost>'),
  JOBS_POLL_MS: z.coerce.number().int().min(10).default(1000),
  JOBS_ENABLED: bool.default(true),
  MONITORING_INTERVAL_MS: z.coerce.number().int().min(1000).default(60_000),
  WEB_DIST: z.string().optional(),
  BLOB_STORE_URL: z
    .string()
    .superRefine((url, check) => {
      try {
        parseBlobStoreUrl(url);
      } catch (err) {
        check.addIssue({ code: 'custom', message: (err as Error).message });
      }
    })
    .optional(),
  BACKUP_URL: z
    .string()
    .superRefine((url, check) => {
      if (!url.startsWith('s3://')) return;
      try {
        parseBlobStoreUrl(url);
      } catch (err) {
        check.addIssue({
          code: 'custom',
          message: (err as Error).message.replace('BLOB_STORE_URL', 'BACKUP_URL'),
        });
      }
    })
    .optional(),
  BACKUP_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes): make one with openssl rand -hex 32')
    .optional(),
  BACKUP_BEFORE_MIGRATIONS: bool.default(true),
  BACKUP_WAL: bool.default(false),
  BACKUP_WAL_SLOT: z
    .string()
    .regex(/^[a-z0-9_]{1,63}$/, 'must be lower-case letters, digits and _ (a replication slot name)')
    .default('carebase_wal'),
  ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(65536).default(10),
  DICOM_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  DICOM_HOST: z.string().optional(),
  DICOM_AE_TITLE: z
    .string()
    .regex(/^[\x20-\x5b\x5d-\x7e]{1,16}$/, 'must be 1 to 16 printable ASCII characters without a backslash')
    .default('CAREBASE'),
  DICOM_ALLOW_UNKNOWN_AE: bool.default(false),
  DICOM_MAX_INSTANCE_MB: z.coerce.number().int().min(1).max(65536).default(2048),
  DICOMWEB_CORS_ORIGINS: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim().replace(/\/$/, ''))
        .filter(Boolean),
    )
    .refine((origins) => origins.every((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o)), {
      message: 'must be a comma-separated list of origins such as https://viewer.example.org, or *',
    })
    .default([]),
  TRUST_PROXY: bool.default(false),
});

export type Config = {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  publicUrl: string;
  secureCookies: boolean;
  sessionIdleMs: number;
  sessionMaxMs: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  bodyLimit: number;
  /** The request line and headers must arrive within this time, or the answer is 408 and the socket closes. */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this time, or the answer is 408 and the socket closes. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this time. */
  keepAliveTimeoutMs: number;
  loginRateLimitPerMinute: number;
  lockoutThreshold: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  jobsPollMs: number;
  jobsEnabled: boolean;
  /** How often the system is sampled and the alert rules evaluated. */
  monitoringIntervalMs: number;
  webDist: string | undefined;
  trustProxy: boolean;
  /** An S3-compatible bucket for files (s3://bucket/prefix?endpoint=…&region=…), or the local folder when unset. */
  blobStoreUrl: string | undefined;
  /** Where backups go: a folder (default DATA_DIR/backups) or s3://bucket/prefix?… */
  backupUrl: string;
  /** AES-256-GCM key for backups (32 bytes), or null to store them unencrypted. Never logged. */
  backupEncryptionKey: Buffer | null;
  /** A verified backup is taken before migrations that change existing tables, or they are not applied. */
  backupBeforeMigrations: boolean;
  /**
   * PostgreSQL's WAL is archived into BACKUP_URL/wal (by the one instance holding the receiver's lock) and each
   * backup adds a base backup, for `restore --until`.
   */
  backupWal: boolean;
  /** The replication slot that keeps the WAL the receiver has not yet written. */
  backupWalSlot: string;
  /** The largest attachment accepted, in bytes. */
  attachmentMaxBytes: number;
  /** A DICOM file larger than this is refused, by any route. */
  dicomMaxInstanceBytes: number;
  /** The DIMSE listener (C-ECHO/STORE/FIND/MOVE/GET); null when DICOM_PORT is unset (off). */
  dimse: { port: number; host: string; aeTitle: string; allowUnknownAe: boolean } | null;
  /** Origins of external viewers (e.g. OHIF) allowed to call /dicom-web from a browser. */
  dicomwebCorsOrigins: string[];
};

export class ConfigError extends Error {}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Carebase cannot start: the configuration is not valid.\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (!LOOPBACK.has(e.HOST) && (!e.PUBLIC_URL || !e.SESSION_SECRET)) {
    throw new ConfigError(
      `Carebase cannot start: HOST=${e.HOST} makes it reachable from other machines, so PUBLIC_URL (the address ` +
        'people use, for links in emails and the cross-site request check) and SESSION_SECRET (32+ random characters) ' +
        'must both be set. Set them, or keep HOST=127.0.0.1.',
    );
  }
  if (e.HEADERS_TIMEOUT_SECONDS > e.REQUEST_TIMEOUT_SECONDS) {
    throw new ConfigError(
      `Carebase cannot start: HEADERS_TIMEOUT_SECONDS (${e.HEADERS_TIMEOUT_SECONDS}) must not be longer than ` +
        `REQUEST_TIMEOUT_SECONDS (${e.REQUEST_TIMEOUT_SECONDS}), which covers the headers and the body together.`,
    );
  }
  if (e.BACKUP_WAL && !e.DATABASE_URL)
    throw new ConfigError(
      "Carebase cannot start: BACKUP_WAL=true archives PostgreSQL's write-ahead log, so it needs DATABASE_URL " +
        '(the embedded database has no WAL to archive; its backups are taken whole).',
    );
  if (e.BACKUP_WAL && e.BACKUP_URL?.startsWith('s3://'))
    throw new ConfigError(
      'Carebase cannot start: BACKUP_WAL=true writes the WAL into a folder, and BACKUP_URL is an s3:// bucket. ' +
        'Set BACKUP_URL to a folder (sync that folder to the bucket if you need it off the machine), or turn BACKUP_WAL off.',
    );
  const dataDir = path.resolve(e.DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT_BYTES,
    headersTimeoutMs: Math.round(e.HEADERS_TIMEOUT_SECONDS * 1000),
    requestTimeoutMs: Math.round(e.REQUEST_TIMEOUT_SECONDS * 1000),
    keepAliveTimeoutMs: Math.round(e.KEEP_ALIVE_TIMEOUT_SECONDS * 1000),
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    lockoutThreshold: e.LOCKOUT_THRESHOLD,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    jobsPollMs: e.JOBS_POLL_MS,
    jobsEnabled: e.JOBS_ENABLED,
    monitoringIntervalMs: e.MONITORING_INTERVAL_MS,
    webDist: e.WEB_DIST,
    trustProxy: e.TRUST_PROXY,
    blobStoreUrl: e.BLOB_STORE_URL,
    backupUrl: e.BACKUP_URL
      ? e.BACKUP_URL.startsWith('s3://')
        ? e.BACKUP_URL
        : path.resolve(e.BACKUP_URL)
      : path.join(dataDir, 'backups'),
    backupEncryptionKey: e.BACKUP_ENCRYPTION_KEY ? Buffer.from(e.BACKUP_ENCRYPTION_KEY, 'hex') : null,
    backupBeforeMigrations: e.BACKUP_BEFORE_MIGRATIONS,
    backupWal: e.BACKUP_WAL,
    backupWalSlot: e.BACKUP_WAL_SLOT,
    attachmentMaxBytes: e.ATTACHMENT_MAX_MB * 1024 * 1024,
    dicomMaxInstanceBytes: e.DICOM_MAX_INSTANCE_MB * 1024 * 1024,
    dimse: e.DICOM_PORT
      ? {
          port: e.DICOM_PORT,
          host: e.DICOM_HOST ?? e.HOST,
          aeTitle: e.DICOM_AE_TITLE.trim(),
          allowUnknownAe: e.DICOM_ALLOW_UNKNOWN_AE,
        }
      : null,
    dicomwebCorsOrigins: e.DICOMWEB_CORS_ORIGINS,
  };
}
