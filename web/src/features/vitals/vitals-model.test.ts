import type { Vitals } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import {
  emptyVitalsForm,
  hasAny,
  parseMeasure,
  serverVitalsErrors,
  validateVitals,
  vitalsChartRows,
} from './vitals-model.ts';

const opts = { timeZone: 'America/Mexico_City' };

describe('parseMeasure', () => {
  it('reads decimal points and commas, blank as not measured', () => {
    expect(parseMeasure('37,5')).toBe(37.5);
    expect(parseMeasure(' 120 ')).toBe(120);
    expect(parseMeasure('')).toBeUndefined();
    expect(parseMeasure('12a')).toBeNaN();
  });
});

describe('validateVitals', () => {
  it('builds the body with numbers, the encounter and the time in the clinic zone', () => {
    const values = {
      ...emptyVitalsForm(),
      systolic: '120',
      diastolic: '80',
      temperatureC: '37,2',
      takenAt: '2024-05-01T10:00',
    };
    const result = validateVitals(values, { ...opts, encounterId: '3f2b8c1e-1111-4222-8333-444455556666' });
    expect(result).toEqual({
      ok: true,
      body: {
        systolic: 120,
        diastolic: 80,
        temperatureC: 37.2,
        takenAt: '2024-05-01T10:00:00-06:00',
        encounterId: '3f2b8c1e-1111-4222-8333-444455556666',
      },
    });
  });

  it('names implausible values with their range, and BP mistakes', () => {
    const result = validateVitals(
      { ...emptyVitalsForm(), heartRate: '400', systolic: '120', diastolic: '130', spo2: '97.5' },
      opts,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.heartRate).toEqual({
      key: 'vitals.validation.range',
      measure: 'heartRate',
      min: 20,
      max: 300,
      unit: 'bpm',
    });
    expect(result.errors.diastolic).toEqual({ key: 'vitals.validation.diastolicLower' });
    expect(result.errors.spo2).toEqual({ key: 'vitals.validation.whole' });
  });

  it('asks for the other half of a blood pressure and for at least one measure', () => {
    const half = validateVitals({ ...emptyVitalsForm(), systolic: '120' }, opts);
    expect(half.ok ? null : half.errors.diastolic).toEqual({ key: 'vitals.validation.pairRequired' });
    const none = validateVitals(emptyVitalsForm(), opts);
    expect(none.ok ? null : none.errors._form).toEqual({ key: 'vitals.validation.atLeastOne' });
    const text = validateVitals({ ...emptyVitalsForm(), weightKg: 'heavy' }, opts);
    expect(text.ok ? null : text.errors.weightKg).toEqual({ key: 'vitals.validation.number' });
  });
});

describe('serverVitalsErrors', () => {
  it('maps the server range messages onto the fields', () => {
    expect(
      serverVitalsErrors({
        heartRate: 'heart rate must be between 20 and 300 bpm',
        takenAt: 'cannot be in the future',
      }),
    ).toEqual({
      heartRate: { key: 'vitals.validation.range', measure: 'heartRate', min: 20, max: 300, unit: 'bpm' },
      takenAt: { key: 'vitals.validation.takenAt' },
    });
  });
});

describe('vitalsChartRows', () => {
  const reading = (takenAt: string, patch: Partial<Vitals>): Vitals => ({
    id: '3f2b8c1e-1111-4222-8333-444455556666',
    patientId: '3f2b8c1e-1111-4222-8333-444455556666',
    encounterId: null,
    takenAt,
    systolic: null,
    diastolic: null,
    heartRate: null,
    respiratoryRate: null,
    temperatureC: null,
    spo2: null,
    heightCm: null,
    weightKg: null,
    bmi: null,
    painScore: null,
    note: null,
    recordedBy: null,
    createdAt: takenAt,
    ...patch,
  });

  it('orders readings oldest first and leaves out what was not measured', () => {
    const rows = vitalsChartRows([
      reading('2024-05-02T10:00:00Z', { heartRate: 80 }),
      reading('2024-05-01T10:00:00Z', { systolic: 120, diastolic: 80, bmi: 24.7 }),
    ]);
    expect(rows).toEqual([
      { at: '2024-05-01T10:00:00Z', systolic: 120, diastolic: 80, bmi: 24.7 },
      { at: '2024-05-02T10:00:00Z', heartRate: 80 },
    ]);
    expect(hasAny(rows, ['spo2'])).toBe(false);
    expect(hasAny(rows, ['bmi'])).toBe(true);
  });
});
