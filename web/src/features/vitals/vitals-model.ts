import { CreateVitalsSchema, VITAL_RANGES, type VitalMeasure, type Vitals } from '@carebase/contracts';
import type { z } from 'zod';
import { zonedInputToIso } from '../../lib/format.ts';

/** The order measures are entered and shown in. */
export const VITAL_FIELDS: readonly VitalMeasure[] = [
  'systolic',
  'diastolic',
  'heartRate',
  'respiratoryRate',
  'temperatureC',
  'spo2',
  'heightCm',
  'weightKg',
  'painScore',
];

export type VitalsFormValues = Record<VitalMeasure, string> & { takenAt: string; note: string };

export function emptyVitalsForm(): VitalsFormValues {
  const values = Object.fromEntries(VITAL_FIELDS.map((k) => [k, ''])) as Record<VitalMeasure, string>;
  return { ...values, takenAt: '', note: '' };
}

export type VitalsMessage =
  | { key: 'vitals.validation.range'; measure: VitalMeasure; min: number; max: number; unit: string }
  | { key: 'vitals.validation.number' | 'vitals.validation.whole' | 'vitals.validation.pairRequired' }
  | { key: 'vitals.validation.diastolicLower' | 'vitals.validation.atLeastOne' | 'vitals.validation.takenAt' }
  | { text: string };

/** Field → message; `_form` for a message about the whole reading. */
export type VitalsErrors = Partial<Record<VitalMeasure | 'takenAt' | 'note' | '_form', VitalsMessage>>;

export type CreateVitalsBody = z.output<typeof CreateVitalsSchema>;

/** "37,5" (decimal comma) and "37.5" are the same number; blank is "not measured"; anything else is NaN. */
export function parseMeasure(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

function rangeMessage(measure: VitalMeasure): VitalsMessage {
  const r = VITAL_RANGES[measure];
  return { key: 'vitals.validation.range', measure, min: r.min, max: r.max, unit: r.unit };
}

function isMeasure(field: string): field is VitalMeasure {
  return (VITAL_FIELDS as readonly string[]).includes(field);
}

/** A schema issue or a server message for one field, in words the form translates. */
export function vitalsMessageFor(field: string, code: string, message: string): VitalsMessage {
  if (message.includes('lower than systolic')) return { key: 'vitals.validation.diastolicLower' };
  if (message.includes('required with')) return { key: 'vitals.validation.pairRequired' };
  if (message.includes('at least one')) return { key: 'vitals.validation.atLeastOne' };
  if (field === 'takenAt') return { key: 'vitals.validation.takenAt' };
  if (isMeasure(field)) {
    if (message.includes('whole number')) return { key: 'vitals.validation.whole' };
    if (code === 'invalid_type' || message.includes('must be a number'))
      return { key: 'vitals.validation.number' };
    if (code === 'too_small' || code === 'too_big' || message.includes('between')) return rangeMessage(field);
  }
  return { text: message };
}

/** Checks a reading with the contract's schema (ranges, BP pairs) before it is sent. */
export function validateVitals(
  values: VitalsFormValues,
  options: { encounterId?: string; timeZone: string },
): { ok: true; body: CreateVitalsBody } | { ok: false; errors: VitalsErrors } {
  const errors: VitalsErrors = {};
  const body: Record<string, unknown> = {};
  for (const field of VITAL_FIELDS) {
    const value = parseMeasure(values[field]);
    if (value === undefined) continue;
    if (Number.isNaN(value)) errors[field] = { key: 'vitals.validation.number' };
    else body[field] = value;
  }
  if (values.takenAt) {
    const iso = zonedInputToIso(values.takenAt, options.timeZone);
    if (!iso || new Date(iso).getTime() > Date.now() + 60_000)
      errors.takenAt = { key: 'vitals.validation.takenAt' };
    else body.takenAt = iso;
  }
  if (values.note.trim()) body.note = values.note.trim();
  if (options.encounterId) body.encounterId = options.encounterId;
  // The schema compares the two pressures only once every field is valid; say it at once.
  const { systolic, diastolic } = body as { systolic?: number; diastolic?: number };
  const inRange = (m: 'systolic' | 'diastolic', v: number | undefined): v is number =>
    v !== undefined && v >= VITAL_RANGES[m].min && v <= VITAL_RANGES[m].max;
  if (inRange('systolic', systolic) && inRange('diastolic', diastolic) && diastolic >= systolic)
    errors.diastolic ??= { key: 'vitals.validation.diastolicLower' };
  const parsed = CreateVitalsSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = (issue.path[0] as string | undefined) ?? '_form';
      const key = (
        field === '_form' || isMeasure(field) || field === 'takenAt' || field === 'note' ? field : '_form'
      ) as keyof VitalsErrors;
      if (!errors[key]) errors[key] = vitalsMessageFor(field, issue.code, issue.message);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, body: parsed.data };
}

/** Server field errors (`heartRate` → message) in the same words. */
export function serverVitalsErrors(fieldErrors: Record<string, string>): VitalsErrors {
  const out: VitalsErrors = {};
  for (const [path, message] of Object.entries(fieldErrors)) {
    const field = path.split('.')[0] ?? '';
    const key = (
      isMeasure(field) || field === 'takenAt' || field === 'note' ? field : '_form'
    ) as keyof VitalsErrors;
    out[key] = vitalsMessageFor(field, '', message);
  }
  return out;
}

export type VitalsChartRow = { at: string } & Partial<Record<VitalMeasure | 'bmi', number>>;

/** Chart rows, oldest first, one per reading; a measure not taken is left out (the line skips it). */
export function vitalsChartRows(items: readonly Vitals[]): VitalsChartRow[] {
  return [...items]
    .sort((a, b) => a.takenAt.localeCompare(b.takenAt))
    .map((v) => {
      const row: VitalsChartRow = { at: v.takenAt };
      for (const key of [...VITAL_FIELDS, 'bmi'] as const) {
        const value = v[key];
        if (value !== null) row[key] = value;
      }
      return row;
    });
}

/** Whether any reading has one of these measures (else the chart is not drawn). */
export function hasAny(rows: readonly VitalsChartRow[], keys: readonly (VitalMeasure | 'bmi')[]): boolean {
  return rows.some((row) => keys.some((key) => row[key] !== undefined));
}
