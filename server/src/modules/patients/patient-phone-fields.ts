import type { FieldError } from '@carebase/contracts';
import { AppError } from '../../platform/errors.ts';
import { toE164 } from './patient-phones.ts';
import type { EmergencyContact } from './patients.schema.ts';

type ContactInput = {
  phone?: string | null | undefined;
  altPhone?: string | null | undefined;
  emergencyContacts?:
    | {
        name: string;
        relationship: string;
        phone?: string | null | undefined;
        email?: string | null | undefined;
      }[]
    | undefined;
};

type ContactOutput = {
  phone?: string | null;
  altPhone?: string | null;
  emergencyContacts?: EmergencyContact[];
};

/**
 * The phones of a create or edit as E.164 (only the fields present), or one 400 naming every phone that is
 * not a valid number in the clinic's default region or with its +country code.
 */
export function normalizeContactPhones(input: ContactInput, region: string): ContactOutput {
  const errors: FieldError[] = [];
  const convert = (value: string | null | undefined, path: string): string | null => {
    if (value === null || value === undefined) return null;
    const e164 = toE164(value, region);
    if (!e164) {
      errors.push({
        path,
        message: `is not a valid phone number (type it with +country code, or as a local ${region} number)`,
      });
    }
    return e164;
  };
  const out: ContactOutput = {};
  if (input.phone !== undefined) out.phone = convert(input.phone, 'body.phone');
  if (input.altPhone !== undefined) out.altPhone = convert(input.altPhone, 'body.altPhone');
  if (input.emergencyContacts !== undefined) {
    out.emergencyContacts = input.emergencyContacts.map((c, n) => ({
      name: c.name,
      relationship: c.relationship,
      phone: convert(c.phone, `body.emergencyContacts.${n}.phone`),
      email: c.email ?? null,
    }));
  }
  if (errors.length) {
    throw new AppError('validation_failed', errors.map((e) => `${e.path} ${e.message}`).join('; '), {
      fields: errors,
    });
  }
  return out;
}
