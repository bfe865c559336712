import { currencyDigits } from '../../lib/format.ts';

/** Notes and coins in common use, largest first, in minor units. */
const BY_CURRENCY: Readonly<Record<string, readonly number[]>> = {
  USD: [10_000, 5_000, 2_000, 1_000, 500, 100, 25, 10, 5, 1],
  EUR: [50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10, 5, 2, 1],
  PHP: [100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 100, 25, 5, 1],
  MXN: [100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50, 20, 10],
};

const GENERIC_MAJOR = [1000, 500, 200, 100, 50, 20, 10, 5, 2, 1];
const GENERIC_FRACTIONS = [0.5, 0.2, 0.1, 0.05, 0.02, 0.01];

/**
 * The denominations a count starts with for the clinic's currency: the known set, or else the usual 1-2-5
 * series of the currency's major unit and its fractions that exist in minor units.
 */
export function defaultDenominations(currency: string): number[] {
  const known = BY_CURRENCY[currency.toUpperCase()];
  if (known) return [...known];
  const scale = 10 ** currencyDigits(currency);
  const values = [...GENERIC_MAJOR, ...GENERIC_FRACTIONS].map((v) => Math.round(v * scale));
  return [...new Set(values.filter((v) => v >= 1))];
}

/** The denominations with one added in its place (largest first); unchanged when it is there already. */
export function withDenomination(list: readonly number[], value: number): number[] {
  return list.includes(value) ? [...list] : [...list, value].sort((a, b) => b - a);
}

/** The counts the API takes: denominations counted at least once, as strings of minor units. */
export function countsOf(counted: Readonly<Record<number, number | ''>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counted).filter(
      (entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0,
    ),
  );
}
