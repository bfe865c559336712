/** DIMSE status codes (PS3.7 Annex C, PS3.4) used by this layer. */
export const Status = {
  Success: 0x0000,
  Cancel: 0xfe00,
  Pending: 0xff00,
  PendingOptionalKeysUnsupported: 0xff01,
  /** C-STORE: coercion of data elements. C-MOVE/C-GET: sub-operations complete, one or more failures or warnings. */
  Warning: 0xb000,
  ElementsDiscarded: 0xb006,
  DataSetDoesNotMatchSopClassWarning: 0xb007,
  OutOfResources: 0xa700,
  OutOfResourcesMatches: 0xa701,
  OutOfResourcesSubOperations: 0xa702,
  MoveDestinationUnknown: 0xa801,
  DataSetDoesNotMatchSopClass: 0xa900,
  CannotUnderstand: 0xc000,
  ProcessingFailure: 0x0110,
  NoSuchSopClass: 0x0118,
  SopClassNotSupported: 0x0122,
  DuplicateInvocation: 0x0210,
  UnrecognizedOperation: 0x0211,
  ClassInstanceConflict: 0x0119,
} as const;

export type StatusKind = 'success' | 'pending' | 'cancel' | 'warning' | 'failure';

export function statusKind(status: number): StatusKind {
  if (status === Status.Success) return 'success';
  if (status === Status.Pending || status === Status.PendingOptionalKeysUnsupported) return 'pending';
  if (status === Status.Cancel) return 'cancel';
  if (status === 0x0001 || (status & 0xf000) === 0xb000 || status === 0x0107 || status === 0x0116)
    return 'warning';
  return 'failure';
}

/** Thrown by a handler to answer with a specific failure status instead of the generic 0xC000. */
export class DimseFailure extends Error {
  constructor(
    readonly status: number,
    message = `DIMSE failure 0x${status.toString(16).padStart(4, '0')}`,
  ) {
    super(message);
    this.name = 'DimseFailure';
  }
}

export function formatStatus(status: number): string {
  return `0x${status.toString(16).padStart(4, '0').toUpperCase()}`;
}
