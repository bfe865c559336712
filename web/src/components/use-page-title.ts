import { useEffect } from 'react';
import { usePublicSettings } from '../features/settings/settings.queries.ts';

/** Sets the browser tab title to `<page> · <clinic>`. */
export function usePageTitle(title: string): void {
  const { data } = usePublicSettings();
  const clinic = data?.clinicName ?? 'Carebase';
  useEffect(() => {
    document.title = title ? `${title} · ${clinic}` : clinic;
  }, [title, clinic]);
}
