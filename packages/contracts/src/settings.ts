import { z } from 'zod';
import { requireChange } from './common.ts';
import { DEFAULT_MRN_FORMAT, IDENTIFIER_TYPES, mrnFormatProblem } from './patients.ts';

export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const UserSettingsSchema = z.object({
  language: z.enum(LANGUAGES),
  theme: z.enum(['light', 'dark', 'auto']),
  dateFormat: z.enum(['locale', 'iso', 'dmy', 'mdy']),
  notifications: z.object({ email: z.boolean(), inApp: z.boolean() }),
});
export type UserSettings = z.infer<typeof UserSettingsSchema>;
export const DEFAULT_USER_SETTINGS: UserSettings = {
  language: 'en',
  theme: 'light',
  dateFormat: 'locale',
  notifications: { email: true, inApp: true },
};
export const UserSettingsPatchSchema = requireChange(UserSettingsSchema.partial().strict());

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** ISO 3166 codes for no country: user-assigned ones (AA, QM–QZ, XA–XZ but Kosovo's XK, ZZ) and groupings. */
const NOT_A_COUNTRY = /^(AA|Q[M-Z]|X[A-JL-Z]|ZZ|EU|EZ|UN)$/;

function isRegion(code: string): boolean {
  if (NOT_A_COUNTRY.test(code)) return false;
  try {
    return new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }).of(code) !== undefined;
  } catch {
    return false;
  }
}

let currencies: Set<string> | null = null;
/** An ISO 4217 code this runtime knows (the same list the clinic settings form offers). */
function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    currencies ??= new Set(Intl.supportedValuesOf('currency'));
  } catch {
    return true;
  }
  return currencies.has(code);
}

const oneLine = (max: number) =>
  z
    .string()
    .max(max, { abort: true })
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    .regex(/^[^\u0000-\u001f\u007f]*$/, {
      message: 'must be one line of text, without control characters',
      abort: true,
    });

/** The setting is optional: an empty string means not set. */
const orEmpty = (test: (s: string) => boolean) => (s: string) => s === '' || test(s);

function isHttpUrl(s: string): boolean {
  if (!/^https?:\/\/[^\s]+$/i.test(s)) return false;
  try {
    const url = new URL(s);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const EMAIL = z.email();
const isEmail = (s: string) => s.length <= 254 && EMAIL.safeParse(s).success;

/** `clinic@example.org` or `Clinic Name <clinic@example.org>` (a mail From header, so never two lines). */
function isMailbox(s: string): boolean {
  const named = /^[^<>"\r\n]*<([^<>\s]+)>$/.exec(s.trim()) ?? /^"[^"\r\n]*"\s*<([^<>\s]+)>$/.exec(s.trim());
  return isEmail(named ? (named[1] ?? '') : s);
}

const HOST_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOST_NAME = new RegExp(`^(?=.{1,253}$)${HOST_LABEL}(?:\\.${HOST_LABEL})*\\.?$`);
const IPV4 = z.ipv4();
const IPV6 = z.ipv6();
/** A host name (smtp.example.org), an IPv4 address, or an IPv6 address (bare or in brackets). */
function isHost(s: string): boolean {
  if (/^[0-9.]+$/.test(s)) return IPV4.safeParse(s).success;
  return HOST_NAME.test(s) || IPV6.safeParse(s.replace(/^\[(.*)\]$/, '$1')).success;
}

/** A phone number as people write it: digits with spaces or ( ) . - /, an optional leading +, and an extension. */
function isPhone(s: string): boolean {
  const match = /^(\+?[0-9(][0-9 ()./-]*[0-9])(?:\s*(?:ext\.?|x|#)\s*[0-9]{1,6})?$/i.exec(s.trim());
  const digits = match?.[1]?.replace(/\D/g, '').length ?? 0;
  return digits >= 5 && digits <= 15;
}

/** The logo on the sign-in page and on printed documents: never a script, a data URL or another scheme. */
function isLogoUrl(s: string): boolean {
  if (/^(?:blob:)?[0-9a-f]{64}$/.test(s)) return true; // a file stored here, by its sha256
  if (/^\/(?![/\\])[^\s\\]*$/.test(s)) return true; // a path on this server, e.g. /api/files/<sha256>
  return isHttpUrl(s);
}

/** An SMS sender: an alphanumeric sender id (up to 11 characters) or a phone number. */
const isSmsSender = (s: string) =>
  /^[A-Za-z0-9][A-Za-z0-9 ._&-]{0,10}$/.test(s) || /^\+?[0-9]{3,15}$/.test(s);

/** Secrets are write-only: responses carry `…Set: true|false`, never the value. */
export const SystemSettingsSchema = z.object({
  clinicName: oneLine(200).trim().min(1),
  /**
   * An http(s) address, a path on this server (/api/files/<sha256>) or a stored file (blob:<sha256>); null
   * for none. Shown on the public sign-in page, so no other scheme is accepted.
   */
  logoUrl: z
    .string()
    .max(2000, { abort: true })
    .refine(orEmpty(isLogoUrl), 'an http(s) address or an uploaded image path such as /api/files/<sha256>')
    .nullable(),
  /** Printed on letterheads; may span lines. */
  address: z.string().max(500),
  phone: oneLine(50).refine(orEmpty(isPhone), 'a phone number such as +1 555 010 0200, or empty'),
  email: oneLine(254).refine(orEmpty(isEmail), 'an email address such as clinic@example.org, or empty'),
  timeZone: z.string().max(100).refine(isTimeZone, 'an IANA time zone such as America/Mexico_City'),
  currency: z.string().refine(isCurrency, 'an ISO 4217 currency code such as USD'),
  defaultAppointmentMinutes: z.number().int().min(5).max(480),
  mail: z.object({
    smtpHost: oneLine(255).refine(
      orEmpty(isHost),
      'a host name or IP address such as smtp.example.org, or empty',
    ),
    smtpPort: z.number().int().min(1).max(65535),
    smtpSecure: z.boolean(),
    smtpUser: oneLine(255),
    from: oneLine(255).refine(
      orEmpty(isMailbox),
      'an email address, optionally with a name: Clinic <clinic@example.org>, or empty',
    ),
  }),
  sms: z.object({
    provider: z.enum(['none', 'http']),
    url: z.string().max(2000, { abort: true }).refine(orEmpty(isHttpUrl), 'an http(s) address, or empty'),
    sender: oneLine(50).refine(
      orEmpty(isSmsSender),
      'a sender id of up to 11 letters and digits, or a phone number, or empty',
    ),
  }),
  /** Public screens (waiting-room displays) speak this language unless a display is given its own. */
  defaultLanguage: z.enum(LANGUAGES),
  certificates: z.object({
    /**
     * A doctor may approve a certificate they drafted themselves (a clinic with one doctor needs it); when
     * false, another doctor must approve.
     */
    selfApprovalAllowed: z.boolean(),
  }),
  appointments: z.object({
    /** Reminders go this many minutes before the start (default a day and two hours). */
    reminderOffsetsMinutes: z.array(z.number().int().min(5).max(20_160)).max(5),
    reminderChannels: z.array(z.enum(['email', 'sms'])).max(2),
    /** Patients book themselves in the portal. */
    selfBookingEnabled: z.boolean(),
    /** How far ahead a patient may book. */
    selfBookingMaxDaysAhead: z.number().int().min(1).max(365),
    /** A patient may cancel or move an appointment up to this many hours before it starts. */
    selfBookingCancelCutoffHours: z.number().int().min(0).max(168),
  }),
  /** Where the clinic is (ISO 3166 alpha-2); null until chosen (the set-up guide sets it with the phone region). */
  country: z
    .string()
    .refine((s) => /^[A-Z]{2}$/.test(s) && isRegion(s), 'an ISO 3166 two-letter country code such as MX')
    .nullable(),
  /** Region assumed for phone numbers typed without a country code (ISO 3166 alpha-2). */
  defaultPhoneRegion: z
    .string()
    .refine((s) => /^[A-Z]{2}$/.test(s) && isRegion(s), 'an ISO 3166 two-letter region code such as US'),
  backups: z.object({
    /** Times of day (clinic time, HH:MM) a backup is taken; none turns scheduled backups off. */
    times: z
      .array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day such as 02:00'))
      .max(4)
      .refine((t) => new Set(t).size === t.length, 'each time once'),
    /** After each verified backup, the newest of each of this many days, weeks and months are kept. */
    retention: z.object({
      daily: z.number().int().min(1).max(90),
      weekly: z.number().int().min(0).max(104),
      monthly: z.number().int().min(0).max(120),
    }),
  }),
  imaging: z.object({
    /** Which of a patient's identifiers a DICOM Patient ID (0010,0020) is matched with when a study arrives. */
    patientIdentifier: z.enum(['mrn', ...IDENTIFIER_TYPES]),
  }),
  /** How new MRNs are written: tokens {YYYY}, {YY} and one {SEQ:n}, e.g. MRN-{YYYY}-{SEQ:6}. */
  mrnFormat: z.string().superRefine((format, ctx) => {
    const problem = mrnFormatProblem(format);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});
export type SystemSettings = z.infer<typeof SystemSettingsSchema>;

export const SYSTEM_SECRETS = ['smtpPassword', 'smsApiKey'] as const;
export type SystemSecretName = (typeof SYSTEM_SECRETS)[number];

export const SystemSettingsResponseSchema = SystemSettingsSchema.extend({
  secretsSet: z.object({ smtpPassword: z.boolean(), smsApiKey: z.boolean() }),
});
export type SystemSettingsResponse = z.infer<typeof SystemSettingsResponseSchema>;

export const SystemSettingsPatchSchema = requireChange(
  z
    .object({
      clinicName: SystemSettingsSchema.shape.clinicName,
      logoUrl: SystemSettingsSchema.shape.logoUrl,
      address: SystemSettingsSchema.shape.address,
      phone: SystemSettingsSchema.shape.phone,
      email: SystemSettingsSchema.shape.email,
      timeZone: SystemSettingsSchema.shape.timeZone,
      currency: SystemSettingsSchema.shape.currency,
      defaultAppointmentMinutes: SystemSettingsSchema.shape.defaultAppointmentMinutes,
      mail: requireChange(SystemSettingsSchema.shape.mail.partial().strict()),
      sms: requireChange(SystemSettingsSchema.shape.sms.partial().strict()),
      defaultLanguage: SystemSettingsSchema.shape.defaultLanguage,
      certificates: requireChange(SystemSettingsSchema.shape.certificates.partial().strict()),
      appointments: requireChange(SystemSettingsSchema.shape.appointments.partial().strict()),
      country: SystemSettingsSchema.shape.country,
      defaultPhoneRegion: SystemSettingsSchema.shape.defaultPhoneRegion,
      mrnFormat: SystemSettingsSchema.shape.mrnFormat,
      backups: requireChange(SystemSettingsSchema.shape.backups.partial().strict()),
      imaging: requireChange(SystemSettingsSchema.shape.imaging.partial().strict()),
      /** Set a secret with a string, clear it with null. */
      secrets: requireChange(
        z
          .object({
            smtpPassword: z.string().max(1000).nullable(),
            smsApiKey: z.string().max(1000).nullable(),
          })
          .partial()
          .strict(),
      ),
    })
    .partial()
    .strict(),
);
export type SystemSettingsPatch = z.infer<typeof SystemSettingsPatchSchema>;

export const DEFAULT_SYSTEM_SETTINGS: SystemSettings = {
  clinicName: 'Carebase Clinic',
  logoUrl: null,
  address: '',
  phone: '',
  email: '',
  timeZone: 'UTC',
  currency: 'USD',
  defaultAppointmentMinutes: 20,
  mail: { smtpHost: '', smtpPort: 587, smtpSecure: false, smtpUser: '', from: '' },
  sms: { provider: 'none', url: '', sender: '' },
  defaultLanguage: 'en',
  certificates: { selfApprovalAllowed: true },
  appointments: {
    reminderOffsetsMinutes: [1440, 120],
    reminderChannels: ['email', 'sms'],
    selfBookingEnabled: true,
    selfBookingMaxDaysAhead: 60,
    selfBookingCancelCutoffHours: 24,
  },
  country: null,
  defaultPhoneRegion: 'US',
  mrnFormat: DEFAULT_MRN_FORMAT,
  backups: { times: ['02:00'], retention: { daily: 7, weekly: 4, monthly: 12 } },
  imaging: { patientIdentifier: 'mrn' },
};

/** The clinic logo is uploaded as the raw image bytes (PUT /api/settings/logo) with one of these types. */
export const LOGO_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoContentType = (typeof LOGO_CONTENT_TYPES)[number];
export const MAX_LOGO_BYTES = 1024 * 1024;
/** An uploaded logo is served at this path followed by its sha256; it becomes the settings' logoUrl. */
export const UPLOADED_LOGO_PATH = '/api/settings/logo/';

export const LogoParamsSchema = z.object({
  sha: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in lowercase hexadecimal (64 characters)'),
});

/** What anyone may read, for the login page and the letterhead. */
export const PublicSettingsSchema = SystemSettingsSchema.pick({
  clinicName: true,
  logoUrl: true,
  timeZone: true,
  currency: true,
  defaultPhoneRegion: true,
  country: true,
}).extend({
  /** The largest attachment the server takes (ATTACHMENT_MAX_MB), so the web app can say so before sending. */
  attachmentMaxBytes: z.number().int(),
});
export type PublicSettings = z.infer<typeof PublicSettingsSchema>;
