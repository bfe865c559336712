import { CreateVitalsSchema } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { bmiOf } from './vitals-math.ts';

describe('bmiOf', () => {
  it('is weight over height squared, to one decimal', () => {
    expect(bmiOf(170, 65)).toBe(22.5);
    expect(bmiOf(180, 100)).toBe(30.9);
    expect(bmiOf(150, 45.5)).toBe(20.2);
  });

  it('is null unless both height and weight are known and positive', () => {
    expect(bmiOf(null, 70)).toBeNull();
    expect(bmiOf(170, undefined)).toBeNull();
    expect(bmiOf(0, 70)).toBeNull();
  });
});

const pathsOf = (input: unknown) => {
  const result = CreateVitalsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('vital sign plausibility ranges', () => {
  it('accepts plausible readings, at the edges too', () => {
    expect(pathsOf({ systolic: 120, diastolic: 80, heartRate: 72, temperatureC: 36.8, spo2: 98 })).toEqual(
      [],
    );
    expect(
      pathsOf({ systolic: 300, diastolic: 200, respiratoryRate: 4, heightCm: 30, weightKg: 0.5 }),
    ).toEqual([]);
    expect(pathsOf({ painScore: 0 })).toEqual([]);
  });

  it.each([
    [{ systolic: 30, diastolic: 20 }, 'systolic: systolic blood pressure must be between 40 and 300 mmHg'],
    [
      { systolic: 120, diastolic: 210 },
      'diastolic: diastolic blood pressure must be between 20 and 200 mmHg',
    ],
    [{ heartRate: 301 }, 'heartRate: heart rate must be between 20 and 300 bpm'],
    [{ respiratoryRate: 3 }, 'respiratoryRate: respiratory rate must be between 4 and 80 /min'],
    [{ temperatureC: 98.6 }, 'temperatureC: temperature must be between 30 and 45 °C'],
    [{ spo2: 101 }, 'spo2: SpO2 must be between 50 and 100 %'],
    [{ heightCm: 5.9 }, 'heightCm: height must be between 30 and 250 cm'],
    [{ weightKg: 401 }, 'weightKg: weight must be between 0.5 and 400 kg'],
    [{ painScore: 11 }, 'painScore: pain score must be between 0 and 10 /10'],
    [{ heartRate: 72.5 }, 'heartRate: heart rate must be a whole number'],
  ])('refuses %j naming the field', (input, message) => {
    expect(pathsOf(input)).toEqual([message]);
  });

  it('wants diastolic below systolic, and both or neither', () => {
    expect(pathsOf({ systolic: 80, diastolic: 90 })).toEqual([
      'diastolic: diastolic blood pressure must be lower than systolic',
    ]);
    expect(pathsOf({ systolic: 120 })).toEqual(['diastolic: is required with systolic']);
    expect(pathsOf({ diastolic: 80 })).toEqual(['systolic: is required with diastolic']);
  });

  it('wants at least one measurement', () => {
    expect(pathsOf({ note: 'patient refused' })).toEqual([': record at least one measurement']);
  });
});
