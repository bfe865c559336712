import path from 'node:path';
import type { Config } from '../../config.ts';
import type { BlobBackend } from './blob-backend.ts';
import { type BlobStore, createBlobStore } from './blob-store.ts';
import { createLocalBlobBackend } from './local-blob-backend.ts';
import { parseBlobStoreUrl } from './s3-location.ts';

/** A backend for a `s3://…` address or a local folder; the S3 client is loaded only when it is used. */
export async function openBackend(
  url: string | undefined,
  folder: string,
  stagingDir: string,
): Promise<BlobBackend> {
  if (!url) return createLocalBlobBackend(folder);
  const { createS3BlobBackend } = await import('./s3-blob-backend.ts');
  return createS3BlobBackend({ ...parseBlobStoreUrl(url), stagingDir });
}

/** The blob store the configuration names: `BLOB_STORE_URL`, or the folder `DATA_DIR/blobs`. */
export async function openBlobStore(config: Pick<Config, 'dataDir' | 'blobStoreUrl'>): Promise<BlobStore> {
  return createBlobStore(
    await openBackend(
      config.blobStoreUrl,
      path.join(config.dataDir, 'blobs'),
      path.join(config.dataDir, 'tmp', 'blob-staging'),
    ),
  );
}
