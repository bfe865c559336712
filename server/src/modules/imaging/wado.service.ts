import { Readable } from 'node:stream';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeReadAudit } from '../../platform/audit/audit.writer.ts';
import { AppError } from '../../platform/errors.ts';
import { DICOMWEB_BASE_TOKEN } from './dicom-json.ts';
import { TRANSFER_SYNTAX } from './dicom-tags.ts';
import { frameCount, nativeFrame, pixelDescription, rangeReader, storedFrame } from './frame-reader.ts';
import { acceptedRanges, frameMediaType } from './media-types.ts';
import { multipartRelated, type OutgoingPart } from './multipart-writer.ts';
import { PixelDataError } from './render/pixel-description.ts';
import { type RenderOptions, renderFrame } from './render/render-frame.ts';
import * as repo from './wado.repository.ts';

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

/** One stored file as it arrived (WADO-URI with contentType=application/dicom). */
export async function retrieveFile(ctx: AppContext, actor: ActorContext, scope: WadoScope) {
  const rows = await repo.instancesIn(ctx.db, scope);
  const row = rows[0];
  if (!row) notFound(scope);
  await audit(ctx, actor, rows, scope, 'instances');
  return (await ctx.blobs.open(row.sha256)).stream;
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
    if (
      inner === 'application/octet-stream' &&
      (!syntax || syntax === '*' || syntax === TRANSFER_SYNTAX.ExplicitLittle)
    )
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

/** WADO-RS frames: each frame uncompressed (decoded when stored compressed), or as stored with transfer-syntax=*. */
export async function retrieveFrames(
  ctx: AppContext,
  actor: ActorContext,
  scope: WadoScope,
  frameNumbers: number[],
  accept: string | undefined,
) {
  const row = await framesOf(ctx, scope, frameNumbers);
  const storedType = frameMediaType(row.transferSyntaxUid);
  const mode = frameMode(accept, storedType);
  await audit(ctx, actor, [row], scope, 'frames');
  const read = rangeReader(ctx, row);
  const pixel = mode.kind === 'native' ? await pixelDescription(read, row) : null;
  const parts: OutgoingPart[] = frameNumbers.map((n) =>
    pixel
      ? {
          contentType: 'application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1',
          body: async () => (await nativeFrame(read, row, pixel, n)).pixelData,
        }
      : {
          contentType: `${storedType}; transfer-syntax=${row.transferSyntaxUid}`,
          body: () => storedFrame(read, row.frames, n),
        },
  );
  return multipartRelated(mode.kind === 'native' ? 'application/octet-stream' : storedType, parts);
}

/** The instance, after checking it has the frames asked for. */
async function framesOf(ctx: AppContext, scope: WadoScope, frameNumbers: number[]) {
  const row = await repo.instanceForFrames(ctx.db, scope);
  if (!row) notFound(scope);
  const count = frameCount(row.frames);
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
  return row;
}

export type RenderQuery = { window?: string; viewport?: string; quality?: number };

function renderOptions(query: RenderQuery, accept: string | undefined, thumbnail: boolean): RenderOptions {
  const format =
    acceptedRanges(accept).some((r) => r.type === 'image/png') &&
    !acceptedRanges(accept).some((r) => r.type === 'image/jpeg')
      ? 'image/png'
      : 'image/jpeg';
  const options: RenderOptions = { format };
  if (query.quality !== undefined) options.quality = query.quality;
  if (query.window) {
    const [center, width] = query.window.split(',').map(Number);
    if (
      center === undefined ||
      width === undefined ||
      !Number.isFinite(center) ||
      !Number.isFinite(width) ||
      width < 1
    )
      throw new AppError('bad_request', 'window is center,width[,function], e.g. window=40,400.', {
        fields: [{ path: 'query.window', message: 'must be center,width with width of at least 1' }],
      });
    options.windowCenter = center;
    options.windowWidth = width;
  }
  const viewport = query.viewport ?? (thumbnail ? '128,128' : undefined);
  if (viewport) {
    const [width, height] = viewport.split(',').map(Number);
    if (
      !width ||
      !height ||
      !Number.isInteger(width) ||
      !Number.isInteger(height) ||
      width < 1 ||
      height < 1 ||
      width > 4096 ||
      height > 4096
    )
      throw new AppError('bad_request', 'viewport is width,height in pixels, e.g. viewport=512,512.', {
        fields: [{ path: 'query.viewport', message: 'must be two whole numbers from 1 to 4096' }],
      });
    options.viewport = { width, height };
  }
  return options;
}

/**
 * WADO-RS rendered and thumbnail (PS3.18 8.7.4): one frame as a JPEG or PNG, windowed and scaled. Without
 * an instance, the middle instance of the series (or of the study's first series) stands for it.
 */
export async function retrieveRendered(
  ctx: AppContext,
  actor: ActorContext,
  scope: WadoScope,
  frame: number | null,
  query: RenderQuery,
  accept: string | undefined,
  thumbnail: boolean,
) {
  const instanceScope = scope.sopInstanceUid ? scope : await representative(ctx, scope);
  const n = frame ?? 1;
  const row = await framesOf(ctx, instanceScope, [n]);
  const options = renderOptions(query, accept, thumbnail);
  await audit(ctx, actor, [row], scope, thumbnail ? 'thumbnail' : 'rendered');
  const read = rangeReader(ctx, row);
  const pixel = await pixelDescription(read, row);
  const native = await nativeFrame(
    read,
    row,
    pixel,
    frame ?? (thumbnail ? Math.ceil(frameCount(row.frames) / 2) : 1),
  );
  try {
    return { contentType: options.format, body: await renderFrame(native, pixel, options) };
  } catch (err) {
    if (err instanceof PixelDataError)
      throw new AppError('not_acceptable', `The image cannot be rendered: ${err.message}`);
    throw err;
  }
}

async function representative(ctx: AppContext, scope: WadoScope): Promise<WadoScope> {
  const rows = await repo.instancesIn(ctx.db, scope);
  const first = rows[0];
  if (!first) notFound(scope);
  const series = rows.filter((r) => r.seriesUid === first.seriesUid);
  const middle = series[Math.floor(series.length / 2)] ?? first;
  return { studyUid: middle.studyUid, seriesUid: middle.seriesUid, sopInstanceUid: middle.sopInstanceUid };
}

/** Whether the client takes a bare single part (OHIF's `singlepart: 'bulkdata'`) rather than multipart/related. */
function wantsSinglePart(accept: string | undefined): boolean {
  const ranges = acceptedRanges(accept);
  return (
    ranges.some((r) => r.type === 'application/octet-stream') &&
    !ranges.some((r) => r.type === 'multipart/related' || r.type === '*/*')
  );
}

/** A bulk data value (PS3.18 8.4.1.3), as stored: multipart/related, or the bare bytes when asked for those. */
export async function retrieveBulk(
  ctx: AppContext,
  actor: ActorContext,
  scope: WadoScope,
  path: string,
  accept: string | undefined,
) {
  const row = await repo.instanceForFrames(ctx.db, scope);
  if (!row) notFound(scope);
  const span = row.bulk[path];
  if (!span) throw new AppError('not_found', `Instance ${scope.sopInstanceUid} has no bulk data at ${path}.`);
  await audit(ctx, actor, [row], scope, 'bulk');
  const read = rangeReader(ctx, row);
  if (wantsSinglePart(accept))
    return { contentType: 'application/octet-stream', stream: Readable.from([await read(span[0], span[1])]) };
  return multipartRelated('application/octet-stream', [
    { contentType: 'application/octet-stream', body: () => read(span[0], span[1]) },
  ]);
}
