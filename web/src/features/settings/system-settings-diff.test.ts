import { DEFAULT_SYSTEM_SETTINGS, type SystemSettings } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { diffSystemSettings, EMPTY_SECRETS, isEmptyPatch } from './system-settings-diff.ts';

const base: SystemSettings = structuredClone(DEFAULT_SYSTEM_SETTINGS);

describe('diffSystemSettings', () => {
  it('is empty when nothing changed', () => {
    const patch = diffSystemSettings(base, structuredClone(base));
    expect(patch).toEqual({});
    expect(isEmptyPatch(patch)).toBe(true);
  });

  it('sends only the changed fields, group by group', () => {
    const current = structuredClone(base);
    current.clinicName = 'Clínica Norte';
    current.logoUrl = 'https://example.org/logo.png';
    current.mail.smtpHost = 'smtp.example.org';
    current.mail.smtpPort = 465;
    current.certificates.selfApprovalAllowed = false;
    current.defaultLanguage = 'es';
    expect(diffSystemSettings(base, current)).toEqual({
      clinicName: 'Clínica Norte',
      logoUrl: 'https://example.org/logo.png',
      mail: { smtpHost: 'smtp.example.org', smtpPort: 465 },
      certificates: { selfApprovalAllowed: false },
      defaultLanguage: 'es',
    });
  });

  it('sends the patient record settings when they change', () => {
    const current = { ...structuredClone(base), mrnFormat: 'P{YY}-{SEQ:5}', defaultPhoneRegion: 'MX' };
    expect(diffSystemSettings(base, current)).toEqual({
      mrnFormat: 'P{YY}-{SEQ:5}',
      defaultPhoneRegion: 'MX',
    });
  });

  it('sends null when the logo is removed', () => {
    const before = { ...structuredClone(base), logoUrl: 'https://example.org/a.png' };
    expect(diffSystemSettings(before, { ...before, logoUrl: null })).toEqual({ logoUrl: null });
  });

  it('sets secrets with a string and clears them with null, leaving the rest alone', () => {
    const patch = diffSystemSettings(base, base, {
      ...EMPTY_SECRETS,
      smtpPassword: { value: 's3cret', clear: false },
      smsApiKey: { value: 'ignored', clear: true },
    });
    expect(patch).toEqual({ secrets: { smtpPassword: 's3cret', smsApiKey: null } });
  });
});
