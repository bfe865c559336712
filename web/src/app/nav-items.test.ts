import { describe, expect, it } from 'vitest';
import { isNavItemActive, isNavItemCurrent, visibleNavItems } from './nav-items.ts';

describe('navigation', () => {
  it('shows only what the permissions allow, plus the items for everyone', () => {
    expect(visibleNavItems([]).map((item) => item.id)).toEqual(['home', 'apiReference']);
    expect(visibleNavItems(['users:read', 'jobs:read']).map((item) => item.id)).toEqual([
      'home',
      'users',
      'jobs',
      'apiReference',
    ]);
    expect(visibleNavItems(['users:write']).map((item) => item.id)).toEqual(['home', 'apiReference']);
    expect(visibleNavItems(['portal:self']).map((item) => item.id)).toEqual([
      'home',
      'myRecord',
      'myAppointments',
      'apiReference',
    ]);
  });

  it('shows imaging to those who may read studies', () => {
    expect(visibleNavItems(['imaging:read']).map((item) => item.id)).toEqual([
      'home',
      'imaging',
      'apiReference',
    ]);
  });

  it("marks the patient's own record as current on its chart", () => {
    const myRecord = visibleNavItems(['portal:self']).find((item) => item.id === 'myRecord')!;
    expect(isNavItemCurrent(myRecord, '/my-record')).toBe(true);
    expect(isNavItemCurrent(myRecord, '/patients/3f1c/summary')).toBe(true);
    expect(isNavItemCurrent(myRecord, '/profile')).toBe(false);
  });

  it('marks the current section', () => {
    expect(isNavItemActive('/', '/')).toBe(true);
    expect(isNavItemActive('/', '/users')).toBe(false);
    expect(isNavItemActive('/users', '/users')).toBe(true);
    expect(isNavItemActive('/users', '/users/123')).toBe(true);
    expect(isNavItemActive('/users', '/usersx')).toBe(false);
  });
});
