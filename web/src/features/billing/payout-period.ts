/** A period of clinic days, both ends included, as the payouts API takes it. */
export type Period = { from: string; to: string };

export const PERIOD_PRESETS = ['thisMonth', 'lastMonth', 'thisYear', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

function lastDayOfMonth(year: number, month: number): string {
  return String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0');
}

/** The period a preset stands for, given today's date in the clinic (YYYY-MM-DD). */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: string): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const pad = (n: number) => String(n).padStart(2, '0');
  if (preset === 'thisYear') return { from: `${year}-01-01`, to: `${year}-12-31` };
  const [y, m] = preset === 'thisMonth' ? [year, month] : month === 1 ? [year - 1, 12] : [year, month - 1];
  return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${lastDayOfMonth(y, m)}` };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when both ends are dates and the period does not end before it starts. */
export function isValidPeriod(p: { from: string; to: string }): p is Period {
  return ISO_DATE.test(p.from) && ISO_DATE.test(p.to) && p.from <= p.to;
}

/** A calendar date (YYYY-MM-DD) as an instant at noon UTC, which falls on that date in every time zone. */
export function middayOf(date: string): string {
  return `${date}T12:00:00Z`;
}
