import { z } from 'zod';
import { DEFAULT_MRN_FORMAT, mrnFormatProblem } from './patients.ts';

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
export const UserSettingsPatchSchema = UserSettingsSchema.partial().strict();

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function isRegion(code: string): boolean {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }).of(code) !== undefined;
  } catch {
    return false;
  }
}

/** Secrets are write-only: responses carry `…Set: true|false`, never the value. */
export const SystemSettingsSchema = z.object({
  clinicName: z.string().trim().min(1).max(200),
  logoUrl: z.string().max(2000).nullable(),
  address: z.string().max(500),
  phone: z.string().max(50),
  email: z.string().max(254),
  timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as America/Mexico_City'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD'),
  defaultAppointmentMinutes: z.number().int().min(5).max(480),
  mail: z.object({
    smtpHost: z.string().max(255),
    smtpPort: z.number().int().min(1).max(65535),
    smtpSecure: z.boolean(),
    smtpUser: z.string().max(255),
    from: z.string().max(255),
  }),
  sms: z.object({
    provider: z.enum(['none', 'http']),
    url: z.string().max(2000),
    sender: z.string().max(50),
  }),
  pacs: z.object({
    aeTitle: z.string().max(16),
    host: z.string().max(255),
    port: z.number().int().min(0).max(65535),
  }),
  ai: z.object({ url: z.string().max(2000) }),
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
  /** Region assumed for phone numbers typed without a country code (ISO 3166 alpha-2). */
  defaultPhoneRegion: z
    .string()
    .refine((s) => /^[A-Z]{2}$/.test(s) && isRegion(s), 'an ISO 3166 two-letter region code such as US'),
  /** How new MRNs are written: tokens {YYYY}, {YY} and one {SEQ:n}, e.g. MRN-{YYYY}-{SEQ:6}. */
  mrnFormat: z.string().superRefine((format, ctx) => {
    const problem = mrnFormatProblem(format);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});
export type SystemSettings = z.infer<typeof SystemSettingsSchema>;

export const SYSTEM_SECRETS = ['smtpPassword', 'smsApiKey', 'aiApiKey'] as const;
export type SystemSecretName = (typeof SYSTEM_SECRETS)[number];

export const SystemSettingsResponseSchema = SystemSettingsSchema.extend({
  secretsSet: z.object({ smtpPassword: z.boolean(), smsApiKey: z.boolean(), aiApiKey: z.boolean() }),
});
export type SystemSettingsResponse = z.infer<typeof SystemSettingsResponseSchema>;

export const SystemSettingsPatchSchema = z
  .object({
    clinicName: SystemSettingsSchema.shape.clinicName,
    logoUrl: SystemSettingsSchema.shape.logoUrl,
    address: SystemSettingsSchema.shape.address,
    phone: SystemSettingsSchema.shape.phone,
    email: SystemSettingsSchema.shape.email,
    timeZone: SystemSettingsSchema.shape.timeZone,
    currency: SystemSettingsSchema.shape.currency,
    defaultAppointmentMinutes: SystemSettingsSchema.shape.defaultAppointmentMinutes,
    mail: SystemSettingsSchema.shape.mail.partial().strict(),
    sms: SystemSettingsSchema.shape.sms.partial().strict(),
    pacs: SystemSettingsSchema.shape.pacs.partial().strict(),
    ai: SystemSettingsSchema.shape.ai.partial().strict(),
    appointments: SystemSettingsSchema.shape.appointments.partial().strict(),
    defaultPhoneRegion: SystemSettingsSchema.shape.defaultPhoneRegion,
    mrnFormat: SystemSettingsSchema.shape.mrnFormat,
    /** Set a secret with a string, clear it with null. */
    secrets: z
      .object({
        smtpPassword: z.string().max(1000).nullable(),
        smsApiKey: z.string().max(1000).nullable(),
        aiApiKey: z.string().max(1000).nullable(),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
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
  pacs: { aeTitle: '', host: '', port: 104 },
  ai: { url: '' },
  appointments: {
    reminderOffsetsMinutes: [1440, 120],
    reminderChannels: ['email', 'sms'],
    selfBookingEnabled: true,
    selfBookingMaxDaysAhead: 60,
    selfBookingCancelCutoffHours: 24,
  },
  defaultPhoneRegion: 'US',
  mrnFormat: DEFAULT_MRN_FORMAT,
};

/** What anyone may read, for the login page and the letterhead. */
export const PublicSettingsSchema = SystemSettingsSchema.pick({
  clinicName: true,
  logoUrl: true,
  timeZone: true,
  currency: true,
});
