/** Transfer syntax UIDs (PS3.5 Annex A) and the sets the SCP accepts. */
export const TransferSyntax = {
  ImplicitVRLittleEndian: '1.2.840.10008.1.2',
  ExplicitVRLittleEndian: '1.2.840.10008.1.2.1',
  DeflatedExplicitVRLittleEndian: '1.2.840.10008.1.2.1.99',
  ExplicitVRBigEndian: '1.2.840.10008.1.2.2',
  JpegBaseline: '1.2.840.10008.1.2.4.50',
  JpegExtended: '1.2.840.10008.1.2.4.51',
  JpegLossless: '1.2.840.10008.1.2.4.57',
  JpegLosslessSV1: '1.2.840.10008.1.2.4.70',
  JpegLsLossless: '1.2.840.10008.1.2.4.80',
  JpegLsNearLossless: '1.2.840.10008.1.2.4.81',
  Jpeg2000Lossless: '1.2.840.10008.1.2.4.90',
  Jpeg2000: '1.2.840.10008.1.2.4.91',
  RleLossless: '1.2.840.10008.1.2.5',
} as const;

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
