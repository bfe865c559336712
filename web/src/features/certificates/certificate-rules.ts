import {
  type Certificate,
  type CertificateStatus,
  type CertificateType,
  formatVerificationCode,
  normalizeVerificationCode,
  type Permission,
} from '@carebase/contracts';
import { type DateContext, zonedParts } from '../../lib/format.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Whether text is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [y, m, d] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Days of rest from the first to the last day, both included; null unless both are dates in order. */
export function inclusiveDays(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to || !isIsoDate(from) || !isIsoDate(to) || to < from) return null;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The longest sick leave one certificate may grant (the server refuses more). */
export const MAX_LEAVE_DAYS = 365;

/** Today's date on the clinic's calendar, `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const p = zonedParts(now, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/**
 * A calendar date (`2026-03-12`, no time and no zone) in the user's format. It is read at noon UTC and shown in
 * UTC, so that no time zone can move it to the day before or after.
 */
export function formatCalendarDate(date: string, ctx: DateContext): string {
  if (!isIsoDate(date)) return date;
  const noon = new Date(`${date}T12:00:00Z`);
  if (ctx.dateFormat === 'locale') {
    return new Intl.DateTimeFormat(ctx.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(noon);
  }
  const [y, m, d] = date.split('-');
  if (ctx.dateFormat === 'dmy') return `${d}/${m}/${y}`;
  if (ctx.dateFormat === 'mdy') return `${m}/${d}/${y}`;
  return date;
}

export interface CertificateDraftFields {
  type: CertificateType | null;
  title: string;
  findings: string;
  validFrom: string;
  validTo: string;
}

export type CertificateFieldProblem =
  | 'required'
  | 'titleRequired'
  | 'fromRequired'
  | 'toRequired'
  | 'invalidDate'
  | 'toBeforeFrom'
  | 'tooLong';

/** The rules the server applies, checked before sending so that the form can say what is missing. */
export function checkCertificateDraft(
  fields: CertificateDraftFields,
): Partial<Record<keyof CertificateDraftFields, CertificateFieldProblem>> {
  const problems: Partial<Record<keyof CertificateDraftFields, CertificateFieldProblem>> = {};
  if (!fields.type) problems.type = 'required';
  if (fields.type === 'custom' && !fields.title.trim()) problems.title = 'titleRequired';
  if (!fields.findings.trim()) problems.findings = 'required';
  const from = fields.validFrom.trim();
  const to = fields.validTo.trim();
  if (from && !isIsoDate(from)) problems.validFrom = 'invalidDate';
  if (to && !isIsoDate(to)) problems.validTo = 'invalidDate';
  if (fields.type === 'sick_leave') {
    if (!from) problems.validFrom = 'fromRequired';
    if (!to) problems.validTo = 'toRequired';
  }
  if (!problems.validFrom && !problems.validTo && from && to) {
    if (to < from) problems.validTo = 'toBeforeFrom';
    else if (fields.type === 'sick_leave' && (inclusiveDays(from, to) ?? 0) > MAX_LEAVE_DAYS) {
      problems.validTo = 'tooLong';
    }
  }
  return problems;
}

export type CertificateAction = 'edit' | 'submit' | 'approve' | 'reject' | 'download' | 'resubmit';

/** The buttons a certificate offers to someone with these permissions, in the order they are shown. */
export function certificateActions(
  status: CertificateStatus,
  permissions: readonly Permission[],
): CertificateAction[] {
  const canDraft = permissions.includes('certificates:draft');
  const canApprove = permissions.includes('certificates:approve');
  switch (status) {
    case 'draft':
      return canDraft ? ['edit', 'submit'] : [];
    case 'submitted':
      return canApprove ? ['approve', 'reject'] : [];
    case 'rejected':
      return canDraft ? ['resubmit'] : [];
    case 'approved':
    case 'issued':
      return ['download'];
    case 'revoked':
      return [];
  }
}

export const STATUS_COLORS: Record<CertificateStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  approved: 'teal',
  issued: 'green',
  rejected: 'red',
  revoked: 'orange',
};

/** Oldest submission first: the doctors' inbox is worked from the front. */
export function byWaitingTime(a: Certificate, b: Certificate): number {
  return (a.submittedAt ?? a.createdAt).localeCompare(b.submittedAt ?? b.createdAt);
}

/** A verification code as people read it, `ABCD-EFGH-JK`, whether the server sent it grouped or not. */
export function displayVerificationCode(code: string): string {
  const normalized = normalizeVerificationCode(code);
  return normalized ? formatVerificationCode(normalized) : code;
}
