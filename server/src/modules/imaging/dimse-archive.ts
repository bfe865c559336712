import { Readable } from 'node:stream';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeReadAudit } from '../../platform/audit/audit.writer.ts';
import { allTexts } from './dicom-json.ts';
import { findPeerByAeTitle, recordActivity } from './dicom-peers.service.ts';
import { part10Header } from './dicom-write.ts';
import {
  type AssociationInfo,
  type DimseEvent,
  DimseFailure,
  type DimseServerOptions,
  rejectCallingAeNotRecognized,
  Status,
} from './dimse/index.ts';
import { answer, readIdentifier, searchIndex } from './dimse-query.ts';
import { WORKLIST_FIND, worklistMatches } from './dimse-worklist.ts';
import { ingestInstance } from './imaging-ingest.service.ts';
import { instancesToRetrieve } from './wado.repository.ts';

export type DimseSettings = { aeTitle: string; allowUnknownAe: boolean; retrieveCap: number };

/** Who a DICOM node is in the audit trail: no user, its AE title and address. */
function actorOf(association: AssociationInfo): ActorContext {
  return {
    actorId: null,
    actorEmail: `dicom:${association.callingAeTitle}`,
    ip: association.remoteAddress,
    userAgent: 'DIMSE',
    requestId: association.id,
  };
}

type Verb = 'echo' | 'find' | 'move' | 'get' | 'store';

/** The handlers that make the DIMSE server an archive: peers decide who may do what, the index answers. */
export function archiveHandlers(ctx: AppContext, settings: DimseSettings): Partial<DimseServerOptions> {
  const allowed = async (association: AssociationInfo, verb: Verb) => {
    if (settings.allowUnknownAe) return;
    const peer = await findPeerByAeTitle(ctx, association.callingAeTitle);
    if (!peer?.verbs.includes(verb))
      throw new DimseFailure(0x0124, `${association.callingAeTitle} may not ${verb}`);
  };
  return {
    aeTitle: settings.aeTitle,
    async acceptAssociation(info) {
      if (settings.allowUnknownAe) return 'accept';
      return (await findPeerByAeTitle(ctx, info.callingAeTitle)) ? 'accept' : rejectCallingAeNotRecognized;
    },
    async store(association, request, dataSet) {
      await allowed(association, 'store');
      const header = part10Header({ ...request, sourceAeTitle: association.callingAeTitle });
      async function* file() {
        yield header;
        for await (const chunk of dataSet) yield chunk as Buffer;
      }
      const outcome = await ingestInstance(ctx, Readable.from(file()), {
        source: 'dimse',
        actor: actorOf(association),
        maxBytes: ctx.config.dicomMaxInstanceBytes,
      });
      if (!('reason' in outcome)) return { status: Status.Success };
      return { status: outcome.failure, errorComment: outcome.reason.slice(0, 64) };
    },
    async *find(association, request) {
      await allowed(association, 'find');
      if (request.sopClassUid === WORKLIST_FIND) {
        const matches = await worklistMatches(
          ctx,
          request.identifier,
          request.transferSyntaxUid,
          association.callingAeTitle,
        );
        await writeReadAudit(ctx.db, actorOf(association), {
          action: 'imaging.dimse.worklist',
          resourceType: 'appointment',
          details: { results: matches.length },
        });
        yield* matches;
        return;
      }
      const query = await readIdentifier(request.identifier, request.transferSyntaxUid);
      const results = await searchIndex(ctx, query);
      await writeReadAudit(ctx.db, actorOf(association), {
        action: 'imaging.dimse.find',
        resourceType: 'imaging-study',
        details: { level: query.level, matches: query.matches, results: results.length },
      });
      for (const result of results) {
        if (request.signal.aborted) return;
        yield answer(query, result, settings.aeTitle, request.transferSyntaxUid);
      }
    },
    async retrieve(association, request) {
      await allowed(association, request.kind);
      const query = await readIdentifier(request.identifier, request.transferSyntaxUid);
      const keys = {
        patientIds: allTexts(query.identifier, '00100020'),
        studyUids: allTexts(query.identifier, '0020000D'),
        seriesUids: allTexts(query.identifier, '0020000E'),
        sopInstanceUids: allTexts(query.identifier, '00080018'),
      };
      const rows = await instancesToRetrieve(ctx.db, keys, settings.retrieveCap);
      await writeReadAudit(ctx.db, actorOf(association), {
        action: `imaging.dimse.${request.kind}`,
        resourceType: 'imaging-study',
        resourceId: rows[0]?.studyId ?? null,
        patientId: rows[0]?.patientId ?? null,
        details: { ...keys, destination: request.moveDestination ?? null, instances: rows.length },
      });
      return rows.map((r) => ({
        sopClassUid: r.sopClassUid,
        sopInstanceUid: r.sopInstanceUid,
        transferSyntaxUid: r.transferSyntaxUid,
        open: () => ctx.blobs.openRange(r.sha256, { start: r.datasetOffset, end: r.size - 1 }),
      }));
    },
    async resolveMoveDestination(aeTitle) {
      const peer = await findPeerByAeTitle(ctx, aeTitle);
      return peer ? { aeTitle: peer.aeTitle, host: peer.host, port: peer.port } : null;
    },
    onEvent: (event) => void logEvent(ctx, event),
  };
}

/**
 * The activity page's record: associations refused, aborted and closed, and every failed operation (a
 * successful store is not listed one by one: a CT series would flood the page).
 */
async function logEvent(ctx: AppContext, event: DimseEvent): Promise<void> {
  switch (event.type) {
    case 'association-rejected':
      return recordActivity(ctx, {
        direction: 'in',
        peerAeTitle: event.callingAeTitle,
        peerHost: event.remoteAddress,
        operation: 'association rejected',
        detail: event.reason,
      });
    case 'association-closed':
    case 'association-aborted':
      return recordActivity(ctx, {
        direction: 'in',
        peerAeTitle: event.association.callingAeTitle,
        peerHost: event.association.remoteAddress,
        operation: event.type === 'association-closed' ? 'association closed' : 'association aborted',
        durationMs: Math.round(event.durationMs),
        detail: 'error' in event && event.error ? event.error : '',
      });
    case 'operation':
      if (event.status === Status.Success && event.operation === 'C-STORE') return;
      return recordActivity(ctx, {
        direction: 'in',
        peerAeTitle: event.association.callingAeTitle,
        peerHost: event.association.remoteAddress,
        operation: event.operation,
        status: event.status,
        durationMs: Math.round(event.durationMs),
        detail: [event.sopInstanceUid, event.error?.message, event.counts && JSON.stringify(event.counts)]
          .filter(Boolean)
          .join(' '),
      });
    case 'protocol-error':
      return recordActivity(ctx, {
        direction: 'in',
        peerAeTitle: '',
        peerHost: event.remoteAddress,
        operation: 'protocol error',
        detail: event.message,
      });
    default:
      return;
  }
}
