import type { AppContext } from '../../../app-context.ts';
import type { ActorContext } from '../../../platform/audit/audit.writer.ts';
import { FAILURE } from '../dicom-status.ts';
import { type IngestOutcome, ingestInstance } from '../imaging-ingest.service.ts';
import type { OrthancPullResult } from './orthanc.schemas.ts';
import { type OrthancClient, OrthancError, tagText } from './orthanc-client.ts';

/** What a pull or a follow step counts. */
export type TransferCounts = Omit<OrthancPullResult, 'studyUid'>;

export type ImportOutcome = IngestOutcome | { status: 'missing'; reason: string };

/** How many files of one study travel at once. */
export const PARALLEL_TRANSFERS = 4;
/** How many reasons a result keeps. */
const MAX_ERRORS = 10;

/**
 * Fetches one instance from Orthanc and stores it here (streamed, idempotent). An instance deleted from
 * Orthanc meanwhile is 'missing'; a transfer that breaks off throws, so a caller never takes a cut
 * download for a bad file and moves past it.
 */
export async function importOrthancInstance(
  ctx: AppContext,
  client: OrthancClient,
  orthancId: string,
  actor: ActorContext,
): Promise<ImportOutcome> {
  let file: Awaited<ReturnType<OrthancClient['instanceFile']>>;
  try {
    file = await client.instanceFile(orthancId);
  } catch (err) {
    if (err instanceof OrthancError && err.status === 404)
      return { status: 'missing', reason: `instance ${orthancId} is no longer in Orthanc` };
    throw err;
  }
  const { stream } = file;
  let broken: Error | undefined;
  stream.on('error', (err) => {
    broken = err;
  });
  const outcome = await ingestInstance(ctx, stream, {
    source: 'orthanc',
    actor,
    maxBytes: ctx.config.dicomMaxInstanceBytes,
  });
  // Only a cut transfer ends in a processing failure before its end: a fault of the link, not of the file.
  const cut = broken !== undefined || !stream.readableEnded;
  if (!stream.readableEnded) stream.destroy();
  if (outcome.status === 'refused' && outcome.failure === FAILURE.ProcessingFailure && cut)
    throw new OrthancError(
      `the transfer of instance ${orthancId} from Orthanc at ${client.url} broke off: ${broken?.message ?? outcome.reason}`,
      null,
    );
  return outcome;
}

/** Runs `work` on every item, at most `limit` at a time, in order of start. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

export function emptyPull(studyUid: string): OrthancPullResult {
  return { studyUid, stored: 0, duplicate: 0, conflict: 0, refused: 0, failed: 0, errors: [] };
}

export function noteError(errors: string[], message: string): void {
  if (errors.length < MAX_ERRORS) errors.push(message.slice(0, 500));
}

/** Counts one outcome into a pull's result. */
export function tally(result: TransferCounts, outcome: ImportOutcome, orthancId: string): void {
  switch (outcome.status) {
    case 'stored':
    case 'duplicate':
    case 'conflict':
      result[outcome.status]++;
      if (outcome.status === 'conflict')
        noteError(result.errors, `${outcome.sopInstanceUid}: ${outcome.reason}`);
      return;
    case 'refused':
      result.refused++;
      noteError(result.errors, `${outcome.sopInstanceUid ?? orthancId}: ${outcome.reason}`);
      return;
    case 'missing':
      result.failed++;
      noteError(result.errors, outcome.reason);
  }
}

/**
 * Imports every instance of one Orthanc study. Each instance is stored whole or not at all; one that fails
 * is counted and the others still come.
 */
export async function pullOrthancStudy(
  ctx: AppContext,
  client: OrthancClient,
  orthancId: string,
  actor: ActorContext,
): Promise<OrthancPullResult> {
  const study = await client.study(orthancId);
  const result = emptyPull(tagText(study.MainDicomTags, 'StudyInstanceUID'));
  const instances = await client.studyInstances(orthancId);
  await eachLimited(instances, PARALLEL_TRANSFERS, async (instance) => {
    try {
      tally(result, await importOrthancInstance(ctx, client, instance.ID, actor), instance.ID);
    } catch (err) {
      result.failed++;
      noteError(result.errors, err instanceof Error ? err.message : String(err));
    }
  });
  return result;
}
