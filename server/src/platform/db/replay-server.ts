import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { finished } from './database-dump.ts';
import { walBefore, walFileOf } from './wal-segments.ts';

/** Only the socket in the server's own folder is listened on, so any port number will do. */
const PORT = 5432;
const POLL_MS = 250;

export class ReplayError extends Error {}

export type ReplayOptions = {
  /** The base backup: pg_basebackup's gzipped tar. */
  baseTar: Readable;
  walDir: string;
  /** The first segment the base backup needs; older ones are not copied. */
  firstWal: string;
  until: Date;
  serverMajor: number;
  database: string;
  role: string;
  say: (line: string) => void;
};

/** A temporary server holding the cluster as it was at the moment: `url` names its Carebase database. */
export type ReplayedCluster = { url: string; stop: () => Promise<void> };

const asRoot = () => process.getuid?.() === 0;

/** The server programs of that major version (Debian's layout), or a sentence saying what to install. */
function serverBinaries(major: number): string {
  const dir = `/usr/lib/postgresql/${major}/bin`;
  if (!existsSync(path.join(dir, 'postgres')))
    throw new ReplayError(
      `the PostgreSQL ${major} server programs are not in ${dir}: install postgresql-${major} on this machine to replay`,
    );
  return dir;
}

/** A server started as root refuses to run: it runs as the postgres user, who must own its folder. */
function runAsServerUser(command: string, args: string[]): ChildProcess {
  return asRoot()
    ? spawn('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
    : spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Copies the archived segments the replay may need, the one being written under its final name: the server
 * reads them as its own user, which may not read the archive's files.
 */
async function copyWal(from: string, to: string, firstWal: string): Promise<number> {
  await fs.mkdir(to, { recursive: true });
  let copied = 0;
  const files = (await fs.readdir(from).catch(() => [])).sort();
  for (const file of files) {
    const wal = walFileOf(file);
    const history = /^[0-9A-F]{8}\.history$/.test(file);
    if (!history && (!wal || walBefore(wal.segment, firstWal))) continue;
    const name = wal ? wal.segment : file;
    if (wal?.partial && existsSync(path.join(to, name))) continue;
    await fs.copyFile(path.join(from, file), path.join(to, name));
    copied++;
  }
  return copied;
}

function settings(root: string, walCopy: string, until: Date): string {
  const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
  return [
    "listen_addresses = ''",
    `port = ${PORT}`,
    `unix_socket_directories = ${quote(root)}`,
    `restore_command = ${quote(`cp "${walCopy}/%f" "%p"`)}`,
    `recovery_target_time = ${quote(until.toISOString().replace('T', ' ').replace('Z', '+00'))}`,
    "recovery_target_action = 'promote'",
    'hot_standby = off',
    'archive_mode = off',
    "log_destination = 'stderr'",
    'logging_collector = off',
    '',
  ].join('\n');
}

/** What the server's last words mean for the person restoring. */
function whyStopped(log: string, until: Date): ReplayError {
  if (/recovery ended before configured recovery target was reached/.test(log))
    return new ReplayError(
      `the archived WAL ends before ${until.toISOString()}: nothing was archived after the last change before ` +
        'that moment (or the WAL receiver was not running then); choose an earlier moment',
    );
  if (/requested recovery stop point is before consistent recovery point/.test(log))
    return new ReplayError(
      `${until.toISOString()} is before the base backup was consistent: choose a later moment or an older backup`,
    );
  if (/could not locate required checkpoint record|could not find redo location/.test(log))
    return new ReplayError('the WAL the base backup starts from is missing from the archive');
  return new ReplayError(`the replay server stopped: ${log.trim().split('\n').slice(-3).join(' | ')}`);
}

/**
 * Extracts a base backup into a temporary folder, replays the archived WAL onto it up to `until` with a server
 * of its own (on a socket in that folder, no TCP), and returns once the server has promoted and takes
 * connections. `stop` shuts it down and removes the folder.
 */
export async function replayToMoment(options: ReplayOptions): Promise<ReplayedCluster> {
  const bin = serverBinaries(options.serverMajor);
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'carebase-replay-'));
  const dataDir = path.join(root, 'data');
  const walCopy = path.join(root, 'wal');
  let server: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const stop = async () => {
    if (server && server.exitCode === null) {
      const pid = Number(
        (await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0],
      );
      // SIGINT is PostgreSQL's fast shutdown; the postmaster is runuser's child, so it is signalled itself.
      if (pid) process.kill(pid, 'SIGINT');
      else server.kill('SIGINT');
      await exited.catch(() => {});
    }
    await fs.rm(root, { recursive: true, force: true });
  };
  try {
    await fs.mkdir(dataDir, { mode: 0o700 });
    options.say('Extracting the base backup…');
    const tar = spawn('tar', ['-xzf', '-', '-C', dataDir], { stdio: ['pipe', 'ignore', 'pipe'] });
    await Promise.all([pipeline(options.baseTar, tar.stdin as NodeJS.WritableStream), finished(tar, 'tar')]);
    const copied = await copyWal(options.walDir, walCopy, options.firstWal);
    options.say(`Replaying ${copied} archived WAL segments up to ${options.until.toISOString()}…`);
    // The cluster's own configuration files may live elsewhere (Debian keeps them in /etc): these replace them.
    await fs.writeFile(path.join(dataDir, 'postgresql.conf'), settings(root, walCopy, options.until));
    await fs.writeFile(path.join(dataDir, 'pg_hba.conf'), 'local all all trust\n');
    await fs.writeFile(path.join(dataDir, 'pg_ident.conf'), '');
    await fs.writeFile(path.join(dataDir, 'recovery.signal'), '');
    if (asRoot()) await finished(spawn('chown', ['-R', 'postgres:postgres', root]), 'chown');
    await fs.chmod(dataDir, 0o700);

    let log = '';
    server = runAsServerUser(path.join(bin, 'postgres'), ['-D', dataDir]);
    server.stderr?.on('data', (d: Buffer) => {
      log = (log + d.toString()).slice(-8000);
    });
    exited = finished(server, 'postgres');
    let gone = false;
    exited
      .catch(() => {})
      .finally(() => {
        gone = true;
      });
    const url = `postgresql://${encodeURIComponent(options.role)}@/${encodeURIComponent(options.database)}?host=${encodeURIComponent(root)}&port=${PORT}`;
    for (;;) {
      if (gone) throw whyStopped(log, options.until);
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => {});
      try {
        await client.connect();
        const { rows } = await client.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r');
        if (rows[0]?.r === false) return { url, stop };
      } catch (err) {
        // 3D000 and 28000: no such database or role once it takes connections, which waiting will not change.
        const code = (err as { code?: string }).code;
        if (code === '3D000' || code === '28000')
          throw new ReplayError(`the replayed cluster cannot be read: ${(err as Error).message}`);
        // Otherwise it is not taking connections yet, while it replays.
      } finally {
        await client.end().catch(() => {});
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } catch (err) {
    await stop();
    throw err;
  }
}
