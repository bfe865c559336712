import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { roles, userRoles, users } from '../../modules/users/users.schema.ts';
import type { RoleGrant } from '../access/permissions.ts';
import type { Executor } from '../db/database.ts';
import { apiTokens, passwordResetTokens, sessions } from './auth.schema.ts';

export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function insertSession(db: Executor, row: typeof sessions.$inferInsert): Promise<SessionRow> {
  const [created] = await db.insert(sessions).values(row).returning();
  return created!;
}

export type UserWithRoles = { user: typeof users.$inferSelect; roles: RoleGrant[] };
export type FoundSession = UserWithRoles & { session: SessionRow };
export type FoundApiToken = UserWithRoles & { token: ApiTokenRow };

/** The user's roles as one JSON column, so a credential and its account come back in one round trip. */
const rolesOfUser = sql<RoleGrant[]>`coalesce((
  select json_agg(json_build_object('key', r.key, 'permissions', r.permissions, 'mfaRequired', r.mfa_required)
                  order by r.key)
  from ${userRoles} ur join ${roles} r on r.key = ur.role_key
  where ur.user_id = ${users.id}), '[]'::json)`;

/** A user and their roles in one query (the same roles column authentication reads). */
export async function findUserWithRoles(db: Executor, userId: string): Promise<UserWithRoles | undefined> {
  const [row] = await lookups(db).user.execute({ id: userId });
  return row;
}

function userLookup(db: Executor) {
  return db
    .select({ user: users, roles: rolesOfUser })
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .prepare('auth_user');
}

function sessionLookup(db: Executor) {
  return db
    .select({ session: sessions, user: users, roles: rolesOfUser })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('hash')), isNull(sessions.revokedAt)))
    .prepare('auth_session');
}

function tokenLookup(db: Executor) {
  return db
    .select({ token: apiTokens, user: users, roles: rolesOfUser })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, sql.placeholder('hash')))
    .prepare('auth_api_token');
}

// Authentication runs on every request: its lookups are built once per database and prepared.
const prepared = new WeakMap<
  Executor,
  {
    session: ReturnType<typeof sessionLookup>;
    token: ReturnType<typeof tokenLookup>;
    user: ReturnType<typeof userLookup>;
  }
>();
function lookups(db: Executor) {
  let found = prepared.get(db);
  if (!found) {
    found = { session: sessionLookup(db), token: tokenLookup(db), user: userLookup(db) };
    prepared.set(db, found);
  }
  return found;
}

/** The live session, its user and the user's roles, in one round trip. */
export async function findLiveSessionByHash(
  db: Executor,
  tokenHash: string,
): Promise<FoundSession | undefined> {
  const [row] = await lookups(db).session.execute({ hash: tokenHash });
  return row;
}

export async function touchSession(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function revokeSession(db: Executor, id: string): Promise<void> {
  await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, id));
}

/** Ends every live session of a user, except `keep` (the one changing its own password). */
export async function revokeUserSessions(db: Executor, userId: string, keep?: string): Promise<string[]> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.id, keep) : undefined),
    )
    .returning({ id: sessions.id });
  return rows.map((r) => r.id);
}

export async function insertApiToken(db: Executor, row: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [created] = await db.insert(apiTokens).values(row).returning();
  return created!;
}

export async function findApiTokenByHash(
  db: Executor,
  tokenHash: string,
): Promise<FoundApiToken | undefined> {
  const [row] = await lookups(db).token.execute({ hash: tokenHash });
  return row;
}

export function listApiTokens(db: Executor, userId: string): Promise<ApiTokenRow[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

export async function touchApiToken(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

export async function insertResetToken(
  db: Executor,
  row: typeof passwordResetTokens.$inferInsert,
): Promise<void> {
  await db.insert(passwordResetTokens).values(row);
}

/**
 * Holds one account's reset links until the transaction ends: issuing, using and invalidating them queue
 * behind each other (taken before any link row is touched, so two links used at once cannot deadlock).
 */
export async function lockResetLinksOf(tx: Executor, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`password-reset:${userId}`}, 0))`);
}

/** The account a reset token was issued to, whatever its state. */
export async function resetTokenOwner(db: Executor, tokenHash: string): Promise<string | undefined> {
  const [row] = await db
    .select({ userId: passwordResetTokens.userId })
    .from(passwordResetTokens)
    .where(eq(passwordResetTokens.tokenHash, tokenHash));
  return row?.userId;
}

/** Ends every outstanding (unused, unexpired) reset link of the account: they expire now. */
export async function expireResetTokens(db: Executor, userId: string): Promise<number> {
  const now = new Date();
  const rows = await db
    .update(passwordResetTokens)
    .set({ expiresAt: now })
    .where(
      and(
        eq(passwordResetTokens.userId, userId),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, now),
      ),
    )
    .returning({ id: passwordResetTokens.id });
  return rows.length;
}

/** Ends every API token of the account for good (revoked, not paused: reactivating the account does not revive them). */
export async function revokeUserApiTokens(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.map((r) => r.id);
}

/** Marks the token used and returns its user, only if it was unused and unexpired: single use by construction. */
export async function consumeResetToken(db: Executor, tokenHash: string): Promise<string | undefined> {
  const rows = await db
    .update(passwordResetTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(passwordResetTokens.tokenHash, tokenHash),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, new Date()),
      ),
    )
    .returning({ userId: passwordResetTokens.userId });
  return rows[0]?.userId;
}

export async function markSessionMfaVerified(db: Executor, id: string): Promise<void> {
  await db.update(sessions).set({ mfaVerified: true }).where(eq(sessions.id, id));
}
