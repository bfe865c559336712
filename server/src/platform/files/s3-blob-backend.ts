import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { type BlobBackend, BlobMissingError, checkKey, isKey, type StoredObject } from './blob-backend.ts';
import type { S3Location } from './s3-location.ts';

export type S3BlobBackendOptions = S3Location & {
  /** When omitted, the SDK's default chain applies (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, profiles…). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  stagingDir: string;
  partSizeBytes?: number;
};

/** HeadObject answers a bare 404 (`NotFound`), GetObject a `NoSuchKey`. */
const isMissing = (err: unknown) =>
  err instanceof S3ServiceException && (err.name === 'NoSuchKey' || err.name === 'NotFound');

/** Objects in an S3-compatible bucket, under `prefix/`; large writes go up as multipart uploads. */
export function createS3BlobBackend(options: S3BlobBackendOptions): BlobBackend {
  const { bucket, endpoint, region, forcePathStyle, credentials, stagingDir } = options;
  const root = options.prefix.replace(/^\/+|\/+$/g, '');
  const rootPrefix = root ? `${root}/` : '';
  const partSize = options.partSizeBytes ?? 16 * 1024 * 1024;
  const client = new S3Client({
    region,
    forcePathStyle,
    ...(endpoint !== undefined && { endpoint }),
    ...(credentials !== undefined && { credentials }),
    // The newer flexible checksums (and aws-chunked trailers) are not spoken by every S3-compatible server.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const objectKey = (key: string) => rootPrefix + checkKey(key);

  /**
   * Nothing appears under the key unless every part arrived: a failed upload is aborted, never completed.
   * One part in flight while the next is gathered keeps a 200 MB write under ~70 MB of RSS; two in flight
   * took it to 75-150 MB.
   */
  async function upload(key: string, body: Readable): Promise<void> {
    const params = { Bucket: bucket, Key: objectKey(key), Body: body };
    await new Upload({ client, params, partSize, queueSize: 1, leavePartsOnError: false }).done();
  }

  async function* listPages(prefix: string): AsyncGenerator<StoredObject> {
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(rootPrefix.length);
        // Folder markers and the like, left by other tools, are not objects of ours.
        if (!key || !isKey(key)) continue;
        // Without a time the object counts as new, so the garbage collector's grace period spares it.
        yield { key, size: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date() };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  return {
    location: root ? `s3://${bucket}/${root}` : `s3://${bucket}`,
    stagingDir,
    async stat(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
        return head.ContentLength ?? 0;
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },
    async write(key, source) {
      checkKey(key);
      let size = 0;
      let sourceError: unknown;
      async function* counted() {
        try {
          for await (const chunk of source) {
            size += (chunk as Buffer).length;
            yield chunk as Buffer;
          }
        } catch (err) {
          sourceError = err;
          throw err;
        }
      }
      try {
        await upload(key, Readable.from(counted()));
      } catch (err) {
        source.destroy();
        // The source's own failure says more than a failure to abort the upload it caused.
        throw sourceError ?? err;
      }
      return size;
    },
    async moveIn(key, file) {
      // A file stream lets the upload check that as many parts arrived as the file's size calls for.
      await upload(key, createReadStream(file));
      await fs.rm(file, { force: true });
    },
    async read(key, range) {
      try {
        const out = await client.send(
          new GetObjectCommand({
            Bucket: bucket,
            Key: objectKey(key),
            Range: range ? `bytes=${range.start}-${range.end}` : undefined,
          }),
        );
        if (!(out.Body instanceof Readable)) throw new Error(`no readable body for ${key} from ${bucket}`);
        return out.Body;
      } catch (err) {
        if (isMissing(err)) throw new BlobMissingError(key);
        throw err;
      }
    },
    async remove(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey(key) }));
      } catch (err) {
        if (!isMissing(err)) throw err;
      }
    },
    list(prefix) {
      if (!prefix) return listPages(rootPrefix);
      return listPages(`${objectKey(prefix.replace(/\/+$/, ''))}/`);
    },
    async close() {
      client.destroy();
    },
  };
}
