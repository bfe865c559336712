import net from 'node:net';
import type { Readable } from 'node:stream';
import { applicationContextName, ContextResult, type RoleSelection } from './associate-pdu.ts';
import { type AcceptedContext, Association } from './association.ts';
import type { Command } from './command-set.ts';
import type { DimseMessage } from './message-assembler.ts';

/** The remote application entity, and how we present ourselves to it. */
export interface DimsePeer {
  aeTitle: string;
  host: string;
  port: number;
  callingAeTitle: string;
  connectTimeoutMs?: number;
  /** Longest wait for any response (reset by each pending response). */
  responseTimeoutMs?: number;
  /** Largest P-DATA-TF we accept from the peer. */
  maxPduLength?: number;
}

export interface ContextRequest {
  abstractSyntax: string;
  transferSyntaxes: readonly string[];
}

export class AssociationRejectedError extends Error {
  constructor(
    readonly result: number,
    readonly source: number,
    readonly reason: number,
  ) {
    super(`association rejected (result ${result}, source ${source}, reason ${reason})`);
    this.name = 'AssociationRejectedError';
  }
}

const defaultTimeoutMs = 30_000;
export const defaultMaxPduLength = 64 * 1024;

function connect(peer: DimsePeer): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: peer.host, port: peer.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connect to ${peer.host}:${peer.port} timed out`));
    }, peer.connectTimeoutMs ?? defaultTimeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Opens an association as requestor; contexts get odd IDs in the order given (at most 128). */
export async function openAssociation(
  peer: DimsePeer,
  contexts: readonly ContextRequest[],
  roles: readonly RoleSelection[] = [],
): Promise<Association> {
  if (contexts.length === 0 || contexts.length > 128)
    throw new Error('between 1 and 128 presentation contexts');
  const socket = await connect(peer);
  const association = new Association(socket, { maxPduLength: peer.maxPduLength ?? defaultMaxPduLength });
  const proposals = contexts.map((c, i) => ({
    id: i * 2 + 1,
    abstractSyntax: c.abstractSyntax,
    transferSyntaxes: [...c.transferSyntaxes],
  }));
  association.sendAssociateRequest({
    protocolVersion: 1,
    calledAeTitle: peer.aeTitle,
    callingAeTitle: peer.callingAeTitle,
    applicationContext: applicationContextName,
    presentationContexts: proposals,
    userInformation: { maxPduLength: peer.maxPduLength ?? defaultMaxPduLength, roleSelections: [...roles] },
  });
  const pdu = await association.nextPdu(peer.responseTimeoutMs ?? defaultTimeoutMs);
  if (pdu.type === 'associate-rj') {
    association.reject(pdu);
    throw new AssociationRejectedError(pdu.result, pdu.source, pdu.reason);
  }
  if (pdu.type !== 'associate-ac') {
    association.abort();
    throw new Error(`expected A-ASSOCIATE-AC, got ${pdu.type}`);
  }
  const accepted: AcceptedContext[] = [];
  for (const answer of pdu.presentationContexts) {
    const proposal = proposals.find((p) => p.id === answer.id);
    if (
      proposal &&
      answer.result === ContextResult.Acceptance &&
      proposal.transferSyntaxes.includes(answer.transferSyntax)
    ) {
      accepted.push({
        id: answer.id,
        abstractSyntax: proposal.abstractSyntax,
        transferSyntax: answer.transferSyntax,
      });
    }
  }
  association.peerImplementationClassUid = pdu.userInformation.implementationClassUid;
  association.peerImplementationVersionName = pdu.userInformation.implementationVersionName;
  association.establish(accepted, pdu.userInformation.maxPduLength, pdu.userInformation.roleSelections);
  return association;
}

/** First accepted context for an abstract syntax (and transfer syntax, when given). */
export function findContext(
  association: Association,
  abstractSyntax: string,
  transferSyntax?: string,
): AcceptedContext | undefined {
  for (const context of association.contexts.values()) {
    if (context.abstractSyntax !== abstractSyntax) continue;
    if (!transferSyntax || context.transferSyntax === transferSyntax) return context;
  }
  return undefined;
}

/**
 * Sends a request and hands each response to `onResponse` until it returns true (the final one).
 * Rejects on timeout (no response for `timeoutMs`, the association is then aborted) or when the association ends.
 */
export async function request(
  association: Association,
  contextId: number,
  command: Command & { messageId: number },
  dataSet: Buffer | Readable | undefined,
  onResponse: (message: DimseMessage) => boolean,
  timeoutMs = defaultTimeoutMs,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort = () => {};
  let arm = () => {};
  const finished = new Promise<void>((resolve, reject) => {
    arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        // C-GET: incoming C-STOREs are progress too.
        if (association.operationsInFlight > 0) return arm();
        reject(new Error('timed out waiting for a DIMSE response'));
        association.abort();
      }, timeoutMs);
    };
    onAbort = () => reject(association.signal.reason ?? new Error('association closed'));
    association.signal.addEventListener('abort', onAbort, { once: true });
    association.expect(command.messageId, (message) => {
      arm();
      const final = onResponse(message);
      if (final) resolve();
      return final;
    });
  });
  finished.catch(() => {});
  try {
    // The clock starts once the request is out: sending a large data set may take long.
    await association.send(contextId, command, dataSet);
    arm();
    await finished;
  } finally {
    clearTimeout(timer);
    association.signal.removeEventListener('abort', onAbort);
    association.unexpect(command.messageId);
  }
}
