import { EVENT_TYPES } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { markSessionMfaVerified } from '../../platform/auth/auth.repository.ts';
import { verifyPassword } from '../../platform/auth/password-hash.ts';
import { newRecoveryCodes, newTotpSecret, totpEnrollment, totpStep } from '../../platform/auth/totp.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { findUserById, updateUser } from '../users/users.repository.ts';
import { loadAccount } from '../users/users.service.ts';

async function userOf(ctx: AppContext, principal: Principal) {
  const user = await findUserById(ctx.db, principal.userId);
  if (!user) throw new AppError('unauthenticated');
  return user;
}

/** Starts (or restarts) enrolment with a fresh secret; TOTP is not enforced until a code is confirmed. */
export async function startEnrollment(ctx: AppContext, actor: ActorContext, principal: Principal) {
  const user = await userOf(ctx, principal);
  if (user.totpEnabled)
    throw new AppError('conflict', 'Two-factor authentication is already on; turn it off first to re-enrol.');
  const secret = newTotpSecret();
  const { settings } = await ctx.settings.get(ctx.db);
  await ctx.db.transaction(async (tx) => {
    await updateUser(tx, user.id, { totpSecret: secret });
    await writeAudit(tx, actor, {
      action: 'auth.mfa.enroll-start',
      resourceType: 'user',
      resourceId: user.id,
    });
  });
  return totpEnrollment(secret, user.email, settings.clinicName || 'Carebase');
}

export async function confirmEnrollment(
  ctx: AppContext,
  actor: ActorContext,
  principal: Principal,
  otp: string,
) {
  const user = await userOf(ctx, principal);
  if (user.totpEnabled) throw new AppError('conflict', 'Two-factor authentication is already on.');
  if (!user.totpSecret) throw new AppError('conflict', 'Start the enrolment first.');
  const step = totpStep(user.totpSecret, otp);
  if (step === null) throw fieldError('body.otp', 'is not the current code of your authenticator app');
  const { codes, hashes } = newRecoveryCodes();
  await ctx.db.transaction(async (tx) => {
    await updateUser(tx, user.id, { totpEnabled: true, totpLastStep: step, recoveryCodes: hashes });
    if (principal.sessionId) await markSessionMfaVerified(tx, principal.sessionId);
    await writeAudit(tx, actor, { action: 'auth.mfa.enable', resourceType: 'user', resourceId: user.id });
    await publishEvent(tx, { type: EVENT_TYPES.userChanged, permission: 'users:read', resourceId: user.id });
  });
  ctx.credentialCache.clear();
  return { recoveryCodes: codes };
}

export async function disableMfa(
  ctx: AppContext,
  actor: ActorContext,
  principal: Principal,
  password: string,
) {
  const user = await userOf(ctx, principal);
  if (!user.totpEnabled) throw new AppError('conflict', 'Two-factor authentication is not on.');
  if (!(await verifyPassword(user.passwordHash, password)))
    throw fieldError('body.password', 'is not your current password');
  const account = await loadAccount(ctx.db, user);
  if (account.mfaRequired)
    throw new AppError('conflict', 'One of your roles requires two-factor authentication.');
  await ctx.db.transaction(async (tx) => {
    await updateUser(tx, user.id, { totpEnabled: false, totpSecret: null, recoveryCodes: [] });
    await writeAudit(tx, actor, { action: 'auth.mfa.disable', resourceType: 'user', resourceId: user.id });
    await publishEvent(tx, { type: EVENT_TYPES.userChanged, permission: 'users:read', resourceId: user.id });
  });
  ctx.credentialCache.clear();
}
