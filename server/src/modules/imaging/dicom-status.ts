/** DIMSE / STOW-RS failure reasons (PS3.4 annex B, PS3.18 table 10.5.3-3) the archive reports. */
export const FAILURE = {
  ProcessingFailure: 0x0110,
  DuplicateSopInstance: 0x0111,
  OutOfResources: 0xa700,
  DataSetDoesNotMatchSopClass: 0xa900,
  CannotUnderstand: 0xc000,
} as const;

export const WARNING = {
  CoercionOfDataElements: 0xb000,
  ElementsDiscarded: 0xb006,
  DataSetDoesNotMatchSopClass: 0xb007,
} as const;
