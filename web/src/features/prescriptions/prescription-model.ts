import { CreatePrescriptionsSchema, type Prescription } from '@carebase/contracts';
import type { z } from 'zod';
import { isApiError } from '../../lib/api.ts';

export interface PrescriptionRow {
  key: string;
  drug: string;
  strength: string;
  form: string;
  dose: string;
  route: string;
  frequency: string;
  durationDays: string;
  quantity: string;
  instructions: string;
}

let counter = 0;
export function emptyPrescriptionRow(): PrescriptionRow {
  counter += 1;
  return {
    key: `rx-${counter}`,
    drug: '',
    strength: '',
    form: '',
    dose: '',
    route: '',
    frequency: '',
    durationDays: '',
    quantity: '',
    instructions: '',
  };
}

export type CreatePrescriptionsBody = z.output<typeof CreatePrescriptionsSchema>;
export type RxMessage =
  | {
      key:
        | 'validation.required'
        | 'prescriptions.validation.whole'
        | 'prescriptions.validation.overrideReason';
    }
  | { text: string };
export type RxErrors = Record<string, RxMessage>;

const optional = (s: string) => (s.trim() === '' ? undefined : s);
const wholeNumber = (s: string): number | undefined | typeof Number.NaN => {
  const t = s.trim();
  if (t === '') return undefined;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
};

/** The prescription form as the API takes it, checked with the contract's schema. */
export function validatePrescriptions(
  rows: readonly PrescriptionRow[],
  overrideReason?: string,
): { ok: true; body: CreatePrescriptionsBody } | { ok: false; errors: RxErrors } {
  const body = {
    items: rows.map((r) => ({
      drug: r.drug,
      strength: optional(r.strength),
      form: optional(r.form),
      dose: r.dose,
      route: r.route,
      frequency: r.frequency,
      durationDays: wholeNumber(r.durationDays),
      quantity: wholeNumber(r.quantity),
      instructions: optional(r.instructions),
    })),
    allergyOverrideReason: overrideReason === undefined ? undefined : overrideReason,
  };
  const parsed = CreatePrescriptionsSchema.safeParse(body);
  if (parsed.success) return { ok: true, body: parsed.data };
  const errors: RxErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    if (path in errors) continue;
    const field = String(issue.path[issue.path.length - 1] ?? '');
    if (field === 'allergyOverrideReason') errors[path] = { key: 'prescriptions.validation.overrideReason' };
    else if (field === 'durationDays' || field === 'quantity')
      errors[path] = { key: 'prescriptions.validation.whole' };
    else if (issue.code === 'too_small') errors[path] = { key: 'validation.required' };
    else errors[path] = { text: issue.message };
  }
  return { ok: false, errors };
}

export interface AllergyConflict {
  /** The server's sentence, e.g. "Amoxicillin is in the penicillin class, like the allergy to Penicillin (severe)". */
  warnings: { row: number; message: string }[];
}

/** A 409 that names drugs matching the patient's allergies (`items.N.drug`), or null for any other error. */
export function allergyConflictOf(error: unknown): AllergyConflict | null {
  if (!isApiError(error) || error.status !== 409) return null;
  const warnings = Object.entries(error.fieldErrors()).flatMap(([path, message]) => {
    const match = /^items\.(\d+)\.drug$/.exec(path);
    return match ? [{ row: Number(match[1]), message }] : [];
  });
  return warnings.length > 0 ? { warnings } : null;
}

/** "Amoxicillin 500 mg capsule" */
export function drugLine(p: Pick<Prescription, 'drug' | 'strength' | 'form'>): string {
  return [p.drug, p.strength, p.form].filter(Boolean).join(' ');
}
