import { accountOf } from '../../modules/users/users.service.ts';
import { tokenPermissions } from '../access/permissions.ts';
import type { Principal } from '../access/principal.ts';
import type { Db } from '../db/database.ts';
import {
  type FoundApiToken,
  type FoundSession,
  findApiTokenByHash,
  findLiveSessionByHash,
  touchApiToken,
  touchSession,
} from './auth.repository.ts';
import { type CredentialCache, decideThroughCache } from './credential-cache.ts';
import { hashToken } from './secret-token.ts';

export const SESSION_COOKIE = 'carebase_session';
export const API_TOKEN_PREFIX = 'cbt_';

/** Writes of last-seen times are spaced out: one per minute per session is enough for the idle timeout. */
const TOUCH_EVERY_MS = 60_000;

/** `cache` answers most requests from memory; without it every request reads the database. */
export type AuthDeps = { db: Db; sessionIdleMs: number; cache?: CredentialCache | undefined };

/** `touch: false` checks without counting as activity (the events hub re-checks open sockets; that is not use). */
export async function principalFromSession(
  deps: AuthDeps,
  token: string,
  now = new Date(),
  opts: { touch?: boolean } = {},
): Promise<Principal | null> {
  const hash = hashToken(token);
  return decideThroughCache(
    deps.cache?.sessions,
    hash,
    () => findLiveSessionByHash(deps.db, hash),
    (found) => sessionPrincipal(deps, found, now, opts.touch !== false),
  );
}

async function sessionPrincipal(
  deps: AuthDeps,
  found: FoundSession,
  now: Date,
  touch: boolean,
): Promise<Principal | null> {
  const { session } = found;
  if (session.expiresAt <= now) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > deps.sessionIdleMs) return null;
  const account = accountOf(found.user, found.roles);
  if (!account.user.active) return null;
  if (account.user.totpEnabled && !session.mfaVerified) return null;
  if (touch && now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await touchSession(deps.db, session.id, now);
    // The row may be the cached one: it then carries the new time too (touches are not announced).
    session.lastSeenAt = now;
  }
  return {
    userId: account.user.id,
    email: account.user.email,
    name: account.user.name,
    roles: account.roles,
    permissions: account.permissions,
    via: 'session',
    sessionId: session.id,
    tokenId: null,
    mfaEnrollmentRequired: account.mfaRequired && !account.user.totpEnabled,
    passwordChangeRequired: account.passwordChangeRequired,
  };
}

export async function principalFromApiToken(
  deps: AuthDeps,
  token: string,
  now = new Date(),
): Promise<Principal | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const hash = hashToken(token);
  return decideThroughCache(
    deps.cache?.tokens,
    hash,
    () => findApiTokenByHash(deps.db, hash),
    (found) => tokenPrincipal(deps, found, now),
  );
}

async function tokenPrincipal(deps: AuthDeps, found: FoundApiToken, now: Date): Promise<Principal | null> {
  const row = found.token;
  if (row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  const account = accountOf(found.user, found.roles);
  if (!account.user.active) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await touchApiToken(deps.db, row.id, now);
    row.lastUsedAt = now;
  }
  return {
    userId: account.user.id,
    email: account.user.email,
    name: account.user.name,
    roles: account.roles,
    permissions: tokenPermissions(account.permissions, row.permissions),
    via: 'token',
    sessionId: null,
    tokenId: row.id,
    // A token is created from an enrolled session; enrolment is not asked of scripts.
    mfaEnrollmentRequired: false,
    passwordChangeRequired: account.passwordChangeRequired,
  };
}
