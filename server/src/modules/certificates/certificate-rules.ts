import { randomBytes } from 'node:crypto';
import {
  type CertificateStatus,
  type CertificateType,
  VERIFICATION_ALPHABET,
  VERIFICATION_CODE_LENGTH,
} from '@carebase/contracts';
import { fieldError } from '../../platform/errors.ts';

export type CertificateFields = {
  type: CertificateType;
  title: string | null;
  validFrom: string | null;
  validTo: string | null;
};

const DAY_MS = 86_400_000;

/** Days from the first to the last date, both included. */
export function inclusiveDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Longest sick leave one certificate may grant; longer leave is certified in parts. */
export const MAX_LEAVE_DAYS = 365;

/** The rules that depend on the type; throws a 400 naming the body field. */
export function checkCertificateFields(f: CertificateFields): void {
  if (f.type === 'custom' && !f.title) throw fieldError('body.title', 'is required for a custom certificate');
  if (f.type === 'sick_leave') {
    if (!f.validFrom)
      throw fieldError('body.validFrom', 'is required for sick leave (the first day of rest)');
    if (!f.validTo) throw fieldError('body.validTo', 'is required for sick leave (the last day of rest)');
  }
  if (f.validFrom && f.validTo) {
    if (f.validTo < f.validFrom) throw fieldError('body.validTo', 'must not be before validFrom');
    if (f.type === 'sick_leave' && inclusiveDays(f.validFrom, f.validTo) > MAX_LEAVE_DAYS) {
      throw fieldError('body.validTo', `gives more than ${MAX_LEAVE_DAYS} days of leave`);
    }
  }
}

export function restDaysOf(f: Pick<CertificateFields, 'type' | 'validFrom' | 'validTo'>): number | null {
  return f.type === 'sick_leave' && f.validFrom && f.validTo ? inclusiveDays(f.validFrom, f.validTo) : null;
}

/** Which statuses each action starts from. */
export const ALLOWED_FROM = {
  edit: ['draft', 'rejected'],
  submit: ['draft'],
  approve: ['submitted'],
  reject: ['submitted'],
  revoke: ['approved', 'issued'],
  print: ['approved', 'issued'],
} as const satisfies Record<string, readonly CertificateStatus[]>;

export type CertificateAction = keyof typeof ALLOWED_FROM;

export function canDo(action: CertificateAction, status: CertificateStatus): boolean {
  return (ALLOWED_FROM[action] as readonly CertificateStatus[]).includes(status);
}

/** 50 random bits in Crockford base32: unguessable at the verify page's rate limit, short enough to type. */
export function newVerificationCode(): string {
  const bytes = randomBytes(VERIFICATION_CODE_LENGTH);
  // 256 is a multiple of 32, so taking 5 bits of each byte is unbiased.
  return [...bytes].map((b) => VERIFICATION_ALPHABET[b & 31]).join('');
}

export function certificateNumber(year: number, n: number): string {
  return `CERT-${year}-${String(n).padStart(6, '0')}`;
}

/** Name particles that are not initialled ("María de la Cruz" → "M. C."). */
const PARTICLES = new Set([
  'de',
  'del',
  'la',
  'las',
  'los',
  'y',
  'e',
  'da',
  'das',
  'do',
  'dos',
  'van',
  'von',
  'der',
  'di',
  'du',
  'le',
]);

/** "John David Smith" → "J. D. S.": what the public verify page may show of a patient. */
export function initialsOf(name: {
  givenName: string;
  middleName: string | null;
  familyName: string;
}): string {
  const words = [name.givenName, name.middleName ?? '', name.familyName]
    .join(' ')
    .split(/[\s-]+/)
    .filter((w) => w && !PARTICLES.has(w.toLowerCase()));
  return words
    .map((w) => {
      const letter = [...w].find((ch) => /\p{L}/u.test(ch));
      return letter ? `${letter.toLocaleUpperCase()}.` : '';
    })
    .filter(Boolean)
    .join(' ');
}
