import { describe, expect, it } from 'vitest';
import { countryName, examplePhone, formatPhone, isValidPhone } from './phone.ts';

describe('formatPhone', () => {
  it("shows numbers of the clinic's country in national form", () => {
    expect(formatPhone('+14155550132', 'US')).toBe('(415) 555-0132');
    expect(formatPhone('+525512345678', 'MX')).toBe('55 1234 5678');
  });

  it('shows numbers of other countries in international form', () => {
    expect(formatPhone('+442079460958', 'US')).toBe('+44 20 7946 0958');
    expect(formatPhone('+14155550132', 'MX')).toBe('+1 415 555 0132');
  });

  it('uses the international form when the region is unknown', () => {
    expect(formatPhone('+14155550132', undefined)).toBe('+1 415 555 0132');
    expect(formatPhone('+14155550132', 'ZZ')).toBe('+1 415 555 0132');
  });

  it('gives empty for no phone and leaves text that is no phone number as it is', () => {
    expect(formatPhone(null, 'US')).toBe('');
    expect(formatPhone('', 'US')).toBe('');
    expect(formatPhone('ask at desk', 'US')).toBe('ask at desk');
  });
});

describe('isValidPhone', () => {
  it('accepts local numbers of the region and numbers with a +country code', () => {
    expect(isValidPhone('(415) 555-0132', 'US')).toBe(true);
    expect(isValidPhone('+44 20 7946 0958', 'US')).toBe(true);
    expect(isValidPhone(' 55 1234 5678 ', 'MX')).toBe(true);
  });

  it('refuses numbers that cannot exist, like the 555 area code', () => {
    expect(isValidPhone('(555) 201-3344', 'US')).toBe(false);
    expect(isValidPhone('12345', 'US')).toBe(false);
    expect(isValidPhone('(415) 555-0132', 'ZZ')).toBe(false);
  });
});

describe('examplePhone', () => {
  it("gives an example in the region's national form, or nothing for an unknown region", () => {
    expect(examplePhone('US')).toBe('(201) 555-0123');
    expect(isValidPhone(examplePhone('GB'), 'GB')).toBe(true);
    expect(examplePhone('ZZ')).toBe('');
    expect(examplePhone(undefined)).toBe('');
  });
});

describe('countryName', () => {
  it("names the region in the user's language", () => {
    expect(countryName('US', 'en')).toBe('United States');
    expect(countryName('MX', 'es')).toBe('México');
  });
});
