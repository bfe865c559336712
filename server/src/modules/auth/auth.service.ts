import {
  type ApiToken,
  type CreateApiTokenSchema,
  EVENT_TYPES,
  type Me,
  type Permission,
} from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { tokenPermissions } from '../../platform/access/permissions.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import * as authRepo from '../../platform/auth/auth.repository.ts';
import { API_TOKEN_PREFIX } from '../../platform/auth/authenticate.ts';
import { hashPassword, verifyPassword } from '../../platform/auth/password-hash.ts';
import { passwordProblem } from '../../platform/auth/password-policy.ts';
import { endResetLinks, issuePasswordReset } from '../../platform/auth/password-reset.ts';
import { hashToken, newToken } from '../../platform/auth/secret-token.ts';
import { totpStep } from '../../platform/auth/totp.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { clinicLanguage } from '../settings/settings.service.ts';
import {
  advanceTotpStep,
  consumeRecoveryCode,
  countFailedLogin,
  findUserByEmail,
  findUserById,
  type UserRow,
  updateUser,
} from '../users/users.repository.ts';
import { accountOf, loadAccount, meOf } from '../users/users.service.ts';

/** Minutes an account stays locked after `failures` bad attempts: doubling from the threshold, at most an hour. */
export function lockMinutes(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  return Math.min(60, 2 ** (failures - threshold));
}

/** The one answer to a sign-in refused for its credentials: wrong email or password, inactive, or locked. */
function invalidCredentials(): AppError {
  return new AppError(
    'invalid_credentials',
    'The email or password is wrong, the account is not active, or sign-in is paused for a while after too many failed attempts.',
  );
}

export type LoginInput = { email: string; password: string; otp?: string | undefined };

async function recordFailure(
  ctx: AppContext,
  actor: ActorContext,
  user: UserRow | undefined,
  email: string,
  reason: string,
) {
  await ctx.db.transaction(async (tx) => {
    if (user) {
      // Counted in the database: parallel wrong guesses must each count, not overwrite one another.
      const failures = await countFailedLogin(tx, user.id);
      const minutes = lockMinutes(failures, ctx.config.lockoutThreshold);
      if (minutes) await updateUser(tx, user.id, { lockedUntil: new Date(Date.now() + minutes * 60_000) });
    }
    await writeAudit(
      tx,
      { ...actor, actorId: user?.id ?? null, actorEmail: email },
      {
        action: 'auth.login',
        resourceType: 'session',
        outcome: 'failed',
        details: { reason },
      },
    );
  });
}

/** Checks a TOTP code or consumes a recovery code. */
async function secondFactorOk(ctx: AppContext, user: UserRow, code: string): Promise<boolean> {
  if (/^\d{6}$/.test(code)) {
    const step = user.totpSecret === null ? null : totpStep(user.totpSecret, code);
    // Decided by the database, so parallel sign-ins cannot both use one code.
    return step !== null && step > user.totpLastStep && (await advanceTotpStep(ctx.db, user.id, step));
  }
  const hash = hashToken(code);
  return user.recoveryCodes.includes(hash) && (await consumeRecoveryCode(ctx.db, user.id, hash));
}

export async function login(
  ctx: AppContext,
  actor: ActorContext,
  input: LoginInput,
): Promise<{ token: string; me: Me }> {
  const user = await findUserByEmail(ctx.db, input.email);
  // Read before the transaction: the embedded database has one connection, which the transaction holds.
  const clinic = await clinicLanguage(ctx);
  // The password is checked (or the time of a check spent) whatever follows, so response time says nothing.
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (user?.lockedUntil && user.lockedUntil > new Date()) {
    // A locked account answers exactly as an unknown email does: a different answer would tell a guesser
    // which addresses have accounts. The lock itself holds, even against the right password.
    await recordFailure(ctx, actor, undefined, input.email, 'locked');
    throw invalidCredentials();
  }
  if (!user || !passwordOk || !user.active) {
    await recordFailure(
      ctx,
      actor,
      user,
      input.email,
      !user ? 'unknown email' : !passwordOk ? 'wrong password' : 'inactive',
    );
    throw invalidCredentials();
  }
  if (user.totpEnabled) {
    if (!input.otp) throw new AppError('otp_required', 'Enter the 6-digit code from your authenticator app.');
    if (!(await secondFactorOk(ctx, user, input.otp))) {
      await recordFailure(ctx, actor, user, input.email, 'wrong one-time code');
      throw new AppError('invalid_otp', 'The one-time code is wrong or expired.');
    }
  }
  const token = newToken('', 32);
  return ctx.db.transaction(async (tx) => {
    const now = new Date();
    const session = await authRepo.insertSession(tx, {
      tokenHash: hashToken(token),
      userId: user.id,
      mfaVerified: user.totpEnabled,
      expiresAt: new Date(now.getTime() + ctx.config.sessionMaxMs),
      ip: actor.ip,
      userAgent: actor.userAgent?.slice(0, 500) ?? null,
    });
    await updateUser(tx, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    await writeAudit(
      tx,
      { ...actor, actorId: user.id, actorEmail: user.email },
      {
        action: 'auth.login',
        resourceType: 'session',
        resourceId: session.id,
        details: { mfa: user.totpEnabled },
      },
    );
    const account = await loadAccount(tx, { ...user, lastLoginAt: now });
    return { token, me: meOf(account, clinic) };
  });
}

export async function logout(ctx: AppContext, actor: ActorContext, principal: Principal): Promise<void> {
  if (!principal.sessionId) return;
  const sessionId = principal.sessionId;
  await ctx.db.transaction(async (tx) => {
    await authRepo.revokeSession(tx, sessionId);
    await writeAudit(tx, actor, { action: 'auth.logout', resourceType: 'session', resourceId: sessionId });
    // The hub re-checks this user's sockets: the ones of the ended session close at once.
    await publishEvent(tx, { type: EVENT_TYPES.userChanged, permission: null, userId: principal.userId });
  });
  ctx.credentialCache.clear();
}

export async function me(ctx: AppContext, principal: Principal): Promise<Me> {
  const found = await authRepo.findUserWithRoles(ctx.db, principal.userId);
  if (!found) throw new AppError('unauthenticated');
  const result = meOf(accountOf(found.user, found.roles), await clinicLanguage(ctx));
  // A token carries fewer permissions than its owner may have: report what this request can do.
  return principal.via === 'token' ? { ...result, permissions: principal.permissions } : result;
}

async function hashNewPassword(user: UserRow, newPassword: string, field: string): Promise<string> {
  const problem = passwordProblem(newPassword, { email: user.email, name: user.name });
  if (problem) throw fieldError(field, problem);
  return hashPassword(newPassword);
}

export async function changePassword(
  ctx: AppContext,
  actor: ActorContext,
  principal: Principal,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await findUserById(ctx.db, principal.userId);
  if (!user) throw new AppError('unauthenticated');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw fieldError('body.currentPassword', 'is not your current password');
  }
  if (input.newPassword === input.currentPassword)
    throw fieldError('body.newPassword', 'must differ from the current password');
  const passwordHash = await hashNewPassword(user, input.newPassword, 'body.newPassword');
  await ctx.db.transaction(async (tx) => {
    // A reset link sent earlier would otherwise undo the change. First, before the user row is locked: a
    // link being used holds the links, then the user row, in that order.
    await endResetLinks(tx, user.id);
    await updateUser(tx, user.id, { passwordHash, passwordChangedAt: new Date() });
    // Other sessions end: whoever knew the old password is signed out everywhere else.
    await authRepo.revokeUserSessions(tx, user.id, principal.sessionId ?? undefined);
    await writeAudit(tx, actor, {
      action: 'auth.password.change',
      resourceType: 'user',
      resourceId: user.id,
    });
  });
  ctx.credentialCache.clear();
}

export async function requestPasswordReset(
  ctx: AppContext,
  actor: ActorContext,
  email: string,
): Promise<void> {
  const user = await findUserByEmail(ctx.db, email);
  await ctx.db.transaction(async (tx) => {
    if (user?.active) await issuePasswordReset(ctx, tx, user, 'reset');
    await writeAudit(
      tx,
      { ...actor, actorId: user?.id ?? null, actorEmail: email },
      {
        action: 'auth.password-reset.request',
        resourceType: 'user',
        resourceId: user?.id ?? null,
        outcome: user?.active ? 'success' : 'failed',
      },
    );
  });
}

export async function confirmPasswordReset(
  ctx: AppContext,
  actor: ActorContext,
  input: { token: string; newPassword: string },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const tokenHash = hashToken(input.token);
    // The account's links are held first: two of its links used at once queue instead of deadlocking.
    const owner = await authRepo.resetTokenOwner(tx, tokenHash);
    if (owner) await authRepo.lockResetLinksOf(tx, owner);
    const userId = owner && (await authRepo.consumeResetToken(tx, tokenHash));
    if (!userId) throw fieldError('body.token', 'is invalid, expired or already used; ask for a new link');
    const user = await findUserById(tx, userId);
    if (!user?.active) throw fieldError('body.token', 'belongs to an account that is not active');
    const passwordHash = await hashNewPassword(user, input.newPassword, 'body.newPassword');
    await updateUser(tx, user.id, {
      passwordHash,
      passwordChangedAt: new Date(),
      failedLogins: 0,
      lockedUntil: null,
    });
    await authRepo.revokeUserSessions(tx, user.id);
    // Using one link ends every other one sent to the account.
    await authRepo.expireResetTokens(tx, user.id);
    await writeAudit(
      tx,
      { ...actor, actorId: user.id, actorEmail: user.email },
      {
        action: 'auth.password-reset.confirm',
        resourceType: 'user',
        resourceId: user.id,
      },
    );
  });
  ctx.credentialCache.clear();
}

function toApiToken(row: authRepo.ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    permissions: row.permissions,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function listTokens(ctx: AppContext, principal: Principal): Promise<ApiToken[]> {
  return (await authRepo.listApiTokens(ctx.db, principal.userId)).map(toApiToken);
}

export async function createToken(
  ctx: AppContext,
  actor: ActorContext,
  principal: Principal,
  input: z.infer<typeof CreateApiTokenSchema>,
): Promise<ApiToken & { token: string }> {
  const requested: Permission[] = input.permissions ?? principal.permissions;
  const extra = requested.filter((p) => !principal.permissions.includes(p));
  if (extra.length) throw fieldError('body.permissions', `you do not hold: ${extra.join(', ')}`);
  if (input.expiresAt && new Date(input.expiresAt) <= new Date())
    throw fieldError('body.expiresAt', 'must be in the future');
  const token = newToken(API_TOKEN_PREFIX, 32);
  return ctx.db.transaction(async (tx) => {
    const row = await authRepo.insertApiToken(tx, {
      userId: principal.userId,
      name: input.name,
      tokenHash: hashToken(token),
      permissions: tokenPermissions(principal.permissions, requested),
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
    });
    await writeAudit(tx, actor, {
      action: 'auth.token.create',
      resourceType: 'api_token',
      resourceId: row.id,
      details: { name: row.name, permissions: row.permissions },
    });
    return { ...toApiToken(row), token };
  });
}

export async function revokeToken(
  ctx: AppContext,
  actor: ActorContext,
  principal: Principal,
  id: string,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    if (!(await authRepo.revokeApiToken(tx, principal.userId, id)))
      throw new AppError('not_found', `token ${id} not found`);
    await writeAudit(tx, actor, { action: 'auth.token.revoke', resourceType: 'api_token', resourceId: id });
    await publishEvent(tx, { type: EVENT_TYPES.userChanged, permission: null, userId: principal.userId });
  });
  ctx.credentialCache.clear();
}
