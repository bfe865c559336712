import type { ReportGrouping } from '@carebase/contracts';

export const PERIOD_PRESETS = ['thisMonth', 'lastMonth', 'last90Days', 'thisYear', 'last12Months'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
};

/** The days a preset covers, ending today (a YYYY-MM-DD in the clinic's zone), and the grouping that suits it. */
export function presetPeriod(
  preset: PeriodPreset,
  today: string,
): { from: string; to: string; groupBy: ReportGrouping } {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  switch (preset) {
    case 'thisMonth':
      return { from: iso(y, m, 1), to: today, groupBy: 'day' };
    case 'lastMonth':
      return { from: iso(y, m - 1, 1), to: iso(y, m, 0), groupBy: 'day' };
    case 'last90Days':
      return { from: iso(y, m, d - 89), to: today, groupBy: 'week' };
    case 'thisYear':
      return { from: iso(y, 1, 1), to: today, groupBy: 'month' };
    case 'last12Months':
      return { from: iso(y - 1, m + 1, 1), to: today, groupBy: 'month' };
  }
}

/** Today in a time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}
