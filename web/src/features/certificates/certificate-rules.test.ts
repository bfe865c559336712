import { PERMISSIONS } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import {
  certificateActions,
  checkCertificateDraft,
  displayVerificationCode,
  formatCalendarDate,
  inclusiveDays,
  isIsoDate,
  todayIn,
} from './certificate-rules.ts';

describe('inclusiveDays', () => {
  it('counts the first and the last day of rest', () => {
    expect(inclusiveDays('2026-03-12', '2026-03-12')).toBe(1);
    expect(inclusiveDays('2026-03-12', '2026-03-14')).toBe(3);
    expect(inclusiveDays('2026-02-27', '2026-03-02')).toBe(4);
    expect(inclusiveDays('2028-02-28', '2028-03-01')).toBe(3);
    expect(inclusiveDays('2025-12-30', '2026-01-02')).toBe(4);
  });

  it('is not thrown off by daylight saving changes', () => {
    expect(inclusiveDays('2026-03-07', '2026-03-09')).toBe(3);
    expect(inclusiveDays('2026-10-24', '2026-10-26')).toBe(3);
  });

  it('is null without two dates in order', () => {
    expect(inclusiveDays('2026-03-14', '2026-03-12')).toBeNull();
    expect(inclusiveDays('2026-03-12', null)).toBeNull();
    expect(inclusiveDays('', '2026-03-12')).toBeNull();
    expect(inclusiveDays('2026-02-30', '2026-03-02')).toBeNull();
  });
});

describe('dates', () => {
  it('knows real calendar dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-3-1')).toBe(false);
  });

  it("takes today from the clinic's calendar", () => {
    const instant = new Date('2026-03-12T03:30:00Z');
    expect(todayIn('UTC', instant)).toBe('2026-03-12');
    expect(todayIn('America/Mexico_City', instant)).toBe('2026-03-11');
    expect(todayIn('Asia/Tokyo', new Date('2026-03-11T20:00:00Z'))).toBe('2026-03-12');
  });

  it('shows a calendar date on the same day whatever the zone', () => {
    const ctx = { language: 'en', timeZone: 'Pacific/Honolulu', dateFormat: 'locale' as const };
    expect(formatCalendarDate('2026-03-12', ctx)).toBe('Mar 12, 2026');
    expect(formatCalendarDate('2026-03-12', { ...ctx, language: 'es' })).toBe('12 mar 2026');
    expect(formatCalendarDate('2026-03-12', { ...ctx, dateFormat: 'dmy' })).toBe('12/03/2026');
    expect(formatCalendarDate('2026-03-12', { ...ctx, dateFormat: 'iso' })).toBe('2026-03-12');
  });
});

describe('checkCertificateDraft', () => {
  const base = { type: 'fit_to_work' as const, title: '', findings: 'Fit.', validFrom: '', validTo: '' };

  it('accepts a plain certificate', () => {
    expect(checkCertificateDraft(base)).toEqual({});
  });

  it('asks for what each type needs', () => {
    expect(checkCertificateDraft({ ...base, type: null, findings: ' ' })).toEqual({
      type: 'required',
      findings: 'required',
    });
    expect(checkCertificateDraft({ ...base, type: 'custom' })).toEqual({ title: 'titleRequired' });
    expect(checkCertificateDraft({ ...base, type: 'sick_leave' })).toEqual({
      validFrom: 'fromRequired',
      validTo: 'toRequired',
    });
  });

  it('checks the dates', () => {
    expect(checkCertificateDraft({ ...base, validFrom: '2026-03-12', validTo: '2026-03-11' })).toEqual({
      validTo: 'toBeforeFrom',
    });
    expect(checkCertificateDraft({ ...base, validFrom: '2026-13-01' })).toEqual({ validFrom: 'invalidDate' });
    expect(
      checkCertificateDraft({ ...base, type: 'sick_leave', validFrom: '2026-01-01', validTo: '2027-01-01' }),
    ).toEqual({ validTo: 'tooLong' });
    expect(
      checkCertificateDraft({ ...base, type: 'sick_leave', validFrom: '2026-01-01', validTo: '2026-12-31' }),
    ).toEqual({});
  });
});

describe('certificateActions', () => {
  const nurse = ['certificates:read', 'certificates:draft'] as const;
  const doctor = ['certificates:read', 'certificates:draft', 'certificates:approve'] as const;

  it('lets drafters edit and submit, and doctors approve or reject', () => {
    expect(certificateActions('draft', nurse)).toEqual(['edit', 'submit']);
    expect(certificateActions('submitted', nurse)).toEqual([]);
    expect(certificateActions('submitted', doctor)).toEqual(['approve', 'reject']);
    expect(certificateActions('rejected', nurse)).toEqual(['resubmit']);
    expect(certificateActions('approved', nurse)).toEqual(['download']);
    expect(certificateActions('issued', ['portal:self'])).toEqual(['download']);
    expect(certificateActions('revoked', PERMISSIONS)).toEqual([]);
    expect(certificateActions('draft', ['certificates:read'])).toEqual([]);
  });
});

describe('displayVerificationCode', () => {
  it('groups the code for reading, whether or not it came grouped', () => {
    expect(displayVerificationCode('48QK1BT4NZ')).toBe('48QK-1BT4-NZ');
    expect(displayVerificationCode('48QK-1BT4-NZ')).toBe('48QK-1BT4-NZ');
    expect(displayVerificationCode('not a code')).toBe('not a code');
  });
});
