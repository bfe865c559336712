import type { UserSettings } from '@carebase/contracts';
import { and, asc, count, desc, eq, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { userRoles, users } from './users.schema.ts';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row;
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function roleKeysOf(db: Executor, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = await db.select().from(userRoles).where(inArray(userRoles.userId, userIds));
  for (const r of rows) map.get(r.userId)?.push(r.roleKey);
  for (const keys of map.values()) keys.sort();
  return map;
}

const SORT_COLUMNS = {
  name: sql`lower(${users.name})`,
  email: users.email,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
} as const;

export type UserListFilter = {
  q?: string | undefined;
  role?: string | undefined;
  active?: boolean | undefined;
  sort: keyof typeof SORT_COLUMNS;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listUsers(
  db: Executor,
  f: UserListFilter,
): Promise<{ rows: UserRow[]; total: number }> {
  const where: SQL[] = [];
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    where.push(or(ilike(users.name, like), ilike(users.email, like)) as SQL);
  }
  if (f.active !== undefined) where.push(eq(users.active, f.active));
  if (f.role) {
    where.push(
      inArray(
        users.id,
        db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.roleKey, f.role)),
      ),
    );
  }
  const cond = where.length ? and(...where) : undefined;
  const sortCol = SORT_COLUMNS[f.sort];
  const rows = await db
    .select()
    .from(users)
    .where(cond)
    .orderBy(f.order === 'asc' ? asc(sortCol) : desc(sortCol), asc(users.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [totalRow] = await db.select({ n: count() }).from(users).where(cond);
  return { rows, total: totalRow?.n ?? 0 };
}

export async function insertUser(db: Executor, row: typeof users.$inferInsert): Promise<UserRow> {
  const [created] = await db.insert(users).values(row).returning();
  return created!;
}

export async function updateUser(
  db: Executor,
  id: string,
  patch: Partial<typeof users.$inferInsert>,
): Promise<void> {
  await db.update(users).set(patch).where(eq(users.id, id));
}

/** Adds one failed sign-in in a single statement and returns the new count. */
export async function countFailedLogin(db: Executor, id: string): Promise<number> {
  const [row] = await db
    .update(users)
    .set({ failedLogins: sql`${users.failedLogins} + 1` })
    .where(eq(users.id, id))
    .returning({ failedLogins: users.failedLogins });
  return row?.failedLogins ?? 0;
}

/** Records the TOTP time step just used; false when that step or a later one was used already. */
export async function advanceTotpStep(db: Executor, id: string, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, id), lt(users.totpLastStep, step)))
    .returning({ id: users.id });
  return rows.length > 0;
}

/** Uses up a recovery code (by its hash); false when it is not, or no longer, there. */
export async function consumeRecoveryCode(db: Executor, id: string, hash: string): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ recoveryCodes: sql`${users.recoveryCodes} - ${hash}::text` })
    .where(and(eq(users.id, id), sql`${users.recoveryCodes} @> ${JSON.stringify([hash])}::jsonb`))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function setUserRoles(db: Executor, userId: string, roleKeys: string[]): Promise<void> {
  await db.delete(userRoles).where(eq(userRoles.userId, userId));
  if (roleKeys.length) await db.insert(userRoles).values(roleKeys.map((roleKey) => ({ userId, roleKey })));
}

export async function updateUserSettings(
  db: Executor,
  id: string,
  settings: Partial<UserSettings>,
): Promise<void> {
  await db.update(users).set({ settings }).where(eq(users.id, id));
}

export async function countUsers(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}
