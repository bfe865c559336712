import type { Readable } from 'node:stream';

/** Bytes from `start` to `end`, both included (as in an HTTP Range header). */
export type ByteRange = { start: number; end: number };

export type StoredObject = { key: string; size: number; modifiedAt: Date };

export class BlobMissingError extends Error {
  constructor(readonly key: string) {
    super(`no object is stored under ${key}`);
  }
}

/**
 * Where objects live: a local folder or an S3-compatible bucket. Keys are relative paths of plain segments
 * (letters, digits, `.`, `_`, `-`, separated by `/`); an object appears under its key only once it is complete,
 * and a write that fails or is aborted leaves nothing under the key. The blob store and backups both use it.
 */
export type BlobBackend = {
  /** Where the objects are, for messages and the monitoring page: a folder, or s3://bucket/prefix. */
  readonly location: string;
  /** A local folder for files being received before they are moved in (on the store's own disk when local). */
  readonly stagingDir: string;
  /** The object's size in bytes, or null when there is none under the key. */
  stat(key: string): Promise<number | null>;
  /** Streams the source in under the key, replacing what was there. Resolves with the bytes written. */
  write(key: string, source: Readable): Promise<number>;
  /** Moves a complete local file (fsynced by the caller) in under the key; the file is gone afterwards. */
  moveIn(key: string, file: string): Promise<void>;
  /** The object's bytes, or the range of them; rejects with BlobMissingError when there is none. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** Removes the object; removing one that is not there is not an error. */
  remove(key: string): Promise<void>;
  /** Every object under the folder `prefix` (all when omitted), in no particular order. */
  list(prefix?: string): AsyncIterable<StoredObject>;
  close(): Promise<void>;
};

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** Refuses keys that could step out of the store (`..`, absolute paths, empty or odd segments). */
export function checkKey(key: string): string {
  const segments = key.split('/');
  if (key.length === 0 || key.length > 512 || !segments.every((s) => SEGMENT.test(s) && !s.includes('..')))
    throw new Error(`not a valid object key: ${JSON.stringify(key)}`);
  return key;
}

export function isKey(value: string): boolean {
  try {
    checkKey(value);
    return true;
  } catch {
    return false;
  }
}
