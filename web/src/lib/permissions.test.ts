import { PERMISSIONS } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { groupPermissions, hasPermission, permissionLabelKey, permissionResource } from './permissions.ts';

describe('permissions helpers', () => {
  it('groups permissions by resource, keeping every one exactly once', () => {
    const groups = groupPermissions();
    expect(groups[0]).toEqual({ resource: 'users', permissions: ['users:read', 'users:write'] });
    expect(groups.flatMap((group) => group.permissions).sort()).toEqual([...PERMISSIONS].sort());
    expect(new Set(groups.map((group) => group.resource)).size).toBe(groups.length);
  });

  it('names resources and label keys', () => {
    expect(permissionResource('tokens:create')).toBe('tokens');
    expect(permissionLabelKey('settings:write')).toBe('permissions.settings.write');
  });

  it('checks a user permission', () => {
    expect(hasPermission({ permissions: ['audit:read'] }, 'audit:read')).toBe(true);
    expect(hasPermission({ permissions: ['audit:read'] }, 'jobs:read')).toBe(false);
    expect(hasPermission(null, 'audit:read')).toBe(false);
  });
});
