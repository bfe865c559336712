import { z } from 'zod';
import { EmailSchema, IsoDateTimeSchema } from './common.ts';
import { PERMISSIONS } from './permissions.ts';
import { UserSettingsSchema } from './settings.ts';

/**
 * A cookie readable by the web app (it holds no secret, only "1") that lives as long as the HttpOnly session
 * cookie: without it the app knows nobody is signed in and does not ask the server.
 */
export const SESSION_HINT_COOKIE = 'carebase_signed_in';

export const PASSWORD_MIN_LENGTH = 12;
export const PasswordSchema = z.string().min(1).max(256);

export const LoginRequestSchema = z.object({
  email: EmailSchema,
  password: PasswordSchema,
  otp: z
    .string()
    .regex(/^(\d{6}|[a-z0-9]{4}-[a-z0-9]{4})$/, 'a 6-digit code or a recovery code like abcd-1234')
    .optional(),
});

export const MeSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  permissions: z.array(z.enum(PERMISSIONS)),
  mfaEnabled: z.boolean(),
  /** The account's role demands TOTP and it has not been enrolled yet: only enrolment is allowed. */
  mfaEnrollmentRequired: z.boolean(),
  /** The account still has the password someone else gave it (the first administrator's printed one): only
   * changing it is allowed. Checked before TOTP enrolment. */
  passwordChangeRequired: z.boolean(),
  settings: UserSettingsSchema,
});
export type Me = z.infer<typeof MeSchema>;

export const ChangePasswordRequestSchema = z.object({
  currentPassword: PasswordSchema,
  newPassword: PasswordSchema,
});

export const PasswordResetRequestSchema = z.object({ email: EmailSchema });
export const PasswordResetConfirmSchema = z.object({
  token: z.string().min(20).max(200),
  newPassword: PasswordSchema,
});

export const MfaEnrollStartSchema = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrCodeDataUrl: z.string(),
});
export const MfaEnrollConfirmSchema = z.object({ otp: z.string().regex(/^\d{6}$/, 'a 6-digit code') });
export const MfaRecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export const MfaDisableSchema = z.object({ password: PasswordSchema });

export const ApiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  permissions: z.array(z.enum(PERMISSIONS)),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;
export const CreateApiTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** Omitted: all of the creator's permissions. Never more than the creator has. */
  permissions: z.array(z.enum(PERMISSIONS)).optional(),
  expiresAt: IsoDateTimeSchema.optional(),
});
export const CreatedApiTokenSchema = ApiTokenSchema.extend({ token: z.string() });
