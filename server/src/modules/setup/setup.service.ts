import { DEFAULT_SYSTEM_SETTINGS, type SetupChecklist, type SetupChecklistItem } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import { bookingReadiness } from '../scheduling/providers.service.ts';
import { localDateOf } from '../scheduling/zoned-time.ts';
import { transportSettings } from '../settings/settings.service.ts';

/** Where each item is done in the web app: the steps of the set-up guide, and the mail section of the settings. */
const LINKS: Record<SetupChecklistItem['key'], string> = {
  clinic_details: '/setup/clinic',
  services: '/setup/services',
  provider_hours: '/setup/providers',
  mail: '/settings/clinic#mail',
};

/**
 * What the clinic still lacks, read from its data each time (nothing is ticked off by hand): a name other than
 * the placeholder and a country, an active service, a provider with weekly hours, and a mail relay.
 */
export async function setupChecklist(ctx: AppContext): Promise<SetupChecklist> {
  const { settings } = await ctx.settings.get(ctx.db);
  const booking = await bookingReadiness(ctx.db, localDateOf(new Date(), settings.timeZone));
  const mailReady = (await transportSettings(ctx)).smtp !== null;
  const done: Record<SetupChecklistItem['key'], boolean> = {
    clinic_details: settings.clinicName !== DEFAULT_SYSTEM_SETTINGS.clinicName && settings.country !== null,
    services: booking.hasService,
    provider_hours: booking.hasProviderHours,
    mail: mailReady,
  };
  const missing = (Object.keys(LINKS) as SetupChecklistItem['key'][])
    .filter((key) => !done[key])
    .map((key) => ({ key, link: LINKS[key] }));
  return { missing };
}
