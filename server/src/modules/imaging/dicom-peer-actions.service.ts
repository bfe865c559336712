import { Readable } from 'node:stream';
import type { PeerEchoResult, PeerFind, PeerStudy, PeerTransferResult } from '@carebase/contracts';
import { inArray } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { AppError } from '../../platform/errors.ts';
import { allTexts, type DicomJson, firstNumber, firstText } from './dicom-json.ts';
import { parseDataset } from './dicom-parse.ts';
import { findPeer, recordActivity } from './dicom-peers.service.ts';
import { encodeDataset, part10Header } from './dicom-write.ts';
import {
  CommonStorageSopClass,
  type DimsePeer,
  echo,
  find,
  formatStatus,
  get,
  move,
  Status,
  storageTransferSyntaxes,
  store,
} from './dimse/index.ts';
import { imagingStudies } from './imaging.schema.ts';
import { ingestInstance } from './imaging-ingest.service.ts';
import { instancesToRetrieve } from './wado.repository.ts';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';

async function peerOf(
  ctx: AppContext,
  id: string,
): Promise<{ peer: DimsePeer; aeTitle: string; host: string }> {
  const known = await findPeer(ctx, id);
  return {
    aeTitle: known.aeTitle,
    host: known.host,
    peer: {
      aeTitle: known.aeTitle,
      host: known.host,
      port: known.port,
      callingAeTitle: ctx.config.dimse?.aeTitle ?? 'CAREBASE',
      connectTimeoutMs: 5000,
      responseTimeoutMs: 30_000,
    },
  };
}

function failed(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function logged<T>(
  ctx: AppContext,
  target: { aeTitle: string; host: string },
  operation: string,
  work: () => Promise<{ result: T; status: number | null; detail: string }>,
): Promise<T> {
  const started = performance.now();
  try {
    const { result, status, detail } = await work();
    await recordActivity(ctx, {
      direction: 'out',
      peerAeTitle: target.aeTitle,
      peerHost: target.host,
      operation,
      status,
      detail,
      durationMs: Math.round(performance.now() - started),
    });
    return result;
  } catch (err) {
    await recordActivity(ctx, {
      direction: 'out',
      peerAeTitle: target.aeTitle,
      peerHost: target.host,
      operation,
      detail: failed(err),
      durationMs: Math.round(performance.now() - started),
    });
    throw new AppError('unavailable', `${operation} with ${target.aeTitle} failed: ${failed(err)}`);
  }
}

export async function echoPeer(ctx: AppContext, id: string): Promise<PeerEchoResult> {
  const target = await peerOf(ctx, id);
  const started = performance.now();
  try {
    const status = await echo(target.peer);
    const ms = Math.round(performance.now() - started);
    await recordActivity(ctx, {
      direction: 'out',
      peerAeTitle: target.aeTitle,
      peerHost: target.host,
      operation: 'C-ECHO',
      status,
      durationMs: ms,
    });
    return { ok: status === Status.Success, status, ms, message: formatStatus(status) };
  } catch (err) {
    const ms = Math.round(performance.now() - started);
    await recordActivity(ctx, {
      direction: 'out',
      peerAeTitle: target.aeTitle,
      peerHost: target.host,
      operation: 'C-ECHO',
      detail: failed(err),
      durationMs: ms,
    });
    return { ok: false, status: null, ms, message: failed(err) };
  }
}

/** A study-level C-FIND on the peer, with what this archive already holds marked. */
export async function findOnPeer(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  q: PeerFind,
): Promise<PeerStudy[]> {
  const target = await peerOf(ctx, id);
  const keys: DicomJson = {
    '00080005': { vr: 'CS', Value: ['ISO_IR 192'] },
    '00080020': { vr: 'DA', ...(q.studyDate ? { Value: [q.studyDate] } : {}) },
    '00080050': { vr: 'SH', ...(q.accessionNumber ? { Value: [q.accessionNumber] } : {}) },
    '00080052': { vr: 'CS', Value: ['STUDY'] },
    '00080061': { vr: 'CS', ...(q.modality ? { Value: [q.modality] } : {}) },
    '00081030': { vr: 'LO' },
    '00100010': { vr: 'PN', ...(q.patientName ? { Value: [{ Alphabetic: q.patientName }] } : {}) },
    '00100020': { vr: 'LO', ...(q.patientId ? { Value: [q.patientId] } : {}) },
    '0020000D': { vr: 'UI' },
    '00201208': { vr: 'IS' },
  };
  const answers = await logged(ctx, target, 'C-FIND', async () => {
    const found: DicomJson[] = [];
    for await (const bytes of find(target.peer, {
      model: 'study',
      identifier: encodeDataset(keys, EXPLICIT_LE),
    })) {
      found.push(await parseDataset(bytes, EXPLICIT_LE));
      if (found.length >= 500) break;
    }
    return { result: found, status: Status.Success, detail: `${found.length} studies` };
  });
  const uids = answers.map((a) => firstText(a, '0020000D') ?? '').filter(Boolean);
  const held = uids.length
    ? await ctx.db
        .select({ uid: imagingStudies.studyUid })
        .from(imagingStudies)
        .where(inArray(imagingStudies.studyUid, uids))
    : [];
  const stored = new Set(held.map((h) => h.uid));
  await writeAudit(ctx.db, actor, {
    action: 'imaging.peer.find',
    resourceType: 'dicom-peer',
    resourceId: id,
    details: { query: q, results: answers.length },
  });
  return answers.map((a) => ({
    studyUid: firstText(a, '0020000D') ?? '',
    patientName: firstText(a, '00100010') ?? '',
    patientId: firstText(a, '00100020') ?? '',
    studyDate: firstText(a, '00080020') ?? '',
    accessionNumber: firstText(a, '00080050') ?? '',
    description: firstText(a, '00081030') ?? '',
    modalities: allTexts(a, '00080061'),
    instances: firstNumber(a, '00201208') ?? null,
    stored: stored.has(firstText(a, '0020000D') ?? ''),
  }));
}

/** Brings a study from the peer: C-GET over the same association, or C-MOVE to this archive's DICOM port. */
export async function retrieveFromPeer(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  studyUid: string,
  method: 'get' | 'move',
): Promise<PeerTransferResult> {
  const target = await peerOf(ctx, id);
  const identifier = encodeDataset(
    { '00080052': { vr: 'CS', Value: ['STUDY'] }, '0020000D': { vr: 'UI', Value: [studyUid] } },
    EXPLICIT_LE,
  );
  if (method === 'move' && !ctx.config.dimse)
    throw new AppError(
      'conflict',
      'C-MOVE needs this archive’s DICOM port (DICOM_PORT) for the peer to send to.',
    );
  const outcome = await logged(ctx, target, method === 'get' ? 'C-GET' : 'C-MOVE', async () => {
    const result =
      method === 'move'
        ? await move(target.peer, { model: 'study', identifier, destination: target.peer.callingAeTitle })
        : await get(
            target.peer,
            {
              model: 'study',
              identifier,
              storageSopClasses: Object.values(CommonStorageSopClass).map((sopClassUid) => ({
                sopClassUid,
                transferSyntaxes: storageTransferSyntaxes,
              })),
            },
            async (header, dataSet) => {
              async function* file() {
                yield part10Header({ ...header, sourceAeTitle: target.aeTitle });
                for await (const chunk of dataSet) yield chunk as Buffer;
              }
              const stored = await ingestInstance(ctx, Readable.from(file()), {
                source: 'dimse',
                actor,
                maxBytes: ctx.config.dicomMaxInstanceBytes,
              });
              return 'reason' in stored ? { status: stored.failure } : { status: Status.Success };
            },
          );
    return {
      result,
      status: result.status,
      detail: `${result.completed} completed, ${result.failed} failed`,
    };
  });
  await writeAudit(ctx.db, actor, {
    action: `imaging.peer.${method}`,
    resourceType: 'dicom-peer',
    resourceId: id,
    details: { studyUid, completed: outcome.completed, failed: outcome.failed },
  });
  return { ...outcome, message: formatStatus(outcome.status) };
}

/** Sends every stored instance of a study to the peer (C-STORE, one association, each as stored). */
export async function storeToPeer(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  studyUid: string,
): Promise<PeerTransferResult> {
  const target = await peerOf(ctx, id);
  const rows = await instancesToRetrieve(ctx.db, { studyUids: [studyUid] }, 50_000);
  if (!rows.length) throw new AppError('not_found', `No study ${studyUid} is stored here.`);
  const outcomes = await logged(ctx, target, 'C-STORE', async () => {
    const result = await store(
      target.peer,
      rows.map((r) => ({
        sopClassUid: r.sopClassUid,
        sopInstanceUid: r.sopInstanceUid,
        transferSyntaxUid: r.transferSyntaxUid,
        open: () => ctx.blobs.openRange(r.sha256, { start: r.datasetOffset, end: r.size - 1 }),
      })),
    );
    const bad = result.filter((o) => o.status !== Status.Success).length;
    return {
      result,
      status: bad ? 0xb000 : Status.Success,
      detail: `${result.length - bad} sent, ${bad} failed`,
    };
  });
  const failedCount = outcomes.filter(
    (o) => o.status !== Status.Success && (o.status & 0xf000) !== 0xb000,
  ).length;
  const warningCount = outcomes.filter((o) => (o.status & 0xf000) === 0xb000).length;
  await writeAudit(ctx.db, actor, {
    action: 'imaging.peer.store',
    resourceType: 'dicom-peer',
    resourceId: id,
    patientId: rows[0]?.patientId ?? null,
    details: { studyUid, sent: outcomes.length, failed: failedCount },
  });
  const status = failedCount ? 0xb000 : Status.Success;
  return {
    status,
    completed: outcomes.length - failedCount - warningCount,
    failed: failedCount,
    warning: warningCount,
    message: formatStatus(status),
  };
}
