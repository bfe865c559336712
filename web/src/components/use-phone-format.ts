import { useCallback } from 'react';
import { usePublicSettings } from '../features/settings/settings.queries.ts';
import { formatPhone } from '../lib/phone.ts';

/** The clinic's default phone region (numbers typed without +country code belong to it). */
export function usePhoneRegion(): string | undefined {
  return usePublicSettings().data?.defaultPhoneRegion;
}

/** Formats a stored phone for display: national for the clinic's country, international otherwise. */
export function usePhoneFormat(): (phone: string | null | undefined) => string {
  const region = usePhoneRegion();
  return useCallback((phone) => formatPhone(phone, region), [region]);
}
