import { z } from 'zod';
import { IsoDateTimeSchema } from './common.ts';

/** Plausibility ranges: a value outside them is a typing or unit mistake, refused with the field named. */
export const VITAL_RANGES = {
  systolic: { min: 40, max: 300, unit: 'mmHg', label: 'systolic blood pressure' },
  diastolic: { min: 20, max: 200, unit: 'mmHg', label: 'diastolic blood pressure' },
  heartRate: { min: 20, max: 300, unit: 'bpm', label: 'heart rate' },
  respiratoryRate: { min: 4, max: 80, unit: '/min', label: 'respiratory rate' },
  temperatureC: { min: 30, max: 45, unit: '°C', label: 'temperature' },
  spo2: { min: 50, max: 100, unit: '%', label: 'SpO2' },
  heightCm: { min: 30, max: 250, unit: 'cm', label: 'height' },
  weightKg: { min: 0.5, max: 400, unit: 'kg', label: 'weight' },
  painScore: { min: 0, max: 10, unit: '/10', label: 'pain score' },
} as const;

export type VitalMeasure = keyof typeof VITAL_RANGES;
export const VITAL_MEASURES = Object.keys(VITAL_RANGES) as VitalMeasure[];
const INTEGER_MEASURES: ReadonlySet<VitalMeasure> = new Set([
  'systolic',
  'diastolic',
  'heartRate',
  'respiratoryRate',
  'spo2',
  'painScore',
]);

function measure(key: VitalMeasure) {
  const r = VITAL_RANGES[key];
  const message = `${r.label} must be between ${r.min} and ${r.max} ${r.unit}`;
  const base = z
    .number({ error: `${r.label} must be a number (${r.unit})` })
    .min(r.min, message)
    .max(r.max, message);
  return INTEGER_MEASURES.has(key) ? base.int(`${r.label} must be a whole number`) : base;
}

function inRange(key: VitalMeasure, value: number | undefined): value is number {
  return value !== undefined && value >= VITAL_RANGES[key].min && value <= VITAL_RANGES[key].max;
}

export const CreateVitalsSchema = z
  .object({
    encounterId: z.uuid().optional(),
    takenAt: IsoDateTimeSchema.optional(),
    systolic: measure('systolic').optional(),
    diastolic: measure('diastolic').optional(),
    heartRate: measure('heartRate').optional(),
    respiratoryRate: measure('respiratoryRate').optional(),
    temperatureC: measure('temperatureC').optional(),
    spo2: measure('spo2').optional(),
    heightCm: measure('heightCm').optional(),
    weightKg: measure('weightKg').optional(),
    painScore: measure('painScore').optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.systolic !== undefined && v.diastolic === undefined)
      ctx.addIssue({ code: 'custom', path: ['diastolic'], message: 'is required with systolic' });
    if (v.diastolic !== undefined && v.systolic === undefined)
      ctx.addIssue({ code: 'custom', path: ['systolic'], message: 'is required with diastolic' });
    // Compared only when both are plausible on their own, so one mistake gets one message.
    if (inRange('systolic', v.systolic) && inRange('diastolic', v.diastolic) && v.diastolic >= v.systolic) {
      ctx.addIssue({
        code: 'custom',
        path: ['diastolic'],
        message: 'diastolic blood pressure must be lower than systolic',
      });
    }
    if (!VITAL_MEASURES.some((k) => v[k] !== undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'record at least one measurement' });
    }
  });
export type CreateVitals = z.infer<typeof CreateVitalsSchema>;

export const VitalsSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  encounterId: z.uuid().nullable(),
  takenAt: z.string(),
  systolic: z.number().nullable(),
  diastolic: z.number().nullable(),
  heartRate: z.number().nullable(),
  respiratoryRate: z.number().nullable(),
  temperatureC: z.number().nullable(),
  spo2: z.number().nullable(),
  heightCm: z.number().nullable(),
  weightKg: z.number().nullable(),
  /** Computed by the server from this weight and this (or the latest recorded) height. */
  bmi: z.number().nullable(),
  painScore: z.number().nullable(),
  note: z.string().nullable(),
  recordedBy: z.uuid().nullable(),
  createdAt: z.string(),
});
export type Vitals = z.infer<typeof VitalsSchema>;

export const VITALS_TREND_LIMIT = 1000;
export const VitalsTrendQuerySchema = z.object({
  from: IsoDateTimeSchema.optional(),
  to: IsoDateTimeSchema.optional(),
});
/** Oldest first; when the range holds more than VITALS_TREND_LIMIT readings, the most recent ones and truncated: true. */
export const VitalsTrendSchema = z.object({ items: z.array(VitalsSchema), truncated: z.boolean() });

export const LatestVitalValueSchema = z.object({
  value: z.number(),
  takenAt: z.string(),
  vitalsId: z.uuid(),
});
/** The most recent value of each measure, whichever reading it came from. */
export const LatestVitalsSchema = z.object({
  systolic: LatestVitalValueSchema.nullable(),
  diastolic: LatestVitalValueSchema.nullable(),
  heartRate: LatestVitalValueSchema.nullable(),
  respiratoryRate: LatestVitalValueSchema.nullable(),
  temperatureC: LatestVitalValueSchema.nullable(),
  spo2: LatestVitalValueSchema.nullable(),
  heightCm: LatestVitalValueSchema.nullable(),
  weightKg: LatestVitalValueSchema.nullable(),
  bmi: LatestVitalValueSchema.nullable(),
  painScore: LatestVitalValueSchema.nullable(),
});
export type LatestVitals = z.infer<typeof LatestVitalsSchema>;
