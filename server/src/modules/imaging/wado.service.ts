import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeReadAudit } from '../../platform/audit/audit.writer.ts';
import { AppError } from '../../platform/errors.ts';
import { DICOMWEB_BASE_TOKEN } from './dicom-json.ts';
import { TRANSFER_SYNTAX } from './dicom-tags.ts';
import { acceptedRanges, frameMediaType } from './media-types.ts';
import { multipartRelated, type OutgoingPart } from './multipart-writer.ts';
import * as repo from './wado.repository.ts';

const inflate = promisify(inflateRaw);
export type WadoScope = repo.WadoScope;

function notFound(scope: WadoScope): never {
  const what = scope.sopInstanceUid
    ? `instance ${scope.sopInstanceUid}`
    : scope.seriesUid
      ? `series ${scope.seriesUid}`
      : `study ${scope.studyUid}`;
  throw new AppError('not_found', `No ${what} is stored here.`);
}

async function audit(
  ctx: AppContext,
  actor: ActorContext,
  rows: readonly { patientId: string | null; studyId: string }[],
  scope: WadoScope,
  what: string,
) {
  const first = rows[0];
  await writeReadAudit(ctx.db, actor, {
    action: `imaging.${what}.read`,
    resourceType: 'imaging-study',
    resourceId: first?.studyId ?? null,
    patientId: first?.patientId ?? null,
    details: { ...scope },
  });
}

/** The transfer syntax the Accept header allows for application/dicom parts: '*' when any (as stored). */
function acceptedDicomSyntax(accept: string | undefined): string {
  for (const range of acceptedRanges(accept)) {
    const multipart =
      range.type === 'multipart/related' || range.type === '*/*' || range.type === 'multipart/*';
    const inner = range.params.type?.toLowerCase();
    if (multipart && (!inner || inner === 'application/dicom')) return range.params['transfer-syntax'] ?? '*';
    if (range.type === 'application/dicom') return range.params['transfer-syntax'] ?? '*';
  }
  throw new AppError(
    'not_acceptable',
    'Instances are sent as multipart/related; type="application/dicom". Ask for that in the Accept header.',
    {
      fields: [{ path: 'headers.accept', message: 'must allow multipart/related; type="application/dicom"' }],
    },
  );
}

/** WADO-RS retrieval of a study, series or instance: the stored files as they arrived, streamed. */
export async function retrieveInstances(
  ctx: AppContext,
  actor: ActorContext,
  scope: WadoScope,
  accept: string | undefined,
) {
  const syntax = acceptedDicomSyntax(accept);
  const rows = await repo.instancesIn(ctx.db, scope);
  if (!rows.length) notFound(scope);
  const other = rows.find((r) => syntax !== '*' && r.transferSyntaxUid !== syntax);
  if (other)
    throw new AppError(
      'not_acceptable',
      `Instance ${other.sopInstanceUid} is stored in transfer syntax ${other.transferSyntaxUid}; this archive sends files as stored (ask with transfer-syntax=*).`,
      { fields: [{ path: 'headers.accept', message: `transfer-syntax ${syntax} is not available` }] },
    );
  await audit(ctx, actor, rows, scope, 'instances');
  const parts: OutgoingPart[] = rows.map((r) => ({
    contentType: `application/dicom; transfer-syntax=${r.transferSyntaxUid}`,
    body: async () => (await ctx.blobs.open(r.sha256)).stream,
  }));
  return multipartRelated('application/dicom', parts);
}

/** WADO-RS metadata (DICOM JSON), served from the index's cache: no file is read. */
export async function retrieveMetadata(ctx: AppContext, actor: ActorContext, scope: WadoScope, base: string) {
  const rows = await repo.metadataIn(ctx.db, scope);
  if (!rows.length) notFound(scope);
  await audit(ctx, actor, rows, scope, 'metadata');
  const items = rows.map((r) =>
    r.metadata.replaceAll(
      DICOMWEB_BASE_TOKEN,
      `${base}/studies/${scope.studyUid}/series/${r.seriesUid}/instances/${r.sopInstanceUid}`,
    ),
  );
  return `[${items.join(',')}]`;
}

type FrameMode = { kind: 'stored' } | { kind: 'native' };

/** Whether frames go out as stored (compressed bitstreams allowed) or must be native (uncompressed). */
function frameMode(accept: string | undefined, storedType: string): FrameMode {
  for (const range of acceptedRanges(accept)) {
    const multipart =
      range.type === 'multipart/related' || range.type === '*/*' || range.type === 'multipart/*';
    if (!multipart) continue;
    const inner = (range.params.type ?? 'application/octet-stream').toLowerCase();
    const syntax = range.params['transfer-syntax'];
    if (syntax === '*' || (inner !== 'application/octet-stream' && inner === storedType))
      return { kind: 'stored' };
    if (inner === 'application/octet-stream' && (!syntax || syntax === TRANSFER_SYNTAX.ExplicitLittle))
      return { kind: 'native' };
  }
  throw new AppError(
    'not_acceptable',
    `Frames are sent as multipart/related; type="application/octet-stream" (uncompressed), or as stored (${storedType}) with transfer-syntax=*.`,
    {
      fields: [{ path: 'headers.accept', message: 'asks for a frame format this archive does not produce' }],
    },
  );
}

export function parseFrameList(list: string): number[] {
  const numbers = list.split(',').map((n) => Number(n.trim()));
  if (!numbers.length || numbers.some((n) => !Number.isInteger(n) || n < 1) || numbers.length > 10_000)
    throw new AppError('bad_request', 'Frame numbers are a comma-separated list of whole numbers from 1.', {
      fields: [{ path: 'params.frames', message: 'must be numbers such as 1,2,3' }],
    });
  return numbers;
}

/** WADO-RS frames: the bytes of each frame, uncompressed or as stored, read by range from the stored file. */
export async function retrieveFrames(
  ctx: AppContext,
  actor: ActorContext,
  scope: WadoScope,
  frameNumbers: number[],
  accept: string | undefined,
) {
  const row = await repo.instanceForFrames(ctx.db, scope);
  if (!row) notFound(scope);
  const { frames } = row;
  const count =
    frames.kind === 'native' ? frames.count : frames.kind === 'encapsulated' ? frames.frames.length : 0;
  if (!count) throw new AppError('not_found', `Instance ${scope.sopInstanceUid} has no pixel data frames.`);
  const missing = frameNumbers.find((n) => n > count);
  if (missing)
    throw new AppError(
      'not_found',
      `Instance ${scope.sopInstanceUid} has ${count} frames; there is no frame ${missing}.`,
      {
        fields: [{ path: 'params.frames', message: `must be from 1 to ${count}` }],
      },
    );
  const storedType = frameMediaType(row.transferSyntaxUid);
  const mode = frames.kind === 'native' ? { kind: 'native' as const } : frameMode(accept, storedType);
  if (frames.kind === 'encapsulated' && mode.kind === 'native')
    throw new AppError(
      'not_acceptable',
      `Instance ${scope.sopInstanceUid} is stored compressed (${row.transferSyntaxUid}); ask for its frames with transfer-syntax=*.`,
      { fields: [{ path: 'headers.accept', message: 'needs transfer-syntax=*' }] },
    );
  if (frames.kind === 'native') frameMode(accept, storedType);
  await audit(ctx, actor, [row], scope, 'frames');
  const inflated =
    row.transferSyntaxUid === TRANSFER_SYNTAX.Deflated
      ? await inflatedDataset(ctx, row.sha256, row.metadata)
      : null;
  const read = async (offset: number, length: number) => {
    if (inflated) return inflated.subarray(offset, offset + length);
    if (length === 0) return Buffer.alloc(0);
    return ctx.blobs.openRange(row.sha256, { start: offset, end: offset + length - 1 });
  };
  const parts: OutgoingPart[] = frameNumbers.map((n) => {
    if (frames.kind === 'native') {
      const offset = frames.offset + (n - 1) * frames.frameLength;
      return {
        contentType: 'application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1',
        body: async () => {
          const bytes = await read(offset, frames.frameLength);
          return row.transferSyntaxUid === TRANSFER_SYNTAX.ExplicitBig ? swapped(bytes, row.metadata) : bytes;
        },
      };
    }
    const spans = frames.kind === 'encapsulated' ? (frames.frames[n - 1] ?? []) : [];
    return {
      contentType: `${storedType}; transfer-syntax=${row.transferSyntaxUid}`,
      body: async () => {
        const pieces: Buffer[] = [];
        for (let i = 0; i < spans.length; i += 2) {
          const piece = await read(spans[i] ?? 0, spans[i + 1] ?? 0);
          pieces.push(Buffer.isBuffer(piece) ? piece : await collect(piece));
        }
        return Buffer.concat(pieces);
      },
    };
  });
  const type = mode.kind === 'native' ? 'application/octet-stream' : storedType;
  return multipartRelated(type, parts);
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Big-endian pixel words turned little endian, by the instance's Bits Allocated. */
async function swapped(bytes: Buffer | NodeJS.ReadableStream, metadata: string): Promise<Buffer> {
  const buffer = Buffer.isBuffer(bytes) ? Buffer.from(bytes) : await collect(bytes);
  const bits = (JSON.parse(metadata) as Record<string, { Value?: unknown[] }>)['00280100']?.Value?.[0];
  if (bits === 16 && buffer.length % 2 === 0) buffer.swap16();
  else if (bits === 32 && buffer.length % 4 === 0) buffer.swap32();
  return buffer;
}

/** A deflated file's dataset, inflated (deflated files are small: their offsets point into this). */
async function inflatedDataset(ctx: AppContext, sha256: string, _metadata: string): Promise<Buffer> {
  const file = await ctx.blobs.read(sha256);
  const { parseDicom } = await import('./dicom-parse.ts');
  const { bufferSource } = await import('./byte-source.ts');
  const parsed = await parseDicom(bufferSource(file));
  if (parsed.inflated) return parsed.inflated;
  return inflate(file.subarray(parsed.datasetOffset));
}

/** A bulk data value (PS3.18 8.4.1.3), as stored, little endian for words. */
export async function retrieveBulk(ctx: AppContext, actor: ActorContext, scope: WadoScope, path: string) {
  const row = await repo.instanceForFrames(ctx.db, scope);
  if (!row) notFound(scope);
  const span = row.bulk[path];
  if (!span) throw new AppError('not_found', `Instance ${scope.sopInstanceUid} has no bulk data at ${path}.`);
  await audit(ctx, actor, [row], scope, 'bulk');
  const [offset, length] = span;
  const inflated =
    row.transferSyntaxUid === TRANSFER_SYNTAX.Deflated
      ? await inflatedDataset(ctx, row.sha256, row.metadata)
      : null;
  const part: OutgoingPart = {
    contentType: 'application/octet-stream',
    body: async () =>
      inflated
        ? inflated.subarray(offset, offset + length)
        : length
          ? ctx.blobs.openRange(row.sha256, { start: offset, end: offset + length - 1 })
          : Buffer.alloc(0),
  };
  return multipartRelated('application/octet-stream', [part]);
}
