import type { Readable } from 'node:stream';
import type { RoleSelection } from './associate-pdu.ts';
import type { Association } from './association.ts';
import {
  type ContextRequest,
  type DimsePeer,
  findContext,
  openAssociation,
  request,
} from './association-requestor.ts';
import { CommandField, dataSetPresent, noDataSet, Priority } from './command-set.ts';
import { DimseFailure, Status, statusKind } from './dimse-status.ts';
import type { DicomInstance, StoreRequest, StoreResult, SubOperationCounts } from './dimse-types.ts';
import { collectRetrieve, maxResponseDataSet, type RetrieveOutcome, startRequest } from './scu-responses.ts';
import { findSopClass, getSopClass, moveSopClass, type QueryModel, SopClass } from './sop-classes.ts';
import { answerStore, type StoreOutcome, storeEach } from './store-transfer.ts';
import { collect } from './stream-utils.ts';
import { TransferSyntax } from './transfer-syntaxes.ts';

export type { DimsePeer } from './association-requestor.ts';
export type { RetrieveOutcome } from './scu-responses.ts';
export type { StoreOutcome } from './store-transfer.ts';

async function withAssociation<T>(
  peer: DimsePeer,
  contexts: readonly ContextRequest[],
  work: (association: Association) => Promise<T>,
  roles: readonly RoleSelection[] = [],
): Promise<T> {
  const association = await openAssociation(peer, contexts, roles);
  try {
    const result = await work(association);
    await association.release();
    return result;
  } catch (error) {
    association.abort();
    throw error;
  }
}

function contextOrThrow(association: Association, sopClassUid: string) {
  const context = findContext(association, sopClassUid);
  if (!context) throw new DimseFailure(Status.SopClassNotSupported, `peer refused ${sopClassUid}`);
  return context;
}

/** C-ECHO; resolves with the peer's status. */
export function echo(peer: DimsePeer): Promise<number> {
  const contexts = [
    { abstractSyntax: SopClass.Verification, transferSyntaxes: [TransferSyntax.ImplicitVRLittleEndian] },
  ];
  return withAssociation(peer, contexts, async (association) => {
    let status: number = Status.ProcessingFailure;
    const context = contextOrThrow(association, SopClass.Verification);
    const command = {
      commandField: CommandField.CEchoRq,
      commandDataSetType: noDataSet,
      messageId: association.nextMessageId(),
      affectedSopClassUid: SopClass.Verification,
    };
    await request(
      association,
      context.id,
      command,
      undefined,
      (response) => {
        status = response.command.status ?? status;
        return true;
      },
      peer.responseTimeoutMs,
    );
    return status;
  });
}

/** C-STOREs several instances over one association, each in its own transfer syntax; one result each. */
export function store(peer: DimsePeer, instances: readonly DicomInstance[]): Promise<StoreOutcome[]> {
  const contexts = new Map<string, ContextRequest>();
  for (const { sopClassUid, transferSyntaxUid } of instances) {
    contexts.set(`${sopClassUid} ${transferSyntaxUid}`, {
      abstractSyntax: sopClassUid,
      transferSyntaxes: [transferSyntaxUid],
    });
  }
  return withAssociation(peer, [...contexts.values()], (association) =>
    storeEach(association, instances, {
      noContextStatus: Status.SopClassNotSupported,
      responseTimeoutMs: peer.responseTimeoutMs,
    }),
  );
}

export interface QueryOptions {
  model: QueryModel;
  /** The identifier, encoded in `transferSyntaxUid` (default Explicit VR Little Endian). */
  identifier: Buffer;
  transferSyntaxUid?: string;
  /** Aborting sends C-CANCEL; the iteration then ends with the peer's final response. */
  signal?: AbortSignal;
}

function queryCommand(association: Association, commandField: number, sopClassUid: string) {
  return {
    commandField,
    commandDataSetType: dataSetPresent,
    messageId: association.nextMessageId(),
    affectedSopClassUid: sopClassUid,
    priority: Priority.Medium,
  };
}

/** C-FIND: yields each matching identifier (in the query's transfer syntax). Throws DimseFailure on a failure status. */
export async function* find(peer: DimsePeer, query: QueryOptions): AsyncGenerator<Buffer> {
  const sopClassUid = findSopClass(query.model);
  const transferSyntaxUid = query.transferSyntaxUid ?? TransferSyntax.ExplicitVRLittleEndian;
  const association = await openAssociation(peer, [
    { abstractSyntax: sopClassUid, transferSyntaxes: [transferSyntaxUid] },
  ]);
  let released = false;
  try {
    const context = contextOrThrow(association, sopClassUid);
    const command = queryCommand(association, CommandField.CFindRq, sopClassUid);
    const responses = startRequest(
      association,
      context.id,
      command,
      query.identifier,
      query.signal,
      peer.responseTimeoutMs,
    );
    for await (const response of responses.queue) {
      const status = response.command.status ?? 0;
      const kind = statusKind(status);
      if (kind === 'pending' && response.dataSet) yield await collect(response.dataSet, maxResponseDataSet);
      else response.dataSet?.resume();
      if (kind === 'failure') throw new DimseFailure(status, response.command.errorComment);
    }
    responses.cancel();
    await association.release();
    released = true;
  } finally {
    if (!released) association.abort();
  }
}

export interface MoveOptions extends QueryOptions {
  model: 'patient' | 'study';
  destination: string;
  onPending?: (counts: SubOperationCounts) => void;
}

/** C-MOVE to the AE title `destination` (which the peer must know); resolves with the final counts and status. */
export function move(peer: DimsePeer, options: MoveOptions): Promise<RetrieveOutcome> {
  const sopClassUid = moveSopClass(options.model);
  const transferSyntaxUid = options.transferSyntaxUid ?? TransferSyntax.ExplicitVRLittleEndian;
  const contexts = [{ abstractSyntax: sopClassUid, transferSyntaxes: [transferSyntaxUid] }];
  return withAssociation(peer, contexts, (association) => {
    const context = contextOrThrow(association, sopClassUid);
    const command = {
      ...queryCommand(association, CommandField.CMoveRq, sopClassUid),
      moveDestination: options.destination,
    };
    const responses = startRequest(
      association,
      context.id,
      command,
      options.identifier,
      options.signal,
      peer.responseTimeoutMs,
    );
    return collectRetrieve(responses, transferSyntaxUid, options.onPending);
  });
}

export interface GetOptions extends QueryOptions {
  model: 'patient' | 'study';
  /** Storage SOP classes we accept back, each with the transfer syntaxes we take (default: the uncompressed ones). */
  storageSopClasses: ReadonlyArray<string | { sopClassUid: string; transferSyntaxes: readonly string[] }>;
  onPending?: (counts: SubOperationCounts) => void;
}

export type GetInstanceHandler = (header: StoreRequest, dataSet: Readable) => Promise<StoreResult>;

const defaultStorageSyntaxes = [TransferSyntax.ExplicitVRLittleEndian, TransferSyntax.ImplicitVRLittleEndian];

/**
 * C-GET: the peer sends the instances back over the same association; `onInstance` receives each
 * data set as a stream and returns the C-STORE status. Each (class, syntax) pair gets its own context.
 */
export function get(
  peer: DimsePeer,
  options: GetOptions,
  onInstance: GetInstanceHandler,
): Promise<RetrieveOutcome> {
  const sopClassUid = getSopClass(options.model);
  const transferSyntaxUid = options.transferSyntaxUid ?? TransferSyntax.ExplicitVRLittleEndian;
  const contexts: ContextRequest[] = [{ abstractSyntax: sopClassUid, transferSyntaxes: [transferSyntaxUid] }];
  const roles: RoleSelection[] = [];
  for (const entry of options.storageSopClasses) {
    const uid = typeof entry === 'string' ? entry : entry.sopClassUid;
    const syntaxes = typeof entry === 'string' ? defaultStorageSyntaxes : entry.transferSyntaxes;
    for (const ts of syntaxes) contexts.push({ abstractSyntax: uid, transferSyntaxes: [ts] });
    roles.push({ sopClassUid: uid, scuRole: false, scpRole: true });
  }
  return withAssociation(
    peer,
    contexts,
    (association) => {
      association.onRequest = (message) => {
        if (message.command.commandField !== CommandField.CStoreRq) return;
        void association.track(() => answerStore(association, message, onInstance)).catch(() => {});
      };
      const context = contextOrThrow(association, sopClassUid);
      const command = queryCommand(association, CommandField.CGetRq, sopClassUid);
      const responses = startRequest(
        association,
        context.id,
        command,
        options.identifier,
        options.signal,
        peer.responseTimeoutMs,
      );
      return collectRetrieve(responses, transferSyntaxUid, options.onPending);
    },
    roles,
  );
}
