import {
  type CreateUserSchema,
  EVENT_TYPES,
  LANGUAGES,
  type Language,
  type Me,
  type Permission,
  type UpdateUserSchema,
  type User,
  type UserListQuerySchema,
  type UserSettings,
} from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { mfaRequiredFor, type RoleGrant, resolvePermissions } from '../../platform/access/permissions.ts';
import type { Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import {
  findUserWithRoles,
  revokeUserApiTokens,
  revokeUserSessions,
} from '../../platform/auth/auth.repository.ts';
import { hashPassword } from '../../platform/auth/password-hash.ts';
import { passwordProblem } from '../../platform/auth/password-policy.ts';
import { endResetLinks, issuePasswordReset } from '../../platform/auth/password-reset.ts';
import { type Executor, uniqueViolation } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { checkRoleKeys } from '../roles/roles.service.ts';
import { userSettingsOf } from '../settings/settings.service.ts';
import * as repo from './users.repository.ts';

export type Account = {
  user: repo.UserRow;
  roles: string[];
  permissions: Permission[];
  mfaRequired: boolean;
  passwordChangeRequired: boolean;
};

/**
 * A password that was given rather than chosen (the first administrator's printed one) is stored without a
 * change date; every password the user sets (change, reset link) dates it.
 */
export function passwordChangeRequired(user: repo.UserRow): boolean {
  return user.passwordHash !== null && user.passwordChangedAt === null;
}

/** A user with roles and effective permissions: what authentication needs on every request. */
export function accountOf(user: repo.UserRow, grants: readonly RoleGrant[]): Account {
  const roles = grants.map((r) => r.key).sort();
  return {
    user,
    roles,
    permissions: resolvePermissions(grants),
    mfaRequired: mfaRequiredFor(grants),
    passwordChangeRequired: passwordChangeRequired(user),
  };
}

export async function loadAccount(db: Executor, user: repo.UserRow): Promise<Account> {
  return accountOf(user, (await findUserWithRoles(db, user.id))?.roles ?? []);
}

/**
 * The user as a caller with no session of their own: the command line and the set-up's sample loader act as
 * them (with their roles' permissions) to reuse the services' checks.
 */
export async function principalOfUser(db: Executor, user: repo.UserRow): Promise<Principal> {
  const account = await loadAccount(db, user);
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    roles: account.roles,
    permissions: account.permissions,
    via: 'session',
    sessionId: null,
    tokenId: null,
    mfaEnrollmentRequired: false,
    passwordChangeRequired: false,
  };
}

/** What /api/auth/me says of an account; `clinic` gives the language of those who have not chosen one. */
export function meOf(account: Account, clinic: Pick<UserSettings, 'language'>): Me {
  return {
    id: account.user.id,
    email: account.user.email,
    name: account.user.name,
    roles: account.roles,
    permissions: account.permissions,
    mfaEnabled: account.user.totpEnabled,
    mfaEnrollmentRequired: account.mfaRequired && !account.user.totpEnabled,
    passwordChangeRequired: account.passwordChangeRequired,
    settings: userSettingsOf(account.user.settings, clinic),
  };
}

function toUser(row: repo.UserRow, roles: string[]): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    licenceNumber: row.licenceNumber,
    roles,
    active: row.active,
    mfaEnabled: row.totpEnabled,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}

export async function storedUserSettings(db: Executor, userId: string): Promise<Partial<UserSettings>> {
  const user = await repo.findUserById(db, userId);
  if (!user) throw new AppError('not_found', 'user not found');
  return user.settings;
}

/** The language a user chose for the app (and their messages); English when none or the user is unknown. */
export async function preferredLanguage(db: Executor, userId: string | null): Promise<Language> {
  if (!userId) return 'en';
  const language = (await storedUserSettings(db, userId).catch(() => ({ language: undefined }))).language;
  return language && (LANGUAGES as readonly string[]).includes(language) ? language : 'en';
}

export function saveUserSettings(db: Executor, userId: string, settings: UserSettings): Promise<void> {
  return repo.updateUserSettings(db, userId, settings);
}

export async function listUsers(ctx: AppContext, q: z.infer<typeof UserListQuerySchema>) {
  const { rows, total } = await repo.listUsers(ctx.db, {
    ...q,
    active: q.active === undefined ? undefined : q.active === 'true',
  });
  const roles = await repo.roleKeysOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => toUser(r, roles.get(r.id) ?? [])),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getUser(db: Executor, id: string): Promise<User> {
  const row = await repo.findUserById(db, id);
  if (!row) throw new AppError('not_found', `user ${id} not found`);
  const roles = await repo.roleKeysOf(db, [id]);
  return toUser(row, roles.get(id) ?? []);
}

const emailTaken = () => fieldError('body.email', 'is already used by another account');

/** Another request took the email between our check and our write: the same answer as the check. */
function emailRace(err: unknown): never {
  throw uniqueViolation(err) === 'users_email_unique' ? emailTaken() : err;
}

export async function createUser(
  ctx: AppContext,
  actor: ActorContext,
  input: z.infer<typeof CreateUserSchema>,
  /**
   * `temporaryPassword`: the password is handed over, and must be changed at the first sign-in.
   * `invite: false`: an account without a password gets no welcome link (the demo clinic's fictional staff).
   */
  opts: { temporaryPassword?: boolean; invite?: boolean } = {},
): Promise<User> {
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password, { email: input.email, name: input.name });
    if (problem) throw fieldError('body.password', problem);
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return ctx.db
    .transaction(async (tx) => {
      if (await repo.findUserByEmail(tx, input.email)) throw emailTaken();
      await checkRoleKeys(tx, input.roles, 'body.roles');
      const row = await repo.insertUser(tx, {
        email: input.email,
        name: input.name,
        licenceNumber: input.licenceNumber ?? null,
        passwordHash,
        passwordChangedAt: passwordHash && !opts.temporaryPassword ? new Date() : null,
      });
      await repo.setUserRoles(tx, row.id, [...new Set(input.roles)]);
      await writeAudit(tx, actor, {
        action: 'user.create',
        resourceType: 'user',
        resourceId: row.id,
        details: { email: row.email, roles: input.roles, passwordSet: passwordHash !== null },
      });
      if (!passwordHash && opts.invite !== false) await issuePasswordReset(ctx, tx, row, 'welcome');
      await publishEvent(tx, { type: EVENT_TYPES.userChanged, permission: 'users:read', resourceId: row.id });
      return getUser(tx, row.id);
    })
    .catch(emailRace);
}

export async function updateUser(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  patch: z.infer<typeof UpdateUserSchema>,
): Promise<User> {
  return ctx.db
    .transaction(async (tx) => {
      const before = await getUser(tx, id);
      if (patch.email && patch.email !== before.email && (await repo.findUserByEmail(tx, patch.email))) {
        throw emailTaken();
      }
      if (actor.actorId === id && patch.active === false)
        throw fieldError('body.active', 'you cannot deactivate your own account');
      if (patch.roles) {
        await checkRoleKeys(tx, patch.roles, 'body.roles');
        if (actor.actorId === id && before.roles.includes('admin') && !patch.roles.includes('admin')) {
          throw fieldError('body.roles', 'you cannot remove the admin role from your own account');
        }
      }
      // Deactivation and reactivation end the account's API tokens and reset links for good: reactivating must
      // not bring them back (and ends any a deactivation made before this rule left behind). The links first,
      // before the user row is locked: a link being used holds the links, then the user row.
      const activeChanges = patch.active === false || (patch.active === true && !before.active);
      if (activeChanges) await endResetLinks(tx, id);
      const { roles, ...columns } = patch;
      if (Object.keys(columns).length) await repo.updateUser(tx, id, columns);
      if (roles) await repo.setUserRoles(tx, id, [...new Set(roles)]);
      if (patch.active === false || roles) {
        // Deactivation ends sessions at once; a role change ends them so no session keeps old rights.
        const ended = await revokeUserSessions(tx, id);
        if (ended.length) {
          await publishEvent(tx, { type: EVENT_TYPES.sessionRevoked, permission: null, userId: id });
        }
      }
      const revokedTokens = activeChanges ? await revokeUserApiTokens(tx, id) : [];
      const after = await getUser(tx, id);
      const changes = Object.fromEntries(
        Object.keys(patch).map((k) => [k, { from: before[k as keyof User], to: after[k as keyof User] }]),
      );
      const action =
        patch.active === false
          ? 'user.deactivate'
          : patch.active === true && !before.active
            ? 'user.reactivate'
            : 'user.update';
      await writeAudit(tx, actor, {
        action,
        resourceType: 'user',
        resourceId: id,
        details: revokedTokens.length ? { changes, revokedTokens } : { changes },
      });
      await publishEvent(tx, { type: EVENT_TYPES.userChanged, permission: 'users:read', resourceId: id });
      return after;
    })
    .catch(emailRace)
    .finally(() => ctx.credentialCache.clear());
}

export async function adminPasswordReset(ctx: AppContext, actor: ActorContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const user = await repo.findUserById(tx, id);
    if (!user) throw new AppError('not_found', `user ${id} not found`);
    if (!user.active) throw new AppError('conflict', 'the account is deactivated; reactivate it first');
    await issuePasswordReset(ctx, tx, user, 'admin');
    await writeAudit(tx, actor, { action: 'user.password-reset.send', resourceType: 'user', resourceId: id });
  });
}
