import type { Permission } from '@carebase/contracts';
import { count, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { roles, userRoles } from '../users/users.schema.ts';

export type RoleRow = typeof roles.$inferSelect;

export function listRoles(db: Executor) {
  return db
    .select({
      key: roles.key,
      name: roles.name,
      description: roles.description,
      builtIn: roles.builtIn,
      mfaRequired: roles.mfaRequired,
      permissions: roles.permissions,
      userCount: sql<number>`(select count(*)::int from ${userRoles} where ${userRoles.roleKey} = ${roles.key})`,
    })
    .from(roles)
    .orderBy(roles.builtIn, roles.name);
}

export async function findRole(db: Executor, key: string): Promise<RoleRow | undefined> {
  const [row] = await db.select().from(roles).where(eq(roles.key, key));
  return row;
}

export function findRoles(db: Executor, keys: string[]): Promise<RoleRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return db.select().from(roles).where(inArray(roles.key, keys));
}

export async function insertRole(db: Executor, row: typeof roles.$inferInsert): Promise<void> {
  await db.insert(roles).values(row);
}

export async function updateRole(
  db: Executor,
  key: string,
  patch: Partial<{ name: string; description: string; mfaRequired: boolean; permissions: Permission[] }>,
): Promise<void> {
  await db.update(roles).set(patch).where(eq(roles.key, key));
}

export async function deleteRole(db: Executor, key: string): Promise<void> {
  await db.delete(roles).where(eq(roles.key, key));
}

export async function countRoleUsers(db: Executor, key: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(userRoles).where(eq(userRoles.roleKey, key));
  return row?.n ?? 0;
}

/** Built-in roles are created, and their permissions brought up to date, at every start. */
export async function upsertBuiltInRole(
  db: Executor,
  row: { key: string; name: string; permissions: Permission[]; mfaRequired: boolean },
): Promise<void> {
  await db
    .insert(roles)
    .values({ ...row, builtIn: true })
    .onConflictDoUpdate({ target: roles.key, set: { permissions: row.permissions, builtIn: true } });
}
