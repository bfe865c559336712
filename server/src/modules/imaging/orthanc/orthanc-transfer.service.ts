import type { AppContext } from '../../../app-context.ts';
import { type ActorContext, writeAudit } from '../../../platform/audit/audit.writer.ts';
import { AppError } from '../../../platform/errors.ts';
import { instancesIn } from '../wado.repository.ts';
import type { OrthancPullResult, OrthancPushResult } from './orthanc.schemas.ts';
import { OrthancError } from './orthanc-client.ts';
import { eachLimited, noteError, PARALLEL_TRANSFERS, pullOrthancStudy } from './orthanc-import.ts';
import { orthancClientFor, requireLink } from './orthanc-links.service.ts';

/** Runs a call to Orthanc; its failures become answers a person can act on (404, or 503 naming Orthanc). */
export async function remote<T>(call: () => Promise<T>, notFound: string): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (!(err instanceof OrthancError)) throw err;
    if (err.status === 404) throw new AppError('not_found', notFound);
    throw new AppError('unavailable', err.message);
  }
}

/** Imports every instance of one study of the linked Orthanc, as the asking user. */
export async function pullStudyFromOrthanc(
  ctx: AppContext,
  actor: ActorContext,
  linkId: string,
  orthancId: string,
): Promise<OrthancPullResult> {
  const link = await requireLink(ctx.db, linkId);
  const result = await remote(
    () => pullOrthancStudy(ctx, orthancClientFor(link), orthancId, actor),
    `Orthanc at ${link.url} has no study ${orthancId}.`,
  );
  await writeAudit(ctx.db, actor, {
    action: 'imaging.orthanc.pull',
    resourceType: 'orthanc-link',
    resourceId: link.id,
    details: { url: link.url, orthancId, ...result },
  });
  return result;
}

/**
 * Sends every stored instance of a study to the linked Orthanc, each file streamed from the blob store as
 * it was stored. Orthanc keeps one copy per instance, so sending again is harmless ('alreadyThere').
 */
export async function pushStudyToOrthanc(
  ctx: AppContext,
  actor: ActorContext,
  linkId: string,
  studyUid: string,
): Promise<OrthancPushResult> {
  const link = await requireLink(ctx.db, linkId);
  const instances = await instancesIn(ctx.db, { studyUid });
  const first = instances[0];
  if (!first) throw new AppError('not_found', `No study ${studyUid} is stored here.`);
  const client = orthancClientFor(link);
  const result: OrthancPushResult = {
    studyUid,
    orthancStudyId: null,
    sent: 0,
    alreadyThere: 0,
    failed: 0,
    errors: [],
  };
  await eachLimited(instances, PARALLEL_TRANSFERS, async (instance) => {
    try {
      const { stream, size } = await ctx.blobs.open(instance.sha256);
      const answer = await client.storeInstance(stream, size);
      if (answer.Status === 'AlreadyStored') result.alreadyThere++;
      else result.sent++;
    } catch (err) {
      result.failed++;
      noteError(
        result.errors,
        `${instance.sopInstanceUid}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  });
  if (result.sent + result.alreadyThere > 0)
    result.orthancStudyId = (await client.lookupStudy(studyUid).catch(() => undefined)) ?? null;
  // Patient data left the archive: the event names the patient, as a disclosure.
  await writeAudit(ctx.db, actor, {
    action: 'imaging.orthanc.push',
    resourceType: 'imaging-study',
    resourceId: first.studyId,
    patientId: first.patientId,
    details: { linkId: link.id, url: link.url, ...result },
  });
  return result;
}
