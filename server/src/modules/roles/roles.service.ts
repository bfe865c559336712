import {
  BUILT_IN_ROLE_PERMISSIONS,
  BUILT_IN_ROLES,
  type CreateRoleSchema,
  EVENT_TYPES,
  type Role,
  type UpdateRoleSchema,
} from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { type Executor, uniqueViolation } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import * as repo from './roles.repository.ts';

const BUILT_IN_NAMES: Record<(typeof BUILT_IN_ROLES)[number], string> = {
  admin: 'Administrator',
  receptionist: 'Receptionist',
  doctor: 'Doctor',
  nurse: 'Nurse',
  dentist: 'Dentist',
  radiologist: 'Radiologist',
  pharmacist: 'Pharmacist',
  accountant: 'Accountant',
  cashier: 'Cashier',
  patient: 'Patient',
};

/** Creates the built-in roles and brings their permissions up to date with this version. */
export async function ensureBuiltInRoles(db: Executor): Promise<void> {
  for (const key of BUILT_IN_ROLES) {
    await repo.upsertBuiltInRole(db, {
      key,
      name: BUILT_IN_NAMES[key],
      permissions: [...BUILT_IN_ROLE_PERMISSIONS[key]].sort(),
      mfaRequired: key === 'admin',
    });
  }
}

/** Refuses keys that name no role, with the field (`path`) they came in. */
export async function checkRoleKeys(db: Executor, keys: readonly string[], path: string): Promise<void> {
  const found = new Set((await repo.findRoles(db, [...new Set(keys)])).map((r) => r.key));
  const missing = keys.filter((k) => !found.has(k));
  if (missing.length) throw fieldError(path, `unknown role: ${missing.join(', ')}`);
}

export async function listRoles(db: Executor): Promise<Role[]> {
  return repo.listRoles(db);
}

async function getRole(db: Executor, key: string): Promise<Role> {
  const role = (await repo.listRoles(db)).find((r) => r.key === key);
  if (!role) throw new AppError('not_found', `role ${key} not found`);
  return role;
}

export async function createRole(
  ctx: AppContext,
  actor: ActorContext,
  input: z.infer<typeof CreateRoleSchema>,
): Promise<Role> {
  const keyTaken = () => fieldError('body.key', 'is already used by another role');
  return ctx.db
    .transaction(async (tx) => {
      if (await repo.findRole(tx, input.key)) throw keyTaken();
      const permissions = [...new Set(input.permissions)].sort();
      await repo.insertRole(tx, { ...input, permissions, builtIn: false });
      await writeAudit(tx, actor, {
        action: 'role.create',
        resourceType: 'role',
        resourceId: input.key,
        details: { permissions },
      });
      await publishEvent(tx, {
        type: EVENT_TYPES.roleChanged,
        permission: 'roles:read',
        resourceId: input.key,
      });
      return getRole(tx, input.key);
    })
    .catch((err: unknown) => {
      // Another request created the key between our check and our insert: the same answer as the check.
      throw uniqueViolation(err) === 'roles_pkey' ? keyTaken() : err;
    });
}

export async function updateRole(
  ctx: AppContext,
  actor: ActorContext,
  key: string,
  patch: z.infer<typeof UpdateRoleSchema>,
): Promise<Role> {
  const role = await ctx.db.transaction(async (tx) => {
    const before = await getRole(tx, key);
    if (before.builtIn && patch.permissions) {
      throw fieldError('body.permissions', 'of a built-in role are fixed; create a custom role instead');
    }
    const permissions = patch.permissions ? [...new Set(patch.permissions)].sort() : undefined;
    await repo.updateRole(tx, key, { ...patch, ...(permissions ? { permissions } : {}) });
    await writeAudit(tx, actor, {
      action: 'role.update',
      resourceType: 'role',
      resourceId: key,
      details: { before: { ...before, userCount: undefined }, patch },
    });
    await publishEvent(tx, { type: EVENT_TYPES.roleChanged, permission: 'roles:read', resourceId: key });
    return getRole(tx, key);
  });
  ctx.credentialCache.clear();
  return role;
}

export async function deleteRole(ctx: AppContext, actor: ActorContext, key: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const role = await getRole(tx, key);
    if (role.builtIn) throw new AppError('conflict', 'Built-in roles cannot be deleted.');
    if ((await repo.countRoleUsers(tx, key)) > 0)
      throw new AppError('conflict', 'The role is still assigned to users.');
    await repo.deleteRole(tx, key);
    await writeAudit(tx, actor, { action: 'role.delete', resourceType: 'role', resourceId: key });
    await publishEvent(tx, { type: EVENT_TYPES.roleChanged, permission: 'roles:read', resourceId: key });
  });
}
