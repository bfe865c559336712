import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { StoredSystemSettings } from './modules/settings/settings.service.ts';
import type { CredentialCache } from './platform/auth/credential-cache.ts';
import type { AnnouncedValue } from './platform/db/announced-value.ts';
import type { Database, Db } from './platform/db/database.ts';
import type { BlobStore } from './platform/files/blob-store.ts';
import type { Jobs } from './platform/jobs/jobs.ts';
import type { Outbox } from './platform/outbox/outbox.ts';

/** The services every module receives; built once in buildApp and passed down, never imported globally. */
export type AppContext = {
  config: Config;
  database: Database;
  db: Db;
  log: FastifyBaseLogger;
  jobs: Jobs;
  outbox: Outbox;
  blobs: BlobStore;
  /** This instance's memory of checked credentials; whoever changes what one grants clears it after commit. */
  credentialCache: CredentialCache;
  /** The clinic's settings as this instance last read them; cleared by every announced change. */
  settings: AnnouncedValue<StoredSystemSettings>;
};
