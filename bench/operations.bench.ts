// npm run bench:operations [-- --file-mb 2048 --patients 1000000 --files-mb 10240 --only transfer|backup --db postgres|pglite]
// File transfer through the API on both blob backends (MB/s and server RSS growth, beside plain disk
// writes and reads of the same bytes), then backup, incremental backup and verified restore on both
// databases (duration, MB/s, peak RSS). Prints its figures; not a test.
import { parseArgs } from 'node:util';
import { startS3TestServer } from '../server/src/test/s3-test-server.ts';
import { type BackupFigures, measureBackup } from './operations-backup.ts';
import { measureDisk, measureTransfer, type TransferFigures } from './operations-transfer.ts';

const MB = 1024 * 1024;
const { values } = parseArgs({
  options: {
    'file-mb': { type: 'string', default: '2048' },
    patients: { type: 'string', default: '100000' },
    'files-mb': { type: 'string', default: '1024' },
    only: { type: 'string' },
    db: { type: 'string' },
  },
});
const PG = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const f1 = (n: number) => n.toFixed(1);

async function transfers(): Promise<void> {
  const size = Number(values['file-mb']) * MB;
  const disk = await measureDisk(size);
  const rows: TransferFigures[] = [await measureTransfer('local folder', size, {})];
  const s3 = await startS3TestServer();
  try {
    rows.push(
      await measureTransfer('S3 (s3rver)', size, {
        BLOB_STORE_URL: `s3://carebase-test/bench?endpoint=${s3.url}`,
        AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      }),
    );
  } finally {
    await s3.close();
  }
  console.log(`\nFile transfer through the API, ${f1(size / MB)} MB, PGlite server`);
  console.log('backend        | upload MB/s | download MB/s | server RSS | growth up | growth down');
  for (const r of rows)
    console.log(
      `${r.backend.padEnd(14)} | ${f1(r.uploadMbS).padStart(11)} | ${f1(r.downloadMbS).padStart(13)} | ${f1(r.baseRssMb).padStart(7)} MB | ${f1(r.uploadRssGrowthMb).padStart(6)} MB | ${f1(r.downloadRssGrowthMb).padStart(8)} MB`,
    );
  console.log(
    `reference: plain disk write ${f1(disk.writeMbS)} MB/s, read ${f1(disk.readMbS)} MB/s; ` +
      `local upload is ${f1((rows[0]?.uploadMbS ?? 0) / disk.writeMbS)}× disk write, download ${f1((rows[0]?.downloadMbS ?? 0) / disk.readMbS)}× disk read`,
  );
}

async function backups(): Promise<void> {
  const rows: BackupFigures[] = [];
  const kinds = (['postgres', 'pglite'] as const).filter((k) => !values.db || values.db === k);
  for (const kind of kinds)
    rows.push(await measureBackup(kind, Number(values.patients), Number(values['files-mb']), PG));
  console.log('\nBackup, incremental backup (1 % more files) and verified restore');
  console.log(
    'db       | patients | files MB | db dump MB | full s (verify s) | MB/s | incr s (verify s) | incr/full | restore s | peak RSS',
  );
  for (const r of rows)
    console.log(
      `${r.kind.padEnd(8)} | ${String(r.patients).padStart(8)} | ${String(r.filesMb).padStart(8)} | ${f1(r.databaseMb).padStart(10)} | ${f1(r.fullMs / 1000).padStart(7)} (${f1(r.fullVerifyMs / 1000)}) | ${f1(r.fullMbS).padStart(4)} | ${f1(r.incrementalMs / 1000).padStart(7)} (${f1(r.incrementalVerifyMs / 1000)}) | ${f1((100 * (r.incrementalMs - r.incrementalVerifyMs)) / (r.fullMs - r.fullVerifyMs)).padStart(5)} % | ${f1(r.restoreMs / 1000).padStart(9)} | ${f1(r.baseRssMb)} → ${f1(r.peakRssMb)} MB`,
    );
  console.log(
    'incr/full compares the backup phase alone (dump, files, manifest), without the verification. RSS is of the\n' +
      'benchmark process, which also holds the source database (PGlite: its whole engine) and the generated data.',
  );
}

if (!values.only || values.only === 'transfer') await transfers();
if (!values.only || values.only === 'backup') await backups();
process.exit(0);
