import { Unzip, UnzipInflate } from 'fflate';

/** Why a file found in a drop, a folder or a zip is not sent. */
export type SkipReason = 'notDicom' | 'system' | 'nestedArchive' | 'unreadable';

/** One file to send, or one that is listed as skipped; `name` is its path within the drop. */
export interface UploadCandidate {
  name: string;
  size: number;
  file?: Blob;
  skip?: SkipReason;
}

/** Extensions that are surely not DICOM files (DICOM files often have none, or .dcm, .dic, .ima). */
const NOT_DICOM = new Set([
  'txt',
  'jpg',
  'jpeg',
  'png',
  'gif',
  'bmp',
  'tif',
  'tiff',
  'webp',
  'pdf',
  'htm',
  'html',
  'xml',
  'json',
  'csv',
  'md',
  'rtf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'exe',
  'dll',
  'bat',
  'cmd',
  'sh',
  'js',
  'css',
  'inf',
  'ini',
  'log',
  'lnk',
  'url',
  'mp4',
  'avi',
  'mov',
]);
const SYSTEM_FILES = new Set(['thumbs.db', 'desktop.ini', 'autorun.inf']);

/** The file name at the end of a path (`a/b/c.dcm` → `c.dcm`). */
export function baseName(path: string): string {
  return path.split('/').filter(Boolean).at(-1) ?? path;
}

export function isZipName(path: string): boolean {
  return /\.zip$/i.test(path);
}

/**
 * Whether a file is left out by its name alone: operating-system clutter (hidden files, `__MACOSX`, Thumbs.db)
 * and extensions that are never DICOM (.txt, .jpg, .pdf…). Everything else, DICOMDIR included, is sent and
 * the archive judges it.
 */
export function skipReasonOf(path: string): SkipReason | null {
  const parts = path.split('/').filter(Boolean);
  const name = (parts.at(-1) ?? '').toLowerCase();
  if (parts.some((part) => part === '__MACOSX') || name.startsWith('.') || SYSTEM_FILES.has(name))
    return 'system';
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1) : '';
  return NOT_DICOM.has(extension) ? 'notDicom' : null;
}

/**
 * The files inside a zip, one by one as the archive is read (nothing is held but the entries read so far
 * and not yet taken). Folders inside are walked; a zip inside the zip is listed as skipped.
 */
export async function* zipEntries(zip: Blob, zipName: string): AsyncGenerator<UploadCandidate> {
  const ready: UploadCandidate[] = [];
  const unzip = new Unzip((entry) => {
    if (entry.name.endsWith('/')) return;
    const name = `${zipName}/${entry.name}`;
    const skip = isZipName(entry.name) ? 'nestedArchive' : skipReasonOf(entry.name);
    if (skip) {
      ready.push({ name, size: entry.originalSize ?? 0, skip });
      return;
    }
    // Each chunk is copied into a Blob at once: the decoder may reuse its buffers.
    const parts: Blob[] = [];
    let failed = false;
    entry.ondata = (error, chunk, final) => {
      if (failed) return;
      if (error) {
        failed = true;
        ready.push({ name, size: entry.originalSize ?? 0, skip: 'unreadable' });
        return;
      }
      if (chunk.length > 0) parts.push(new Blob([chunk as Uint8Array<ArrayBuffer>]));
      if (final) {
        const file = new Blob(parts, { type: 'application/dicom' });
        ready.push({ name, size: file.size, file });
      }
    };
    try {
      entry.start();
    } catch {
      // A compression method the decoder does not know (LZMA, encrypted entries…).
      failed = true;
      ready.push({ name, size: entry.originalSize ?? 0, skip: 'unreadable' });
    }
  });
  unzip.register(UnzipInflate);

  const reader = zip.stream().getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      try {
        unzip.push(value ?? new Uint8Array(0), done);
      } catch {
        // The rest of the archive cannot be read: what was found so far still goes.
        ready.push({ name: zipName, size: zip.size, skip: 'unreadable' });
        while (ready.length > 0) yield ready.shift()!;
        return;
      }
      while (ready.length > 0) yield ready.shift()!;
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}

/** What a drop or a file input hands over, taken at once (a drop's items are gone after the event). */
export type UploadInput = { file: File; path?: string } | { entry: FileSystemEntry };

/** The dropped items as inputs: folders as entries to walk, plain files as files. */
export function inputsFromDataTransfer(data: DataTransfer): UploadInput[] {
  const inputs: UploadInput[] = [];
  const items = [...data.items].filter((item) => item.kind === 'file');
  if (items.length === 0) return [...data.files].map((file) => ({ file }));
  for (const item of items) {
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) inputs.push({ entry });
    else {
      const file = item.getAsFile();
      if (file) inputs.push({ file });
    }
  }
  return inputs;
}

/** Files chosen in a file input (with the folder path when a whole folder was chosen). */
export function inputsFromFiles(files: readonly File[]): UploadInput[] {
  return files.map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}

function fileOfEntry(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Every entry of a folder (the browser hands them out in batches until an empty one). */
async function entriesOf(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

async function* candidatesOfFile(file: Blob, path: string): AsyncGenerator<UploadCandidate> {
  if (isZipName(path)) {
    yield* zipEntries(file, path);
    return;
  }
  const skip = skipReasonOf(path);
  yield skip ? { name: path, size: file.size, skip } : { name: path, size: file.size, file };
}

async function* candidatesOfEntry(entry: FileSystemEntry): AsyncGenerator<UploadCandidate> {
  const path = entry.fullPath.replace(/^\//, '') || entry.name;
  if (isDirectory(entry)) {
    let children: FileSystemEntry[];
    try {
      children = await entriesOf(entry);
    } catch {
      yield { name: path, size: 0, skip: 'unreadable' };
      return;
    }
    for (const child of children) yield* candidatesOfEntry(child);
    return;
  }
  if (!isFile(entry)) return;
  let file: File;
  try {
    file = await fileOfEntry(entry);
  } catch {
    yield { name: path, size: 0, skip: 'unreadable' };
    return;
  }
  yield* candidatesOfFile(file, path);
}

/** Every file of the inputs, folders walked and zips opened, one at a time as they are found. */
export async function* candidatesOf(inputs: readonly UploadInput[]): AsyncGenerator<UploadCandidate> {
  for (const input of inputs) {
    if ('entry' in input) yield* candidatesOfEntry(input.entry);
    else yield* candidatesOfFile(input.file, input.path ?? input.file.name);
  }
}

/**
 * Runs `worker` on each item of `source` with at most `limit` at once, taking the next item only when a lane
 * is free (so a zip is read no faster than it is sent). Stops taking new items once `signal` aborts.
 */
export async function runPool<T>(
  source: AsyncIterable<T> | Iterable<T>,
  limit: number,
  worker: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const iterator =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<T>)[Symbol.asyncIterator]()
      : (source as Iterable<T>)[Symbol.iterator]();
  // One caller at a time asks the iterator for its next item.
  let turn: Promise<unknown> = Promise.resolve();
  const next = (): Promise<IteratorResult<T>> => {
    const result = turn.then(() => iterator.next());
    turn = result.catch(() => undefined);
    return result;
  };
  const lane = async () => {
    for (;;) {
      if (signal?.aborted) return;
      const item = await next();
      if (item.done) return;
      await worker(item.value);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, limit) }, lane));
  } finally {
    await iterator.return?.();
  }
}
