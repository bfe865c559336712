import { describe, expect, it } from 'vitest';
import { mfaRequiredFor, resolvePermissions, tokenPermissions } from './permissions.ts';

describe('resolvePermissions', () => {
  it('is the sorted union of the roles permissions, without duplicates', () => {
    const roles = [
      { key: 'a', permissions: ['users:read', 'audit:read'], mfaRequired: false },
      { key: 'b', permissions: ['users:read', 'roles:read'], mfaRequired: false },
    ];
    expect(resolvePermissions(roles)).toEqual(['audit:read', 'roles:read', 'users:read']);
  });

  it('drops names that are not permissions (from an older version)', () => {
    const roles = [{ key: 'old', permissions: ['users:read', 'patients:teleport', ''], mfaRequired: false }];
    expect(resolvePermissions(roles)).toEqual(['users:read']);
  });

  it('is empty without roles', () => {
    expect(resolvePermissions([])).toEqual([]);
  });
});

describe('mfaRequiredFor', () => {
  it('is true when any role requires MFA', () => {
    expect(mfaRequiredFor([{ key: 'a', permissions: [], mfaRequired: false }])).toBe(false);
    expect(
      mfaRequiredFor([
        { key: 'a', permissions: [], mfaRequired: false },
        { key: 'b', permissions: [], mfaRequired: true },
      ]),
    ).toBe(true);
  });
});

describe('tokenPermissions', () => {
  it('is what the token was granted and its owner still holds', () => {
    expect(tokenPermissions(['users:read', 'audit:read'], ['audit:read', 'users:write'])).toEqual([
      'audit:read',
    ]);
    expect(tokenPermissions([], ['audit:read'])).toEqual([]);
    expect(tokenPermissions(['audit:read'], [])).toEqual([]);
  });
});
