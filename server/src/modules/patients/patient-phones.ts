import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';

function parse(input: string, defaultRegion: string) {
  const region = isSupportedCountry(defaultRegion) ? (defaultRegion as CountryCode) : undefined;
  return parsePhoneNumberFromString(input, region);
}

/** E.164 of a number typed locally (in the clinic's default region) or with +country code; null if not valid. */
export function toE164(input: string, defaultRegion: string): string | null {
  const phone = parse(input, defaultRegion);
  return phone?.isValid() ? phone.number : null;
}

/** Only digits, spaces and phone punctuation, with at least six digits. */
export function looksLikePhone(input: string): boolean {
  return /^[+()\d\s./-]+$/.test(input) && (input.match(/\d/g)?.length ?? 0) >= 6;
}

/**
 * A search term as E.164, or null when it cannot be a phone number. Looser than toE164 (possible, not
 * necessarily valid), so a number stored before the metadata changed is still found.
 */
export function searchPhoneOf(input: string, defaultRegion: string): string | null {
  if (!looksLikePhone(input)) return null;
  const phone = parse(input, defaultRegion);
  return phone?.isPossible() ? phone.number : null;
}
