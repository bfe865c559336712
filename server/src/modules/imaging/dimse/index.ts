/** DICOM upper layer (PS3.8) and DIMSE (PS3.7): an SCP for the archive to plug handlers into, and an SCU. */
export { AssociationRejectedError, type DimsePeer } from './association-requestor.ts';
export {
  echo,
  find,
  type GetInstanceHandler,
  type GetOptions,
  get,
  type MoveOptions,
  move,
  type QueryOptions,
  store,
} from './dimse-client.ts';
export {
  type AssociationDecision,
  type AssociationRequestInfo,
  createDimseServer,
  type DimseServer,
  type DimseServerOptions,
  rejectCalledAeNotRecognized,
  rejectCallingAeNotRecognized,
} from './dimse-server.ts';
export { DimseFailure, formatStatus, Status, statusKind } from './dimse-status.ts';
export type * from './dimse-types.ts';
export { Reject } from './pdu-codec.ts';
export type { RetrieveOutcome } from './scu-responses.ts';
export { CommonStorageSopClass, isStorageSopClass, type QueryModel, SopClass } from './sop-classes.ts';
export type { StoreOutcome } from './store-transfer.ts';
export {
  storageTransferSyntaxes,
  TransferSyntax,
  uncompressedTransferSyntaxes,
} from './transfer-syntaxes.ts';
