import { SAMPLE_MARKER } from '@carebase/contracts';

/**
 * The demo clinic the set-up guide can load: fictional people whose names all carry the sample marker, so
 * nobody mistakes them for real ones in lists, chart headers, calendars or the queue.
 */
const marked = (name: string) => `${name} ${SAMPLE_MARKER}`;

export const SAMPLE_PROVIDERS = [
  { key: 'doctor', name: marked('Dr. Ana Demo'), role: 'doctor', department: 'general' },
  { key: 'dentist', name: marked('Dr. Leo Demo'), role: 'dentist', department: 'dental' },
] as const;
export type SampleProviderKey = (typeof SAMPLE_PROVIDERS)[number]['key'];

export const SAMPLE_ROOMS = [
  { name: marked('Consulting room 1'), department: 'general' },
  { name: marked('Dental chair'), department: 'dental' },
] as const;

export const SAMPLE_SERVICES = [
  {
    key: 'consultation',
    name: marked('General consultation'),
    department: 'general',
    minutes: 20,
    /** Minor units of the clinic's currency. */
    priceMinor: 4000,
    provider: 'doctor',
  },
  {
    key: 'follow-up',
    name: marked('Follow-up visit'),
    department: 'general',
    minutes: 15,
    priceMinor: 2500,
    provider: 'doctor',
  },
  {
    key: 'check-up',
    name: marked('Dental check-up'),
    department: 'dental',
    minutes: 30,
    priceMinor: 5000,
    provider: 'dentist',
  },
] as const;
export type SampleServiceKey = (typeof SAMPLE_SERVICES)[number]['key'];

/** Monday to Friday, 09:00–17:00 local time, in the provider's room. */
export const SAMPLE_WEEKDAYS = [1, 2, 3, 4, 5];
export const SAMPLE_HOURS = { startTime: '09:00', endTime: '17:00' } as const;

type SamplePatient = { given: string; family: string; sex: 'female' | 'male'; birthDate: string };
export const SAMPLE_PATIENTS: readonly SamplePatient[] = (
  [
    { given: 'Lucía', family: 'Ramos', sex: 'female', birthDate: '1988-04-12' },
    { given: 'Mateo', family: 'Fernández', sex: 'male', birthDate: '1975-09-30' },
    { given: 'Sofía', family: 'Herrera', sex: 'female', birthDate: '2012-01-18' },
    { given: 'Daniel', family: 'Okafor', sex: 'male', birthDate: '1993-06-05' },
    { given: 'Emma', family: 'Lindqvist', sex: 'female', birthDate: '1960-11-22' },
    { given: 'Hugo', family: 'Castillo', sex: 'male', birthDate: '2001-03-14' },
    { given: 'Valentina', family: 'Ruiz', sex: 'female', birthDate: '1984-07-08' },
    { given: 'Noah', family: 'Bennett', sex: 'male', birthDate: '1956-02-27' },
    { given: 'Camila', family: 'Ortega', sex: 'female', birthDate: '1999-10-03' },
    { given: 'Liam', family: 'Walsh', sex: 'male', birthDate: '2017-05-19' },
    { given: 'Isabel', family: 'Moreno', sex: 'female', birthDate: '1971-12-01' },
    { given: 'Tomás', family: 'Vidal', sex: 'male', birthDate: '1968-08-16' },
  ] satisfies SamplePatient[]
).map((p) => ({ ...p, family: marked(p.family) }));

/**
 * Today's appointments (patient index, service), placed one after another from the next quarter hour;
 * `after` is what happens to each once booked.
 */
export const SAMPLE_TODAY: readonly {
  patient: number;
  service: SampleServiceKey;
  after: 'check_in' | 'check_in_priority' | 'cancel' | 'none';
}[] = [
  { patient: 0, service: 'consultation', after: 'check_in' },
  { patient: 1, service: 'check-up', after: 'check_in' },
  { patient: 2, service: 'consultation', after: 'check_in_priority' },
  { patient: 3, service: 'follow-up', after: 'cancel' },
  { patient: 4, service: 'check-up', after: 'none' },
  { patient: 5, service: 'consultation', after: 'none' },
];

/** Appointments on the next working days: (working day 1…, local start time, patient index, service). */
export const SAMPLE_UPCOMING: readonly {
  day: number;
  time: string;
  patient: number;
  service: SampleServiceKey;
}[] = [
  { day: 1, time: '09:00', patient: 6, service: 'consultation' },
  { day: 1, time: '10:00', patient: 7, service: 'check-up' },
  { day: 1, time: '11:30', patient: 8, service: 'follow-up' },
  { day: 2, time: '09:30', patient: 9, service: 'consultation' },
  { day: 2, time: '14:00', patient: 10, service: 'check-up' },
  { day: 3, time: '10:00', patient: 11, service: 'consultation' },
  { day: 3, time: '15:00', patient: 4, service: 'follow-up' },
];

/** Past visits, signed by the sample doctor, with vitals and an ICD-10 diagnosis. */
export const SAMPLE_PAST_VISITS = [
  {
    patient: 7,
    daysAgo: 21,
    chiefComplaint: 'Headaches in the morning',
    subjective: 'Morning headaches for two weeks. No visual changes. Father had high blood pressure.',
    objective: 'Alert, well. Heart and lungs normal.',
    assessment: 'Raised blood pressure on two readings: essential hypertension.',
    plan: 'Lifestyle advice, home readings twice a day, review in four weeks.',
    vitals: { systolic: 152, diastolic: 96, heartRate: 78, temperatureC: 36.7, weightKg: 84, heightCm: 176 },
    diagnosis: 'I10',
  },
  {
    patient: 0,
    daysAgo: 6,
    chiefComplaint: 'Sore throat and runny nose',
    subjective: 'Sore throat, runny nose and mild cough for three days. No shortness of breath.',
    objective: 'Throat mildly red, no exudate. Lungs clear.',
    assessment: 'Viral upper respiratory infection.',
    plan: 'Fluids, rest, paracetamol as needed. Return if fever lasts more than three days.',
    vitals: { systolic: 118, diastolic: 76, heartRate: 84, temperatureC: 37.8, spo2: 98 },
    diagnosis: 'J06.9',
  },
] as const;

/** Written on every sample appointment (also the reason the booking rules ask for outside working hours). */
export const SAMPLE_APPOINTMENT_NOTE = 'Sample data: a fictional appointment of the demo clinic.';
