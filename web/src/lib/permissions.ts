import { type Me, PERMISSIONS, type Permission } from '@carebase/contracts';

export function hasPermission(
  me: Pick<Me, 'permissions'> | null | undefined,
  permission: Permission,
): boolean {
  return !!me && me.permissions.includes(permission);
}

/** `users:read` → `users`. */
export type PermissionResource = Permission extends `${infer R}:${string}` ? R : never;

export function permissionResource(permission: Permission): PermissionResource {
  return permission.slice(0, permission.indexOf(':')) as PermissionResource;
}

export interface PermissionGroup {
  resource: PermissionResource;
  permissions: Permission[];
}

/** Permissions grouped by resource, in the order of PERMISSIONS. */
export function groupPermissions(permissions: readonly Permission[] = PERMISSIONS): PermissionGroup[] {
  const groups: PermissionGroup[] = [];
  for (const permission of permissions) {
    const resource = permissionResource(permission);
    let group = groups.find((g) => g.resource === resource);
    if (!group) {
      group = { resource, permissions: [] };
      groups.push(group);
    }
    group.permissions.push(permission);
  }
  return groups;
}

/** The translation key of a permission's label: `users:read` → `permissions.users.read`. */
export type PermissionLabelKey = Permission extends infer P
  ? P extends `${infer R}:${infer A}`
    ? `permissions.${R}.${A}`
    : never
  : never;

export function permissionLabelKey(permission: Permission): PermissionLabelKey {
  return `permissions.${permission.replace(':', '.')}` as PermissionLabelKey;
}
