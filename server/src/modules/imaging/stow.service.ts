import type { Readable } from 'node:stream';
import type { AppContext } from '../../app-context.ts';
import type { ActorContext } from '../../platform/audit/audit.writer.ts';
import { AppError } from '../../platform/errors.ts';
import type { DicomJson } from './dicom-json.ts';
import { FAILURE } from './dicom-status.ts';
import {
  type IngestOutcome,
  type IngestSource,
  keepInstance,
  receiveInstance,
} from './imaging-ingest.service.ts';
import {
  MultipartError,
  mediaTypeParameter,
  multipartBoundary,
  multipartParts,
} from './multipart-related.ts';

/** Files being kept (flushed, indexed, committed) at once per request, while the next one arrives. */
const KEEP_AT_ONCE = 4;

export type StowResult = { status: 200 | 202 | 409; body: DicomJson; outcomes: IngestOutcome[] };

const ui = (value: string) => ({ vr: 'UI', Value: [value] });
const us = (value: number) => ({ vr: 'US', Value: [value] });
const ur = (value: string) => ({ vr: 'UR', Value: [value] });

/** A private element (creator "CAREBASE") carrying the reason of a refusal in words, next to its code. */
const REASON_CREATOR = '00090010';
const REASON_TEXT = '00091001';

function studyUrl(base: string, uid: string) {
  return `${base}/studies/${uid}`;
}

/** The STOW-RS response (PS3.18 10.5.3): each instance referenced or failed, with reasons. */
export function stowResponse(base: string, outcomes: readonly IngestOutcome[]): StowResult {
  const referenced: DicomJson[] = [];
  const failed: DicomJson[] = [];
  let studyUid: string | undefined;
  for (const o of outcomes) {
    if (!('reason' in o)) {
      studyUid ??= o.studyUid;
      referenced.push({
        '00081150': ui(o.sopClassUid),
        '00081155': ui(o.sopInstanceUid),
        '00081190': ur(`${studyUrl(base, o.studyUid)}/series/${o.seriesUid}/instances/${o.sopInstanceUid}`),
      });
      continue;
    }
    const item: DicomJson = {
      [REASON_CREATOR]: { vr: 'LO', Value: ['CAREBASE'] },
      [REASON_TEXT]: { vr: 'LT', Value: [o.reason] },
      '00081197': us(o.failure),
    };
    if (o.sopClassUid) item['00081150'] = ui(o.sopClassUid);
    if (o.sopInstanceUid) item['00081155'] = ui(o.sopInstanceUid);
    failed.push(Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b))));
  }
  const body: DicomJson = {};
  if (studyUid) body['00081190'] = ur(studyUrl(base, studyUid));
  if (failed.length) body['00081198'] = { vr: 'SQ', Value: failed };
  if (referenced.length) body['00081199'] = { vr: 'SQ', Value: referenced };
  const status = failed.length === 0 ? 200 : referenced.length ? 202 : 409;
  return { status, body, outcomes: [...outcomes] };
}

/** The boundary of a STOW-RS request, after checking it is multipart/related of application/dicom parts. */
export function stowBoundary(contentType: string | undefined): string {
  const type = contentType ?? '';
  if (!/^multipart\/related\s*(;|$)/i.test(type))
    throw new AppError(
      'unsupported_media_type',
      'STOW-RS takes multipart/related; type="application/dicom" (one DICOM file per part).',
      { fields: [{ path: 'headers.content-type', message: `is ${type || 'missing'}` }] },
    );
  const partType = mediaTypeParameter(type, 'type');
  if (partType && partType.toLowerCase() !== 'application/dicom')
    throw new AppError(
      'unsupported_media_type',
      `Only application/dicom parts are stored; this request declares type="${partType}".`,
      { fields: [{ path: 'headers.content-type', message: 'type must be application/dicom' }] },
    );
  const boundary = multipartBoundary(type);
  if (!boundary)
    throw new AppError('bad_request', 'The multipart/related Content-Type has no boundary parameter.', {
      fields: [{ path: 'headers.content-type', message: 'has no boundary' }],
    });
  return boundary;
}

/** Stores each part of a STOW-RS request in turn; a bad part fails alone, the others are unaffected. */
export async function storeInstances(
  ctx: AppContext,
  actor: ActorContext,
  body: Readable,
  boundary: string,
  options: { base: string; expectedStudyUid?: string; source?: IngestSource },
): Promise<StowResult> {
  // Each part is read and checked in turn (the body is one stream); keeping it (flush to disk, index,
  // commit) runs in the background, a few at a time, while the next part arrives.
  const outcomes: Promise<IngestOutcome>[] = [];
  const keeping = new Set<Promise<IngestOutcome>>();
  const ingest = {
    source: options.source ?? 'stow',
    actor,
    maxBytes: ctx.config.dicomMaxInstanceBytes,
    ...(options.expectedStudyUid ? { expectedStudyUid: options.expectedStudyUid } : {}),
  } as const;
  // Every keep finishes before the answer goes out, even when one of them failed.
  const settle = async () => {
    const results = await Promise.allSettled(outcomes);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return results.map((r) => (r as PromiseFulfilledResult<IngestOutcome>).value);
  };
  try {
    for await (const part of multipartParts(body, boundary)) {
      const type = (part.headers['content-type'] ?? 'application/dicom').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/dicom') {
        part.body.resume();
        outcomes.push(
          Promise.resolve({
            status: 'refused',
            reason: `part ${outcomes.length + 1} is ${type}; only application/dicom parts are stored`,
            failure: FAILURE.CannotUnderstand,
          }),
        );
        continue;
      }
      const received = await receiveInstance(ctx, part.body, ingest);
      if (!('staged' in received)) {
        outcomes.push(Promise.resolve(received));
        continue;
      }
      const kept = keepInstance(ctx, received, ingest);
      outcomes.push(kept);
      keeping.add(kept);
      void kept.finally(() => keeping.delete(kept)).catch(() => {});
      if (keeping.size >= KEEP_AT_ONCE) await Promise.race(keeping).catch(() => {});
    }
  } catch (err) {
    if (!(err instanceof MultipartError)) {
      await Promise.allSettled(outcomes);
      throw err;
    }
    // A cut-off part has already been refused by the ingest; a body that is not multipart at all has not.
    const done = await settle();
    if (!done.length || done.at(-1)?.status !== 'refused')
      outcomes.push(
        Promise.resolve({ status: 'refused', reason: err.message, failure: FAILURE.CannotUnderstand }),
      );
  }
  const settled = await settle();
  if (!settled.length)
    throw new AppError('bad_request', 'The request holds no DICOM part.', {
      fields: [{ path: 'body', message: 'has no parts' }],
    });
  return stowResponse(options.base, settled);
}
