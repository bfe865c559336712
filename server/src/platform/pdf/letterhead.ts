import type { AppContext } from '../../app-context.ts';
import { sniffContentType } from '../files/file-type.ts';

export type Letterhead = {
  clinicName: string;
  address: string;
  phone: string;
  email: string;
  timeZone: string;
  currency: string;
  /** PNG or JPEG bytes, when the clinic logo is a stored blob. */
  logo: Buffer | null;
};

/**
 * The blob key of a logo stored in this system: a bare sha256, `blob:<sha256>`, or a path on this
 * server ending in one (e.g. /api/files/<sha256>). Anything else (another host) is never fetched.
 */
export function storedLogoKey(logoUrl: string | null, publicUrl: string): string | null {
  if (!logoUrl) return null;
  let rest = logoUrl.trim();
  if (rest.startsWith('blob:')) rest = rest.slice(5);
  else if (rest.startsWith(publicUrl)) rest = rest.slice(publicUrl.length);
  else if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(rest)) return null;
  const match = /(?:^|\/)([0-9a-f]{64})(?:[/?#]|$)/.exec(rest);
  return match?.[1] ?? null;
}

/** pdfkit draws only these (a WebP logo shows on screens but not on paper). */
function isPngOrJpeg(bytes: Buffer): boolean {
  const type = sniffContentType(bytes);
  return type === 'image/png' || type === 'image/jpeg';
}

/** Clinic identity from the system settings, for the top of every printed document. */
export async function loadLetterhead(
  ctx: Pick<AppContext, 'db' | 'blobs' | 'config' | 'log' | 'settings'>,
): Promise<Letterhead> {
  const { settings } = await ctx.settings.get(ctx.db);
  let logo: Buffer | null = null;
  const key = storedLogoKey(settings.logoUrl, ctx.config.publicUrl);
  if (key) {
    try {
      const bytes = await ctx.blobs.read(key);
      if (isPngOrJpeg(bytes)) logo = bytes;
      else ctx.log.warn({ key }, 'the clinic logo is not a PNG or JPEG image; printing without it');
    } catch (err) {
      ctx.log.warn({ key, err }, 'the clinic logo could not be read; printing without it');
    }
  }
  return {
    clinicName: settings.clinicName,
    address: settings.address,
    phone: settings.phone,
    email: settings.email,
    timeZone: settings.timeZone,
    currency: settings.currency,
    logo,
  };
}
