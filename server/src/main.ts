import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { createAdmin, createTokenFor, ensureFirstAdmin } from './cli/accounts.ts';
import { backupCommand, backupVerifyCommand, type CommandOutcome, restoreCommand } from './cli/backups.ts';
import { firstStartBanner } from './cli/first-start-banner.ts';
import { restoreUntilCommand } from './cli/point-in-time-restore.ts';
import { ConfigError, loadConfig } from './config.ts';
import { importIcd10Command } from './modules/icd10/icd10.cli.ts';
import { migrateWithBackup, PreMigrationBackupError } from './modules/operations/pre-migration-backup.ts';
import { verifyAuditChain } from './platform/audit/audit.verify.ts';
import { warmPasswordHashing } from './platform/auth/password-hash.ts';
import { openDatabase } from './platform/db/open.ts';
import { DataDirInUseError } from './platform/db/pglite.ts';
import { openBlobStore } from './platform/files/open-blob-store.ts';

const HELP = `Usage: npx carebase <command> [options]

Commands:
  start                                  Serve the API and the web app (applies migrations first)
  migrate                                Apply database migrations and exit
  create-admin --email E --password P    Create an administrator account
  create-token --email E --name N        Print a new API token of that user (for scripts and integrations)
  audit-verify                           Check the audit trail's hash chain; exits 1 naming the first broken row
  backup                                 Back up the database and files to BACKUP_URL, verify it by restoring it
                                         into a scratch database, print where it is; exits 0 only when verified
  backup-verify BACKUP                   Verify a backup (its key, or DIR/backups/KEY); exits 1 naming what is wrong
  restore BACKUP [--to-data-dir DIR | --to-database URL] [--force]
                                         Restore a backup with the server stopped (default: DATA_DIR or
                                         DATABASE_URL); refuses a target that holds data unless --force
  restore [BACKUP] --until "2026-12-01 14:32" [--to-database URL] [--force]
                                         PostgreSQL with BACKUP_WAL on: the database as it was at that moment
                                         (clinic time unless it ends in Z or +hh:mm), replayed from BACKUP's base
                                         backup, or without BACKUP from the newest one in BACKUP_URL before it
  import-icd10 FILE                      Load the CMS ICD-10-CM code file (icd10cm_codes_YYYY.txt or the order
                                         file): adds new codes, updates descriptions, reports bad lines
  --help                                 Show this help

Configuration comes from environment variables; see the README's configuration table.`;

async function withApp<T>(fn: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const app = await buildApp({ ...config, logLevel: 'error' }, { startJobs: false });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

async function start(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config, { walReceiver: true });
  const first = await ensureFirstAdmin(app.ctx);
  await app.listen({ host: config.host, port: config.port });
  warmPasswordHashing().catch((err: unknown) => app.log.warn({ err }, 'password hashing warm-up failed'));
  const where = config.databaseUrl
    ? 'PostgreSQL (DATABASE_URL)'
    : `the embedded database in ${config.dataDir}`;
  console.log(`\nCarebase is running at ${config.publicUrl} with ${where}.`);
  // After the listen log lines, and on stdout, so it is the last thing a person sees on the first start.
  if (first) console.log(firstStartBanner(config.publicUrl, first.email, first.password));
  const stop = async (signal: string) => {
    app.log.info(`${signal} received, shutting down`);
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      'to-data-dir': { type: 'string' },
      'to-database': { type: 'string' },
      force: { type: 'boolean' },
      until: { type: 'string' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(HELP);
    return command || values.help ? 0 : 1;
  }
  switch (command) {
    case 'start':
      await start();
      return -1;
    case 'migrate': {
      const config = loadConfig();
      const database = await openDatabase(config);
      const blobs = await openBlobStore(config);
      try {
        await migrateWithBackup(database, blobs, config, (message) => console.log(message));
      } finally {
        await blobs.backend.close();
        await database.close();
      }
      console.log('Migrations applied.');
      return 0;
    }
    case 'create-admin': {
      if (!values.email || !values.password)
        throw new UsageError('create-admin needs --email and --password.');
      const { email, password } = values;
      const user = await withApp((app) => createAdmin(app.ctx, email, password, values.name));
      console.log(`Administrator ${user.email} created.`);
      return 0;
    }
    case 'create-token': {
      if (!values.email || !values.name) throw new UsageError('create-token needs --email and --name.');
      const { email, name } = values;
      console.log(await withApp((app) => createTokenFor(app.ctx, email, name)));
      return 0;
    }
    case 'audit-verify': {
      const result = await withApp((app) => verifyAuditChain(app.ctx.db));
      if (result.ok) {
        console.log(`Audit trail intact: ${result.checked} events checked in ${result.chains} chains.`);
        return 0;
      }
      const where = result.brokenId === null ? `in chain ${result.chain}` : `at event id ${result.brokenId}`;
      console.error(
        `Audit trail BROKEN ${where}: ${result.reason} (${result.checked} events before it are intact).`,
      );
      return 1;
    }
    case 'backup':
      return printed(await backupCommand(loadConfig()));
    case 'backup-verify': {
      const named = positionals[1];
      if (!named) throw new UsageError('backup-verify needs the backup: its key, or DIR/backups/KEY.');
      return printed(await backupVerifyCommand(loadConfig(), named));
    }
    case 'restore': {
      const named = positionals[1];
      if (values.until !== undefined) {
        if (values['to-data-dir'])
          throw new UsageError(
            'restore --until replays PostgreSQL: use --to-database URL, not --to-data-dir.',
          );
        return printed(
          await restoreUntilCommand(loadConfig(), named, {
            until: values.until,
            toDatabase: values['to-database'],
            force: values.force ?? false,
          }),
        );
      }
      if (!named) throw new UsageError('restore needs the backup: its key, or DIR/backups/KEY.');
      if (values['to-data-dir'] && values['to-database'])
        throw new UsageError('restore takes --to-data-dir or --to-database, not both.');
      return printed(
        await restoreCommand(loadConfig(), named, {
          toDataDir: values['to-data-dir'],
          toDatabase: values['to-database'],
          force: values.force ?? false,
        }),
      );
    }
    case 'import-icd10': {
      const file = positionals[1];
      if (!file) throw new UsageError('import-icd10 needs the path of the ICD-10-CM file.');
      return importIcd10Command(loadConfig(), file);
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

class UsageError extends Error {}

function printed(outcome: CommandOutcome): number {
  for (const line of outcome.out) console.log(line);
  for (const line of outcome.err) console.error(line);
  return outcome.code;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof UsageError) console.error(`${err.message}\n\n${HELP}`);
    else if (
      err instanceof ConfigError ||
      err instanceof DataDirInUseError ||
      err instanceof PreMigrationBackupError
    )
      console.error(err.message);
    else if (err instanceof Error && 'fields' in err) console.error(`Refused: ${err.message}`);
    else console.error(err);
    process.exit(2);
  },
);
