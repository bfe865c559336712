import { CreatePatientSchema, type Patient } from '@carebase/contracts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.writer.ts';
import type { TestApp } from '../../test/test-app.ts';
import { createPatient } from './patients.service.ts';

let counter = 0;

/** A letters-only word unique within the test run (digits would make a search term an identifier). */
export function uniqueWord(prefix = 'Q'): string {
  let n = ++counter + 26 * 26;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  }
  return `${prefix}${s}${String.fromCharCode(97 + Math.floor(Math.random() * 26))}`;
}

export function patientInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    givenName: 'Ana',
    familyName: uniqueWord('Fam'),
    sex: 'female',
    birthDate: '1990-04-12',
    ...overrides,
  };
}

/** Registers a patient through the service (as the system), skipping the duplicate check. */
export function registerPatient(t: TestApp, overrides: Record<string, unknown> = {}): Promise<Patient> {
  return createPatient(
    t.app.ctx,
    SYSTEM_ACTOR,
    CreatePatientSchema.parse({ ...patientInput(overrides), confirmDuplicate: true }),
  );
}

export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
export const TINY_JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1)]);
