import { isPermission, type Permission } from '@carebase/contracts';

export type RoleGrant = { key: string; permissions: readonly string[]; mfaRequired: boolean };

/** The union of the roles' permissions (unknown names, from an older version, are dropped). */
export function resolvePermissions(roles: readonly RoleGrant[]): Permission[] {
  const set = new Set<Permission>();
  for (const role of roles) for (const p of role.permissions) if (isPermission(p)) set.add(p);
  return [...set].sort();
}

export function mfaRequiredFor(roles: readonly RoleGrant[]): boolean {
  return roles.some((r) => r.mfaRequired);
}

/** An API token may carry the permissions its owner has now and that it was granted, never more. */
export function tokenPermissions(owner: readonly Permission[], granted: readonly Permission[]): Permission[] {
  const own = new Set(owner);
  return granted.filter((p) => own.has(p));
}
