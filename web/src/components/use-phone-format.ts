import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePublicSettings } from '../features/settings/settings.queries.ts';
import { countryName, examplePhone, formatPhone } from '../lib/phone.ts';

/** The clinic's default phone region (numbers typed without +country code belong to it). */
export function usePhoneRegion(): string | undefined {
  return usePublicSettings().data?.defaultPhoneRegion;
}

/** Formats a stored phone for display: national for the clinic's country, international otherwise. */
export function usePhoneFormat(): (phone: string | null | undefined) => string {
  const region = usePhoneRegion();
  return useCallback((phone) => formatPhone(phone, region), [region]);
}

export interface PhoneRegionWords {
  region: string | undefined;
  /** The clinic's country in the user's language; undefined until the settings are known. */
  country: string | undefined;
  /** A local number of that country as people write it, for placeholders; '' when there is none. */
  example: string;
}

/** What phone fields tell people about the clinic's region: its name and an example number. */
export function usePhoneRegionWords(): PhoneRegionWords {
  const region = usePhoneRegion();
  const { i18n } = useTranslation();
  return useMemo(
    () => ({
      region,
      country: region ? countryName(region, i18n.language) : undefined,
      example: examplePhone(region),
    }),
    [region, i18n.language],
  );
}
