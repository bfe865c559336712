import examples from 'libphonenumber-js/examples.mobile.json';
import {
  type CountryCode,
  getExampleNumber,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max';

/** The clinic's default phone region as libphonenumber knows it; undefined for an unknown code. */
function countryOf(region: string | undefined): CountryCode | undefined {
  return region && isSupportedCountry(region) ? region : undefined;
}

/**
 * A stored phone (E.164) for people to read: national form for numbers of the clinic's own country
 * (`(415) 555-0132`), international form otherwise (`+44 20 7946 0958`). Text that is not a phone
 * number is returned as it is, and null or empty gives ''.
 */
export function formatPhone(value: string | null | undefined, region: string | undefined): string {
  if (!value) return '';
  const phone = parsePhoneNumberFromString(value, countryOf(region));
  if (!phone) return value;
  return phone.country !== undefined && phone.country === countryOf(region)
    ? phone.formatNational()
    : phone.formatInternational();
}

/**
 * True when the server will accept the number as typed: valid with its +country code, or as a local number
 * of the clinic's country. The same metadata and rule as the server's, so the two never disagree.
 */
export function isValidPhone(input: string, region: string | undefined): boolean {
  return parsePhoneNumberFromString(input.trim(), countryOf(region))?.isValid() ?? false;
}

/** An example number of the region in its national form (`(201) 555-0123`), for placeholders; '' if none. */
export function examplePhone(region: string | undefined): string {
  const country = countryOf(region);
  return country ? (getExampleNumber(country, examples)?.formatNational() ?? '') : '';
}

/** The country of a region code in a language ("United States", "Estados Unidos"); the code if unknown. */
export function countryName(region: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(region) ?? region;
  } catch {
    return region;
  }
}
