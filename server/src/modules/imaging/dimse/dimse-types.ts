import type { Readable } from 'node:stream';
import type { AssociationEnd } from './association.ts';

/** What a handler knows about the association a request came on. */
export interface AssociationInfo {
  id: string;
  callingAeTitle: string;
  calledAeTitle: string;
  remoteAddress: string;
  /** Aborted when the association ends. */
  signal: AbortSignal;
}

/** An instance to send: data set bytes only (no preamble, no meta group), in `transferSyntaxUid`. */
export interface DicomInstance {
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  open(): Promise<Readable>;
}

export interface StoreRequest {
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  moveOriginatorAeTitle?: string;
  moveOriginatorMessageId?: number;
}

/** The DIMSE status to answer, e.g. Status.Success, Status.Warning (0xB000), Status.OutOfResources. */
export interface StoreResult {
  status: number;
  errorComment?: string;
}

export type StoreHandler = (
  association: AssociationInfo,
  request: StoreRequest,
  dataSet: Readable,
) => Promise<StoreResult>;

export interface FindRequest {
  sopClassUid: string;
  /** The query identifier as received, in `transferSyntaxUid`. */
  identifier: Buffer;
  transferSyntaxUid: string;
  /** Aborted on C-CANCEL or when the association ends. */
  signal: AbortSignal;
}

/** One match: an identifier encoded in the request's transfer syntax, optionally with Status 0xFF01. */
export type FindMatch = Buffer | { identifier: Buffer; status?: number };

export type FindHandler = (
  association: AssociationInfo,
  request: FindRequest,
) => AsyncIterable<FindMatch> | Iterable<FindMatch>;

export interface RetrieveRequest {
  kind: 'move' | 'get';
  sopClassUid: string;
  identifier: Buffer;
  transferSyntaxUid: string;
  moveDestination?: string;
  signal: AbortSignal;
}

/** The instances to send, or a failure status (e.g. 0xA900 identifier does not match, 0xA701). */
export type RetrieveResult = readonly DicomInstance[] | { status: number; errorComment?: string };

export type RetrieveHandler = (
  association: AssociationInfo,
  request: RetrieveRequest,
) => Promise<RetrieveResult>;

export interface MoveDestination {
  aeTitle: string;
  host: string;
  port: number;
}

export type DimseOperation = 'C-ECHO' | 'C-STORE' | 'C-FIND' | 'C-MOVE' | 'C-GET';

export interface SubOperationCounts {
  remaining: number;
  completed: number;
  failed: number;
  warning: number;
}

export type DimseEvent =
  | { type: 'association-opened'; association: AssociationInfo; acceptedContexts: number }
  | {
      type: 'association-rejected';
      callingAeTitle: string;
      calledAeTitle: string;
      remoteAddress: string;
      reason: string;
    }
  | { type: 'association-closed'; association: AssociationInfo; end: AssociationEnd; durationMs: number }
  | {
      type: 'association-aborted';
      association: AssociationInfo;
      end: AssociationEnd;
      durationMs: number;
      error?: string;
    }
  | {
      type: 'operation';
      association: AssociationInfo;
      operation: DimseOperation;
      sopClassUid: string;
      sopInstanceUid?: string;
      status: number;
      durationMs: number;
      counts?: SubOperationCounts;
      error?: Error;
    }
  | { type: 'protocol-error'; remoteAddress: string; message: string };
