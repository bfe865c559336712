import type { Vitals } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { ageOn, dayIn, latestMeasures } from './record-data.ts';

function reading(takenAt: string, values: Partial<Vitals>): Vitals {
  return {
    id: crypto.randomUUID(),
    patientId: crypto.randomUUID(),
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
    ...values,
  };
}

describe('ageOn', () => {
  it('counts a year only once the birthday is reached', () => {
    expect(ageOn('1985-07-21', '2026-07-20')).toBe(40);
    expect(ageOn('1985-07-21', '2026-07-21')).toBe(41);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2026-03-01', '2026-03-01')).toBe(0);
  });
});

describe('dayIn', () => {
  it('gives the calendar day in the clinic time zone', () => {
    const at = new Date('2026-03-15T03:30:00Z');
    expect(dayIn(at, 'UTC')).toBe('2026-03-15');
    expect(dayIn(at, 'America/Mexico_City')).toBe('2026-03-14');
  });
});

describe('latestMeasures', () => {
  it('takes each measure from the newest reading that has it', () => {
    const latest = latestMeasures([
      reading('2026-03-10T10:00:00Z', { heartRate: 80 }),
      reading('2026-03-01T10:00:00Z', { heartRate: 70, weightKg: 61.5, systolic: 120, diastolic: 80 }),
    ]);
    expect(latest.heartRate).toEqual({ value: 80, takenAt: '2026-03-10T10:00:00Z' });
    expect(latest.weightKg).toEqual({ value: 61.5, takenAt: '2026-03-01T10:00:00Z' });
    expect(latest.systolic?.value).toBe(120);
    expect(latest.spo2).toBeUndefined();
  });
});
