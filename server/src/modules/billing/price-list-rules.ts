import type { DoctorShare } from '@carebase/contracts';
import { fieldError } from '../../platform/errors.ts';

/** A fixed share is paid per unit out of the price, so it may never exceed it. `path` names the share. */
export function checkShareFitsPrice(share: DoctorShare | null, priceMinor: number, path: string): void {
  if (share?.kind === 'fixed' && share.amountMinor > priceMinor)
    throw fieldError(`${path}.amountMinor`, `is above the item's price (${priceMinor})`);
}

/** A new price must still cover every fixed share in force; the first one it does not is named. */
export function checkPriceCoversShares(
  priceMinor: number,
  shares: readonly { providerName: string | null; share: DoctorShare | null }[],
): void {
  for (const { providerName, share } of shares) {
    if (share?.kind === 'fixed' && share.amountMinor > priceMinor) {
      const whose = providerName === null ? 'the default doctor share' : `the share of ${providerName}`;
      throw fieldError('body.priceMinor', `is below ${whose} (fixed ${share.amountMinor})`);
    }
  }
}
