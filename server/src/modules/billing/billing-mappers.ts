import type { DoctorShare, PriceItem, PriceItemHistory } from '@carebase/contracts';
import type { PriceItemRow, ShareRow, ShareValues } from './billing.repository.ts';

/** A stored rule as the contract's share; kind 'none' (sharing stopped) is null. */
export function shareOf(v: ShareValues | undefined): DoctorShare | null {
  if (!v || v.kind === 'none') return null;
  return v.kind === 'percent'
    ? { kind: 'percent', basisPoints: v.basisPoints ?? 0 }
    : { kind: 'fixed', amountMinor: v.amountMinor ?? 0 };
}

export function shareValues(share: DoctorShare | null): ShareValues {
  if (!share) return { kind: 'none', basisPoints: null, amountMinor: null };
  return share.kind === 'percent'
    ? { kind: 'percent', basisPoints: share.basisPoints, amountMinor: null }
    : { kind: 'fixed', basisPoints: null, amountMinor: share.amountMinor };
}

export function sameShare(a: DoctorShare | null, b: DoctorShare | null): boolean {
  return JSON.stringify(shareValues(a)) === JSON.stringify(shareValues(b));
}

/** `shares`: the rules in force for this item (the default one and the overrides). */
export function toPriceItem(row: PriceItemRow, shares: readonly ShareRow[]): PriceItem {
  const defaultRule = shares.find((s) => s.providerId === null);
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    nameEn: row.nameEn,
    nameEs: row.nameEs,
    serviceId: row.serviceId,
    active: row.active,
    priceMinor: row.priceMinor,
    taxRateBasisPoints: row.taxRateBp,
    validFrom: row.validFrom.toISOString(),
    doctorShare: shareOf(defaultRule),
    overrides: shares.flatMap((s) => {
      const share = shareOf(s);
      return s.providerId === null || !share
        ? []
        : [
            {
              providerId: s.providerId,
              providerName: s.providerName ?? '',
              share,
              validFrom: s.validFrom.toISOString(),
            },
          ];
    }),
    createdAt: row.createdAt.toISOString(),
  };
}

type PriceRow = {
  priceMinor: number;
  taxRateBp: number;
  validFrom: Date;
  validTo: Date | null;
  changedByName: string | null;
};

export function toHistory(prices: readonly PriceRow[], shares: readonly ShareRow[]): PriceItemHistory {
  return {
    prices: prices.map((p) => ({
      priceMinor: p.priceMinor,
      taxRateBasisPoints: p.taxRateBp,
      validFrom: p.validFrom.toISOString(),
      validTo: p.validTo?.toISOString() ?? null,
      changedByName: p.changedByName,
    })),
    shares: shares.map((s) => ({
      providerId: s.providerId,
      providerName: s.providerName,
      share: shareOf(s),
      validFrom: s.validFrom.toISOString(),
      validTo: s.validTo?.toISOString() ?? null,
      changedByName: s.changedByName,
    })),
  };
}
