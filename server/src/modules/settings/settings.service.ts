import {
  DEFAULT_SYSTEM_SETTINGS,
  DEFAULT_USER_SETTINGS,
  EVENT_TYPES,
  type PublicSettings,
  SYSTEM_SECRETS,
  type SystemSecretName,
  type SystemSettings,
  type SystemSettingsPatch,
  type SystemSettingsResponse,
  SystemSettingsSchema,
  UPLOADED_LOGO_PATH,
  type UserSettings,
} from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import type { Config } from '../../config.ts';
import type { ActorContext } from '../../platform/audit/audit.writer.ts';
import { writeAudit } from '../../platform/audit/audit.writer.ts';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import type { TransportSettings } from '../../platform/outbox/transports.ts';
import { saveUserSettings, storedUserSettings } from '../users/users.service.ts';
import { readSystemSettingsRow, writeSystemSettingsRow } from './settings.repository.ts';

const GROUPS = ['mail', 'sms', 'certificates', 'appointments', 'backups', 'imaging'] as const;

function mergeSettings(
  base: SystemSettings,
  patch: Partial<SystemSettings> | SystemSettingsPatch,
): SystemSettings {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'secrets' || value === undefined) continue;
    merged[key] = (GROUPS as readonly string[]).includes(key)
      ? { ...(base[key as (typeof GROUPS)[number]] as object), ...(value as object) }
      : value;
  }
  return merged as SystemSettings;
}

/**
 * The stored values that today's rules accept. A value saved before a rule existed (an address that is not an
 * email, a `javascript:` logo) reads as the default instead: never served (the logo is on the public sign-in
 * page), never a 500 when the response is checked, and never in the way of the next change.
 */
function acceptedValues(stored: Partial<SystemSettings>): Partial<SystemSettings> {
  const shape = SystemSettingsSchema.shape as Record<string, z.ZodType>;
  const accepted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored)) {
    const field = shape[key];
    if (!field) continue;
    if ((GROUPS as readonly string[]).includes(key)) {
      if (!value || typeof value !== 'object') continue;
      const inner = (field as z.ZodObject).shape as Record<string, z.ZodType>;
      accepted[key] = Object.fromEntries(
        Object.entries(value).filter(([name, v]) => inner[name]?.safeParse(v).success),
      );
    } else if (field.safeParse(value).success) {
      accepted[key] = value;
    }
  }
  return accepted as Partial<SystemSettings>;
}

/** Announced by the trigger of migration 0017 when the clinic's settings change. */
export const SETTINGS_CHANGES_CHANNEL = 'carebase_settings';

export type StoredSystemSettings = {
  settings: SystemSettings;
  secrets: Partial<Record<SystemSecretName, string>>;
};

/**
 * The settings as stored now. Outside a transaction that changes them, read `ctx.settings` instead: the same
 * value kept in memory until a change is announced.
 */
export async function readSystemSettings(db: Executor): Promise<StoredSystemSettings> {
  const row = await readSystemSettingsRow(db);
  return {
    settings: mergeSettings(DEFAULT_SYSTEM_SETTINGS, acceptedValues(row?.value ?? {})),
    secrets: row?.secrets ?? {},
  };
}

function toResponse(
  settings: SystemSettings,
  secrets: Partial<Record<SystemSecretName, string>>,
): SystemSettingsResponse {
  const secretsSet = Object.fromEntries(
    SYSTEM_SECRETS.map((k) => [k, Boolean(secrets[k])]),
  ) as SystemSettingsResponse['secretsSet'];
  return { ...settings, secretsSet };
}

export async function getSystemSettings(
  ctx: Pick<AppContext, 'settings' | 'db'>,
): Promise<SystemSettingsResponse> {
  const { settings, secrets } = await ctx.settings.get(ctx.db);
  return toResponse(settings, secrets);
}

/** What the sign-in page and anyone else may read. */
export function publicSettingsOf(
  s: SystemSettings,
  config: Pick<Config, 'attachmentMaxBytes'>,
): PublicSettings {
  return {
    attachmentMaxBytes: config.attachmentMaxBytes,
    clinicName: s.clinicName,
    logoUrl: s.logoUrl,
    timeZone: s.timeZone,
    currency: s.currency,
    defaultPhoneRegion: s.defaultPhoneRegion,
    country: s.country,
  };
}

/**
 * A change from the settings form or the API. The address of an uploaded logo may be sent back unchanged but
 * never typed: the public logo route serves whatever blob it names, and the store also holds patients' files.
 */
export async function patchSystemSettings(
  ctx: AppContext,
  actor: ActorContext,
  patch: SystemSettingsPatch,
): Promise<SystemSettingsResponse> {
  if (patch.logoUrl?.startsWith(UPLOADED_LOGO_PATH)) {
    const { settings } = await ctx.settings.get(ctx.db);
    if (patch.logoUrl !== settings.logoUrl)
      throw fieldError('body.logoUrl', 'is set by uploading the image (PUT /api/settings/logo), not typed');
  }
  return saveSystemSettings(ctx, actor, patch);
}

/**
 * The database keys the billing rollup by the clinic's zone and groups reports in it, so a zone the browser's
 * calendar knows but the database's time zone data does not (a very new one) is refused here, by name.
 */
async function checkDatabaseKnowsZone(tx: Executor, timeZone: string): Promise<void> {
  const [row] = await queryRows<{ known: boolean }>(
    tx,
    sql`select exists (select 1 from pg_timezone_names where lower(name) = lower(${timeZone})) as known`,
  );
  if (!row?.known) throw fieldError('body.timeZone', 'is not a time zone the database knows');
}

/** Saves a change, audited, and clears this instance's settings in memory (for the logo upload, unchecked). */
export async function saveSystemSettings(
  ctx: AppContext,
  actor: ActorContext,
  patch: SystemSettingsPatch,
): Promise<SystemSettingsResponse> {
  const saved = await ctx.db.transaction(async (tx) => {
    const current = await readSystemSettings(tx);
    const next = mergeSettings(current.settings, patch);
    const checked = SystemSettingsSchema.safeParse(next);
    if (!checked.success) {
      const fields = checked.error.issues.map((i) => ({
        path: `body.${i.path.join('.')}`,
        message: i.message,
      }));
      throw new AppError('validation_failed', fields.map((f) => `${f.path} ${f.message}`).join('; '), {
        fields,
      });
    }
    if (patch.timeZone !== undefined && patch.timeZone !== current.settings.timeZone)
      await checkDatabaseKnowsZone(tx, patch.timeZone);
    // Only today's secrets are kept: one saved for a setting since removed is dropped at the next change.
    const secrets: StoredSystemSettings['secrets'] = {};
    for (const name of SYSTEM_SECRETS) if (current.secrets[name]) secrets[name] = current.secrets[name];
    for (const [name, value] of Object.entries(patch.secrets ?? {})) {
      if (value === null) delete secrets[name as SystemSecretName];
      else if (value !== undefined) secrets[name as SystemSecretName] = value;
    }
    await writeSystemSettingsRow(tx, checked.data, secrets);
    const changed = Object.keys(patch).filter((k) => k !== 'secrets');
    const secretChanges = Object.fromEntries(
      Object.entries(patch.secrets ?? {}).map(([k, v]) => [k, v === null ? 'cleared' : 'set']),
    );
    await writeAudit(tx, actor, {
      action: 'settings.system.update',
      resourceType: 'system_settings',
      resourceId: '1',
      details: { changed, secrets: secretChanges },
    });
    await publishEvent(tx, { type: EVENT_TYPES.settingsChanged, permission: null });
    if (patch.mail || patch.secrets?.smtpPassword) await ctx.outbox.releaseHeld(tx, 'email');
    if (patch.sms || patch.secrets?.smsApiKey) await ctx.outbox.releaseHeld(tx, 'sms');
    return toResponse(checked.data, secrets);
  });
  // The announcement reaches every instance a moment later; this one reads its own change at once.
  ctx.settings.clear();
  return saved;
}

/** Environment SMTP_URL wins over the clinic settings, so an operator can pin the relay. */
export async function transportSettings(ctx: Pick<AppContext, 'db' | 'config'>): Promise<TransportSettings> {
  const { settings, secrets } = await readSystemSettings(ctx.db);
  const m = settings.mail;
  const smtp = ctx.config.smtpUrl
    ? {
        url: ctx.config.smtpUrl,
        host: '',
        port: 0,
        secure: false,
        user: '',
        from: m.from || ctx.config.mailFrom,
      }
    : m.smtpHost
      ? {
          host: m.smtpHost,
          port: m.smtpPort,
          secure: m.smtpSecure,
          user: m.smtpUser,
          password: secrets.smtpPassword,
          from: m.from || ctx.config.mailFrom,
        }
      : null;
  const s = settings.sms;
  const sms = s.provider === 'http' && s.url ? { ...s, apiKey: secrets.smsApiKey } : null;
  return { smtp, sms };
}

/** A user's settings: what they chose, else the clinic's default language and the built-in defaults. */
export function userSettingsOf(
  stored: Partial<UserSettings>,
  clinic: Pick<UserSettings, 'language'> = DEFAULT_USER_SETTINGS,
): UserSettings {
  return {
    ...DEFAULT_USER_SETTINGS,
    language: clinic.language,
    ...stored,
    notifications: { ...DEFAULT_USER_SETTINGS.notifications, ...stored.notifications },
  };
}

/** The clinic's default language, as a user who has not chosen one gets it. */
export async function clinicLanguage(
  ctx: Pick<AppContext, 'settings' | 'db'>,
): Promise<Pick<UserSettings, 'language'>> {
  return { language: (await ctx.settings.get(ctx.db)).settings.defaultLanguage };
}

export async function patchUserSettings(
  ctx: AppContext,
  actor: ActorContext,
  userId: string,
  patch: Partial<UserSettings>,
): Promise<UserSettings> {
  // Read before the transaction: the embedded database has one connection, which the transaction holds.
  const clinic = await clinicLanguage(ctx);
  return ctx.db.transaction(async (tx) => {
    const current = userSettingsOf(await storedUserSettings(tx, userId), clinic);
    const next: UserSettings = {
      ...current,
      ...patch,
      notifications: { ...current.notifications, ...patch.notifications },
    };
    await saveUserSettings(tx, userId, next);
    await writeAudit(tx, actor, {
      action: 'settings.user.update',
      resourceType: 'user',
      resourceId: userId,
      details: { changed: Object.keys(patch) },
    });
    return next;
  });
}
