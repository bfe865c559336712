import { zonedToUtc } from '../scheduling/zoned-time.ts';

const MOMENT =
  /^(?<date>(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2}))[ T](?<h>\d{2}):(?<mi>\d{2})(?::(?<s>\d{2}(?:\.\d{1,6})?))?\s*(?<offset>Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export class MomentError extends Error {}

/**
 * The instant `restore --until` names: "2026-12-01 14:32" (seconds optional) in the clinic's time zone, or with
 * an explicit offset ("…Z", "…+02:00"), which wins.
 */
export function parseMoment(text: string, timeZone: string): Date {
  const refuse = () =>
    new MomentError(
      `--until "${text}" is not a moment: write it as "2026-12-01 14:32" (clinic time) or "2026-12-01T14:32:00Z"`,
    );
  const g = MOMENT.exec(text.trim())?.groups;
  if (!g) throw refuse();
  const [y, mo, d, h, mi] = [g.y, g.mo, g.d, g.h, g.mi].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const secondsMs = Math.round(Number(g.s ?? 0) * 1000);
  const naive = Date.UTC(y, mo - 1, d, h, mi) + secondsMs;
  // Date.UTC rolls 31 February over into March: a date that does not read back the same was not one.
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || secondsMs >= 60_000)
    throw refuse();
  if (!g.offset) return new Date(zonedToUtc(g.date ?? '', h * 60 + mi, timeZone).getTime() + secondsMs);
  if (g.offset.toUpperCase() === 'Z') return new Date(naive);
  const sign = g.offset.startsWith('-') ? -1 : 1;
  const digits = g.offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return new Date(naive - sign * minutes * 60_000);
}
