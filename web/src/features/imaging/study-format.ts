/** `20261201` → `2026-12-01`; null for anything that is not a DICOM date (DA). */
export function isoOfDicomDate(value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [, y, m, d] = match;
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${y}-${m}-${d}`;
}

/** `093000.123` → `09:30`; `0930` → `09:30`; '' for anything that is not a DICOM time (TM). */
export function dicomTimeText(value: string): string {
  const match = /^(\d{2})(\d{2})?/.exec(value.trim());
  if (!match) return '';
  return `${match[1]}:${match[2] ?? '00'}`;
}

/**
 * A DICOM person name (`Family^Given^Middle^Prefix^Suffix`) as people write it: `Doe, Jane`. Only the
 * alphabetic group is read; an empty name gives ''.
 */
export function dicomNameText(value: string): string {
  const alphabetic = value.split('=')[0] ?? '';
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = alphabetic
    .split('^')
    .map((part) => part.trim());
  const first = [prefix, given, middle].filter(Boolean).join(' ');
  const last = [family, suffix].filter(Boolean).join(' ');
  if (last && first) return `${last}, ${first}`;
  return last || first;
}

/** The date range of a filter form: the API takes YYYY-MM-DD, and `to` must not be before `from`. */
export function dateRangeProblem(from: string, to: string): 'order' | null {
  return from && to && to < from ? 'order' : null;
}

/**
 * How alike a suggestion is, in words: the archive scores name likeness (0..1) plus a half for the same
 * birth date, so a strong match has both.
 */
export function matchOf(score: number): 'strong' | 'possible' | 'weak' {
  if (score >= 1) return 'strong';
  if (score >= 0.5) return 'possible';
  return 'weak';
}
