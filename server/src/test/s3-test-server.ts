import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3BlobBackendOptions } from '../platform/files/s3-blob-backend.ts';

const BUCKET = 'carebase-test';
/** s3rver's one built-in account; it checks request signatures against it. */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * A real S3-compatible server (s3rver) in this process on a free port, storing in a temporary folder,
 * with the bucket `carebase-test`. `options()` gives what createS3BlobBackend needs to reach it; a
 * bucket other than the default one is not created (which is how to test a missing bucket).
 */
export async function startS3TestServer() {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'carebase-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await server.run();
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    credentials: CREDENTIALS,
    options(stagingDir: string, bucket = BUCKET): S3BlobBackendOptions {
      return {
        bucket,
        prefix: '',
        endpoint: url,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: CREDENTIALS,
        stagingDir,
      };
    },
    async close() {
      await server.close();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}
