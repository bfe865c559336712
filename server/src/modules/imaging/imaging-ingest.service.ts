import type { Readable } from 'node:stream';
import { EVENT_TYPES } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Tx } from '../../platform/db/database.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { BlobTooLargeError, BlobUploadCutError, type StagedBlob } from '../../platform/files/blob-store.ts';
import { findPatientByIdentifier } from '../patients/patient-lookup.ts';
import { type ByteSource, bufferSource, fileSource } from './byte-source.ts';
import { DicomParseError, type ParsedDicom, parseDicom } from './dicom-parse.ts';
import { FAILURE } from './dicom-status.ts';
import { TAG, tagKey } from './dicom-tags.ts';
import { locateFrames } from './frame-locator.ts';
import * as repo from './imaging.repository.ts';
import type { StoredFrames } from './imaging.schema.ts';
import { type IndexedAttributes, indexAttributes } from './index-attributes.ts';

export type IngestSource = 'stow' | 'upload' | 'dimse' | 'orthanc';

export type IngestOptions = {
  source: IngestSource;
  actor: ActorContext;
  /** STOW-RS to /studies/{study}: instances of another study are refused. */
  expectedStudyUid?: string;
  maxBytes: number;
};

type Identity = { sopClassUid: string; sopInstanceUid: string; studyUid: string; seriesUid: string };

export type IngestOutcome =
  | (Identity & { status: 'stored' | 'duplicate'; warnings: string[]; patientId: string | null })
  | (Identity & { status: 'conflict'; reason: string; failure: number })
  | { status: 'refused'; reason: string; failure: number; sopClassUid?: string; sopInstanceUid?: string };

function refused(reason: string, failure: number, parsed?: ParsedDicom): IngestOutcome {
  const uid = (tag: number) => {
    const v = parsed?.dataset[tagKey(tag)]?.Value?.[0];
    return typeof v === 'string' ? v : undefined;
  };
  const outcome: IngestOutcome = { status: 'refused', reason, failure };
  const sopClassUid = uid(TAG.SopClassUid);
  const sopInstanceUid = uid(TAG.SopInstanceUid);
  if (sopClassUid) outcome.sopClassUid = sopClassUid;
  if (sopInstanceUid) outcome.sopInstanceUid = sopInstanceUid;
  return outcome;
}

function geometryOf(a: IndexedAttributes, parsed: ParsedDicom) {
  const n = (tag: number) => {
    const v = parsed.dataset[tagKey(tag)]?.Value?.[0];
    return typeof v === 'number' ? v : undefined;
  };
  const rows = a.instance.rows;
  const columns = a.instance.columns;
  const bitsAllocated = n(TAG.BitsAllocated);
  if (!rows || !columns || !bitsAllocated) return null;
  return {
    rows,
    columns,
    bitsAllocated,
    samplesPerPixel: n(TAG.SamplesPerPixel) ?? 1,
    numberOfFrames: Math.max(1, a.instance.numberOfFrames ?? 1),
  };
}

export type Checked = { parsed: ParsedDicom; attributes: IndexedAttributes; frames: StoredFrames };

/** Parses and checks a staged file: what the index would keep of it, or why it is refused. */
export async function check(
  staged: StagedBlob,
  options: Pick<IngestOptions, 'expectedStudyUid'>,
): Promise<Checked | IngestOutcome> {
  let source: ByteSource | null = null;
  let parsed: ParsedDicom | undefined;
  try {
    source = await fileSource(staged.file);
    parsed = await parseDicom(source);
    const attributes = indexAttributes(parsed.dataset);
    const metaUid = parsed.meta[tagKey(TAG.MediaStorageSopInstanceUid)]?.Value?.[0];
    if (metaUid && metaUid !== attributes.instance.sopInstanceUid)
      return refused(
        `the file meta information names SOP instance ${metaUid}, the dataset ${attributes.instance.sopInstanceUid}`,
        FAILURE.CannotUnderstand,
        parsed,
      );
    if (options.expectedStudyUid && options.expectedStudyUid !== attributes.study.studyUid)
      return refused(
        `the instance belongs to study ${attributes.study.studyUid}, not ${options.expectedStudyUid}`,
        FAILURE.DataSetDoesNotMatchSopClass,
        parsed,
      );
    const frames = await locateFrames(
      parsed.inflated ? bufferSource(parsed.inflated) : source,
      parsed.pixelData,
      geometryOf(attributes, parsed),
    );
    return { parsed, attributes, frames };
  } catch (err) {
    if (err instanceof DicomParseError) return refused(err.message, FAILURE.CannotUnderstand, parsed);
    throw err;
  } finally {
    await source?.close();
  }
}

export function bulkMap(parsed: ParsedDicom): Record<string, [number, number]> {
  return Object.fromEntries(parsed.bulk.map((b) => [b.path, [b.offset, b.length]]));
}

/** A file received and checked, staged but not yet kept: `keepInstance` indexes it (or it is discarded). */
export type Received = { staged: StagedBlob; checked: Checked };

/**
 * The first half of storing a file: streamed to a staging file (not yet flushed to disk), parsed and checked
 * there. A refusal leaves nothing behind. Reading the next file can start as soon as this returns.
 */
export async function receiveInstance(
  ctx: AppContext,
  input: Readable,
  options: IngestOptions,
): Promise<Received | IngestOutcome> {
  let staged: StagedBlob;
  try {
    staged = await ctx.blobs.stage(input, { maxBytes: options.maxBytes, sync: false });
  } catch (err) {
    if (err instanceof BlobTooLargeError)
      return refused(
        `the file is larger than the limit of ${options.maxBytes} bytes`,
        FAILURE.OutOfResources,
      );
    if (err instanceof BlobUploadCutError) return refused(err.message, FAILURE.ProcessingFailure);
    throw err;
  }
  try {
    const checked = await check(staged, options);
    if ('status' in checked) {
      await ctx.blobs.discard(staged);
      return checked;
    }
    return { staged, checked };
  } catch (err) {
    await ctx.blobs.discard(staged);
    throw err;
  }
}

/** The second half: the staged file flushed, kept and indexed in one transaction; the staging file removed. */
export async function keepInstance(
  ctx: AppContext,
  received: Received,
  options: IngestOptions,
): Promise<IngestOutcome> {
  try {
    await ctx.blobs.sync(received.staged);
    return await index(ctx, received.staged, received.checked, options);
  } finally {
    await ctx.blobs.discard(received.staged);
  }
}

/**
 * Stores one DICOM Part 10 file from any route (STOW-RS, upload, C-STORE, Orthanc): streamed to a staging
 * file, parsed and checked there, then kept and indexed in one transaction, or refused with nothing left
 * behind. The same instance again is a duplicate (nothing changes); the same UID with other content is kept
 * aside as a conflict for a person to resolve.
 */
export async function ingestInstance(
  ctx: AppContext,
  input: Readable,
  options: IngestOptions,
): Promise<IngestOutcome> {
  const received = await receiveInstance(ctx, input, options);
  return 'staged' in received ? keepInstance(ctx, received, options) : received;
}

async function index(ctx: AppContext, staged: StagedBlob, checked: Checked, options: IngestOptions) {
  const { parsed, attributes: a, frames } = checked;
  const identity: Identity = {
    sopClassUid: a.instance.sopClassUid,
    sopInstanceUid: a.instance.sopInstanceUid,
    studyUid: a.study.studyUid,
    seriesUid: a.series.seriesUid,
  };
  const { settings } = await ctx.settings.get(ctx.db);
  return ctx.db.transaction(async (tx): Promise<IngestOutcome> => {
    const existing = await repo.lockInstanceUid(tx, identity.sopInstanceUid);
    // The file as stored, or as first received before a person rewrote its patient: the same instance again.
    if (existing && (existing.sha256 === staged.sha256 || existing.originalSha256 === staged.sha256))
      return {
        ...identity,
        status: 'duplicate',
        warnings: [],
        patientId: await repo.studyPatient(tx, existing.studyId),
      };
    if (existing) return conflict(ctx, tx, staged, identity, options);
    const patientId = await findPatientByIdentifier(
      tx,
      settings.imaging.patientIdentifier,
      a.study.dicomPatientId,
    );
    const study = await repo.ensureStudy(tx, {
      ...a.study,
      patientId,
      link: patientId ? 'matched' : 'unmatched',
    });
    const series = await repo.ensureSeries(tx, { ...a.series, studyId: study.id });
    if (series.studyId !== study.id)
      return refused(
        `series ${identity.seriesUid} is already stored in another study`,
        FAILURE.DataSetDoesNotMatchSopClass,
        parsed,
      );
    await ctx.blobs.putStaged(tx, staged, { contentType: 'application/dicom' });
    const instanceId = await repo.insertInstance(tx, {
      ...a.instance,
      studyId: study.id,
      seriesId: series.id,
      transferSyntaxUid: parsed.transferSyntaxUid,
      sha256: staged.sha256,
      size: staged.size,
      datasetOffset: parsed.datasetOffset,
      metadata: JSON.stringify(parsed.dataset),
      frames,
      bulk: bulkMap(parsed),
      warnings: parsed.warnings,
      source: options.source,
    });
    const studyPatientId = study.isNew ? patientId : await repo.studyPatient(tx, study.id);
    await writeAudit(tx, options.actor, {
      action: 'imaging.instance.store',
      resourceType: 'imaging-instance',
      resourceId: instanceId,
      patientId: studyPatientId,
      details: { ...identity, source: options.source, size: staged.size, sha256: staged.sha256 },
    });
    if (study.isNew)
      await publishEvent(tx, {
        type: EVENT_TYPES.imagingChanged,
        permission: 'imaging:read',
        resourceId: study.id,
      });
    return { ...identity, status: 'stored', warnings: parsed.warnings, patientId: studyPatientId };
  });
}

async function conflict(
  ctx: AppContext,
  tx: Tx,
  staged: StagedBlob,
  identity: Identity,
  options: IngestOptions,
): Promise<IngestOutcome> {
  await ctx.blobs.putStaged(tx, staged, { contentType: 'application/dicom' });
  await repo.insertConflict(tx, {
    sopInstanceUid: identity.sopInstanceUid,
    studyUid: identity.studyUid,
    seriesUid: identity.seriesUid,
    sha256: staged.sha256,
    size: staged.size,
    source: options.source,
  });
  await writeAudit(tx, options.actor, {
    action: 'imaging.instance.conflict',
    resourceType: 'imaging-instance',
    resourceId: null,
    details: { ...identity, source: options.source, sha256: staged.sha256 },
  });
  return {
    ...identity,
    status: 'conflict',
    reason:
      'an instance with this SOP Instance UID is already stored with other content; kept aside for review',
    failure: FAILURE.DuplicateSopInstance,
  };
}
