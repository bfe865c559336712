import { BUILT_IN_ROLE_PERMISSIONS, type BuiltInRole, type Permission } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { homeCardsFor } from './home-cards.tsx';

const as = (roles: string[], permissions?: readonly Permission[]) => ({
  roles,
  permissions: [
    ...(permissions ??
      roles.flatMap((r) => BUILT_IN_ROLE_PERMISSIONS[r as BuiltInRole] ?? ([] as readonly Permission[]))),
  ],
});
const keys = (roles: string[], permissions?: readonly Permission[]) =>
  homeCardsFor(as(roles, permissions)).map((c) => c.key);

describe('home cards', () => {
  it("shape each built-in role's home around its day", () => {
    expect(keys(['doctor'])).toEqual([
      'my-queue',
      'my-day',
      'unsigned-notes',
      'approvals',
      'recent-documents',
      'my-earnings',
    ]);
    expect(keys(['dentist'])).toEqual([
      'my-queue',
      'my-day',
      'unsigned-notes',
      'recent-documents',
      'my-earnings',
    ]);
    expect(keys(['nurse'])).toEqual(['triage', 'waiting-room', 'certificate-drafts', 'front-desk-day']);
    expect(keys(['receptionist'])).toEqual([
      'waiting-room',
      'certificate-drafts',
      'front-desk-day',
      'unpaid-invoices',
      'revenue-today',
    ]);
    expect(keys(['cashier'])).toEqual(['unpaid-invoices', 'revenue-today']);
    expect(keys(['accountant'])).toEqual(['unpaid-invoices', 'revenue-today']);
    expect(keys(['admin'])).toEqual([
      'setup-checklist',
      'system-health',
      'unpaid-invoices',
      'revenue-today',
      'denied-attempts',
      'awaiting-setup',
    ]);
    expect(keys(['patient'])).toEqual(['upcoming-visits', 'my-record']);
    expect(keys(['pharmacist'])).toEqual([]);
  });

  it('add up for someone with several roles, once each, in page order', () => {
    expect(keys(['admin', 'doctor'])).toEqual([
      'setup-checklist',
      'system-health',
      'my-queue',
      'my-day',
      'unsigned-notes',
      'approvals',
      'recent-documents',
      'my-earnings',
      'unpaid-invoices',
      'revenue-today',
      'denied-attempts',
      'awaiting-setup',
    ]);
  });

  it('follow what custom roles allow', () => {
    expect(keys(['triage-desk'], ['queue:read', 'queue:write', 'chart:write', 'appointments:read'])).toEqual([
      'triage',
      'waiting-room',
      'front-desk-day',
    ]);
    expect(keys(['caller'], ['queue:read', 'queue:call'])).toEqual(['my-queue']);
    expect(keys(['earner'], ['queue:call', 'earnings:self'])).toEqual(['my-queue', 'my-earnings']);
    expect(keys(['radiologist'])).not.toContain('my-earnings');
    expect(keys(['till'], ['billing:read', 'invoices:write'])).toEqual(['unpaid-invoices', 'revenue-today']);
  });
});
