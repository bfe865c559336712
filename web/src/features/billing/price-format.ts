import type { DiscountValue, DoctorShare, PriceItem } from '@carebase/contracts';

/** A rate in basis points as a percentage in the user's language: 1250 → "12.5 %". */
export function percentOf(basisPoints: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 2 }).format(
    basisPoints / 10_000,
  );
}

/** A doctor's share or a discount as people say it: "40 %" or "$10.00" (money formats the amount). */
export function shareLabel(
  share: DoctorShare | DiscountValue,
  language: string,
  money: (minor: number) => string,
): string {
  return share.kind === 'percent' ? percentOf(share.basisPoints, language) : money(share.amountMinor);
}

/** The item's name in the user's language (Spanish, or English for every other language). */
export function itemName(item: Pick<PriceItem, 'nameEn' | 'nameEs'>, language: string): string {
  return language.startsWith('es') ? item.nameEs : item.nameEn;
}
