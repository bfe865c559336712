import net from 'node:net';
import {
  applicationContextName,
  implementationClassUid,
  implementationVersionName,
} from './associate-pdu.ts';
import { Association } from './association.ts';
import { defaultMaxPduLength } from './association-requestor.ts';
import type {
  AssociationInfo,
  DimseEvent,
  FindHandler,
  MoveDestination,
  RetrieveHandler,
  StoreHandler,
} from './dimse-types.ts';
import { type AcceptancePolicy, answerContexts, answerRoles } from './negotiation.ts';
import { type AssociateReject, Reject } from './pdu-codec.ts';
import { handleRequest } from './scp-services.ts';
import type { ScpServices, ScpSession } from './scp-session.ts';
import { findSopClasses, getSopClasses, moveSopClasses, SopClass } from './sop-classes.ts';
import { storageTransferSyntaxes, uncompressedTransferSyntaxes } from './transfer-syntaxes.ts';

export interface AssociationRequestInfo {
  callingAeTitle: string;
  calledAeTitle: string;
  remoteAddress: string;
}

/** 'accept', or the A-ASSOCIATE-RJ to send (see rejectCallingAeNotRecognized and friends). */
export type AssociationDecision = 'accept' | AssociateReject;

export const rejectCallingAeNotRecognized: AssociateReject = {
  result: Reject.Permanent,
  source: Reject.SourceServiceUser,
  reason: Reject.CallingAeNotRecognized,
};
export const rejectCalledAeNotRecognized: AssociateReject = {
  result: Reject.Permanent,
  source: Reject.SourceServiceUser,
  reason: Reject.CalledAeNotRecognized,
};
const rejectNoReason: AssociateReject = {
  result: Reject.Permanent,
  source: Reject.SourceServiceUser,
  reason: Reject.NoReasonGiven,
};

export interface DimseServerOptions {
  aeTitle: string;
  /** Called for each A-ASSOCIATE-RQ whose called AE title is ours (or any, see acceptAnyCalledAeTitle). */
  acceptAssociation?: (info: AssociationRequestInfo) => Promise<AssociationDecision> | AssociationDecision;
  acceptAnyCalledAeTitle?: boolean;
  store?: StoreHandler;
  find?: FindHandler;
  retrieve?: RetrieveHandler;
  resolveMoveDestination?: (aeTitle: string) => Promise<MoveDestination | null> | MoveDestination | null;
  /** Non-storage SOP classes to accept; by default those the given handlers serve (and Verification). */
  sopClasses?: readonly string[];
  storageTransferSyntaxes?: readonly string[];
  queryTransferSyntaxes?: readonly string[];
  maxAssociations?: number;
  maxPduLength?: number;
  /** ARTIM: time allowed between connecting and the A-ASSOCIATE-RQ. */
  associationTimeoutMs?: number;
  idleTimeoutMs?: number;
  subOperationTimeoutMs?: number;
  maxIdentifierLength?: number;
  onEvent?: (event: DimseEvent) => void;
}

export interface DimseServer {
  /** Resolves with the bound port (pass 0 for a free one). */
  listen(port: number, host?: string): Promise<number>;
  readonly port: number;
  readonly associationCount: number;
  /** Stops accepting; each association is aborted once it has no operation running, or at the timeout. */
  close(timeoutMs?: number): Promise<void>;
}

function defaultSopClasses(options: DimseServerOptions): string[] {
  return [
    SopClass.Verification,
    ...(options.find ? findSopClasses : []),
    ...(options.retrieve && options.resolveMoveDestination ? moveSopClasses : []),
    ...(options.retrieve ? getSopClasses : []),
  ];
}

export function createDimseServer(options: DimseServerOptions): DimseServer {
  const emit = (event: DimseEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // An event listener must not break the protocol.
    }
  };
  const policy: AcceptancePolicy = {
    sopClasses: new Set(options.sopClasses ?? defaultSopClasses(options)),
    acceptStorage: Boolean(options.store),
    acceptStorageForGet: Boolean(options.retrieve),
    storageTransferSyntaxes: options.storageTransferSyntaxes ?? storageTransferSyntaxes,
    queryTransferSyntaxes: options.queryTransferSyntaxes ?? uncompressedTransferSyntaxes,
  };
  const services: ScpServices = {
    aeTitle: options.aeTitle,
    store: options.store,
    find: options.find,
    retrieve: options.retrieve,
    resolveMoveDestination: options.resolveMoveDestination,
    maxIdentifierLength: options.maxIdentifierLength ?? 1024 * 1024,
    subOperationTimeoutMs: options.subOperationTimeoutMs ?? 60_000,
    emit,
  };
  const maxPduLength = options.maxPduLength ?? defaultMaxPduLength;
  const associations = new Set<Association>();
  let draining = false;

  async function negotiate(association: Association): Promise<void> {
    const rq = await association.nextPdu(options.associationTimeoutMs ?? 10_000);
    if (rq.type !== 'associate-rq')
      return association.abort(new Error(`expected A-ASSOCIATE-RQ, got ${rq.type}`));
    association.callingAeTitle = rq.callingAeTitle;
    association.calledAeTitle = rq.calledAeTitle;
    const request = {
      callingAeTitle: rq.callingAeTitle,
      calledAeTitle: rq.calledAeTitle,
      remoteAddress: association.remoteAddress,
    };
    const reject = (rj: AssociateReject, reason: string) => {
      association.reject(rj);
      emit({ type: 'association-rejected', ...request, reason });
    };
    if ((rq.protocolVersion & 1) === 0) {
      return reject(
        {
          result: Reject.Permanent,
          source: Reject.SourceServiceProviderAcse,
          reason: Reject.ProtocolVersionNotSupported,
        },
        'protocol version',
      );
    }
    if (rq.applicationContext !== applicationContextName) {
      return reject(
        { ...rejectNoReason, reason: Reject.ApplicationContextNotSupported },
        'application context',
      );
    }
    if (draining || associations.size > (options.maxAssociations ?? 32)) {
      return reject(
        {
          result: Reject.Transient,
          source: Reject.SourceServiceProviderPresentation,
          reason: Reject.LocalLimitExceeded,
        },
        'too many associations',
      );
    }
    if (!options.acceptAnyCalledAeTitle && rq.calledAeTitle !== options.aeTitle) {
      return reject(rejectCalledAeNotRecognized, 'called AE title not recognized');
    }
    let decision: AssociationDecision;
    try {
      decision = options.acceptAssociation ? await options.acceptAssociation(request) : 'accept';
    } catch (error) {
      decision = rejectNoReason;
      emit({
        type: 'protocol-error',
        remoteAddress: request.remoteAddress,
        message: `acceptAssociation failed: ${error}`,
      });
    }
    if (!association.isOpen) return;
    if (decision !== 'accept') return reject(decision, `rejected (reason ${decision.reason})`);
    const { answers, accepted } = answerContexts(
      rq.presentationContexts,
      policy,
      rq.userInformation.roleSelections,
    );
    const roles = answerRoles(rq.userInformation.roleSelections, accepted);
    association.sendAssociateAccept({
      calledAeTitle: rq.calledAeTitle,
      callingAeTitle: rq.callingAeTitle,
      applicationContext: applicationContextName,
      presentationContexts: answers,
      userInformation: {
        maxPduLength,
        implementationClassUid,
        implementationVersionName,
        roleSelections: roles,
      },
    });
    association.peerImplementationClassUid = rq.userInformation.implementationClassUid;
    association.peerImplementationVersionName = rq.userInformation.implementationVersionName;
    association.establish(accepted, rq.userInformation.maxPduLength, roles);
    const info: AssociationInfo = { id: association.id, ...request, signal: association.signal };
    const session: ScpSession = { association, info, services, cancels: new Map() };
    association.onRequest = (message) => handleRequest(session, message);
    const opened = Date.now();
    emit({ type: 'association-opened', association: info, acceptedContexts: accepted.length });
    const { end, error } = await association.closed;
    const durationMs = Date.now() - opened;
    if (end === 'released' || end === 'closed')
      emit({ type: 'association-closed', association: info, end, durationMs });
    else emit({ type: 'association-aborted', association: info, end, durationMs, error: error?.message });
  }

  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    const association = new Association(socket, {
      maxPduLength,
      idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
    });
    associations.add(association);
    void association.closed.then(() => associations.delete(association));
    negotiate(association).catch((error: unknown) => {
      association.abort();
      emit({ type: 'protocol-error', remoteAddress: association.remoteAddress, message: String(error) });
    });
    void association.closed.then(({ end, error }) => {
      if (end === 'aborted' && error && !association.callingAeTitle) {
        emit({ type: 'protocol-error', remoteAddress: association.remoteAddress, message: error.message });
      }
    });
  });

  let boundPort = 0;
  return {
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address();
          boundPort = typeof address === 'object' && address ? address.port : port;
          resolve(boundPort);
        });
      });
    },
    get port() {
      return boundPort;
    },
    get associationCount() {
      return associations.size;
    },
    async close(timeoutMs = 10_000) {
      draining = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      const deadline = Date.now() + timeoutMs;
      while (associations.size > 0 && Date.now() < deadline) {
        for (const association of associations) if (association.operationsInFlight === 0) association.abort();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const association of associations) association.abort();
      await Promise.all([...associations].map((a) => a.closed));
      await stopped;
    },
  };
}
