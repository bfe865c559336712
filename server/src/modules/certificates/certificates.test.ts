import {
  formatVerificationCode,
  normalizeVerificationCode,
  VERIFICATION_ALPHABET,
} from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import {
  canDo,
  certificateNumber,
  checkCertificateFields,
  inclusiveDays,
  initialsOf,
  newVerificationCode,
  restDaysOf,
} from './certificate-rules.ts';
import { pickLanguage, renderVerifyPage } from './verify-page.ts';

describe('initialsOf', () => {
  it('initials every name, with dots', () => {
    expect(initialsOf({ givenName: 'John', middleName: 'David', familyName: 'Smith' })).toBe('J. D. S.');
    expect(initialsOf({ givenName: 'Ana', middleName: null, familyName: 'López' })).toBe('A. L.');
  });

  it('keeps accents, splits hyphens and skips particles', () => {
    expect(initialsOf({ givenName: 'Ángela', middleName: null, familyName: 'Muñoz Peña' })).toBe('Á. M. P.');
    expect(initialsOf({ givenName: 'Jean-Luc', middleName: null, familyName: 'de la Cruz' })).toBe(
      'J. L. C.',
    );
    expect(initialsOf({ givenName: 'maría', middleName: null, familyName: "O'Brien" })).toBe('M. O.');
  });
});

describe('verification codes', () => {
  it('are 10 characters of Crockford base32, grouped 4-4-2 for print', () => {
    const code = newVerificationCode();
    expect(code).toHaveLength(10);
    for (const ch of code) expect(VERIFICATION_ALPHABET).toContain(ch);
    expect(formatVerificationCode('ABCDEFGHJK')).toBe('ABCD-EFGH-JK');
  });

  it('vary (50 random bits)', () => {
    const codes = new Set(Array.from({ length: 2000 }, newVerificationCode));
    expect(codes.size).toBe(2000);
  });

  it('read loosely typed input, and refuse what cannot be a code', () => {
    expect(normalizeVerificationCode(' abcd-efgh-jk ')).toBe('ABCDEFGHJK');
    expect(normalizeVerificationCode('0O1I-L000-00')).toBe('0011100000');
    expect(normalizeVerificationCode('ABCD-EFGH-J')).toBeNull();
    expect(normalizeVerificationCode('ABCD-EFGH-JU')).toBeNull();
    expect(normalizeVerificationCode('<script>')).toBeNull();
  });
});

describe('certificate rules', () => {
  it('counts rest days with both ends included, across months and leap days', () => {
    expect(inclusiveDays('2026-03-14', '2026-03-18')).toBe(5);
    expect(inclusiveDays('2026-03-14', '2026-03-14')).toBe(1);
    expect(inclusiveDays('2028-02-28', '2028-03-01')).toBe(3);
    expect(restDaysOf({ type: 'sick_leave', validFrom: '2026-01-30', validTo: '2026-02-02' })).toBe(4);
    expect(restDaysOf({ type: 'fit_to_work', validFrom: '2026-01-30', validTo: '2026-02-02' })).toBeNull();
  });

  it('checks the fields that depend on the type', () => {
    const ok = { validFrom: null, validTo: null, title: null };
    expect(() => checkCertificateFields({ ...ok, type: 'custom' })).toThrow(/title/);
    expect(() => checkCertificateFields({ ...ok, type: 'custom', title: 'Vaccination' })).not.toThrow();
    expect(() => checkCertificateFields({ ...ok, type: 'sick_leave' })).toThrow(/validFrom/);
    expect(() =>
      checkCertificateFields({ ...ok, type: 'fit_to_work', validFrom: '2026-02-02', validTo: '2026-02-01' }),
    ).toThrow(/validTo/);
  });

  it('allows each step only from its statuses', () => {
    expect(canDo('edit', 'rejected')).toBe(true);
    expect(canDo('edit', 'submitted')).toBe(false);
    expect(canDo('approve', 'draft')).toBe(false);
    expect(canDo('print', 'issued')).toBe(true);
    expect(canDo('print', 'revoked')).toBe(false);
  });

  it('numbers certificates per year with six digits', () => {
    expect(certificateNumber(2026, 123)).toBe('CERT-2026-000123');
  });
});

describe('the verify page', () => {
  it('picks the language from ?lang=, then Accept-Language by weight, else English', () => {
    expect(pickLanguage('es', 'en')).toBe('es');
    expect(pickLanguage(undefined, 'fr-FR,es;q=0.8,en;q=0.5')).toBe('es');
    expect(pickLanguage(undefined, 'en;q=0.2,es;q=0.9')).toBe('es');
    expect(pickLanguage(undefined, 'es;q=0,en')).toBe('en');
    expect(pickLanguage(undefined, 'de')).toBe('en');
    expect(pickLanguage('xx', undefined)).toBe('en');
  });

  it('escapes what it prints and carries no script', () => {
    const html = renderVerifyPage({ lang: 'en', clinicName: '<b>Clinic</b>', path: '/verify/"x' });
    expect(html).toContain('&#60;b&#62;Clinic');
    expect(html).not.toContain('<b>Clinic');
    expect(html).toContain('/verify/&#34;x');
    expect(html).not.toMatch(/<script/i);
  });
});
