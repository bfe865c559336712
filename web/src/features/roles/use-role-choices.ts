import { BUILT_IN_ROLES } from '@carebase/contracts';
import { useMemo } from 'react';
import { useRoleLabel } from '../../components/role-badges.tsx';
import { hasPermission } from '../../lib/permissions.ts';
import { useCurrentUser } from '../auth/auth.queries.ts';
import { useRoles } from './roles.queries.ts';

/**
 * Roles to pick from and the clinic's names for them. Users who may not read roles get the built-in ones
 * (named by translation); custom roles then show by key.
 */
export function useRoleChoices() {
  const me = useCurrentUser();
  const roleLabel = useRoleLabel();
  const roles = useRoles({ enabled: hasPermission(me, 'roles:read') });
  const names = useMemo(
    () => new Map((roles.data ?? []).map((role) => [role.key, role.name] as const)),
    [roles.data],
  );
  const options = useMemo(() => {
    const keys = roles.data ? roles.data.map((role) => role.key) : [...BUILT_IN_ROLES];
    return keys.map((key) => ({ value: key, label: roleLabel(key, names) }));
  }, [roles.data, names, roleLabel]);
  return { names, options };
}
