import { TransferSyntax } from '../transfer-syntax-uids.ts';

export { TransferSyntax };

/** Syntaxes in which the SCP can read a command's identifier: the uncompressed ones. */
export const uncompressedTransferSyntaxes: readonly string[] = [
  TransferSyntax.ImplicitVRLittleEndian,
  TransferSyntax.ExplicitVRLittleEndian,
  TransferSyntax.ExplicitVRBigEndian,
];

/** Syntaxes a stored instance may arrive in; it is kept as sent, never transcoded. */
export const storageTransferSyntaxes: readonly string[] = [
  ...uncompressedTransferSyntaxes,
  TransferSyntax.DeflatedExplicitVRLittleEndian,
  TransferSyntax.JpegBaseline,
  TransferSyntax.JpegExtended,
  TransferSyntax.JpegLossless,
  TransferSyntax.JpegLosslessSV1,
  TransferSyntax.JpegLsLossless,
  TransferSyntax.JpegLsNearLossless,
  TransferSyntax.Jpeg2000Lossless,
  TransferSyntax.Jpeg2000,
  TransferSyntax.RleLossless,
];

export function isBigEndian(transferSyntaxUid: string): boolean {
  return transferSyntaxUid === TransferSyntax.ExplicitVRBigEndian;
}

export function isImplicitVr(transferSyntaxUid: string): boolean {
  return transferSyntaxUid === TransferSyntax.ImplicitVRLittleEndian;
}
