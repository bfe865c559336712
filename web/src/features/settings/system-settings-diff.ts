import type { SystemSecretName, SystemSettings, SystemSettingsPatch } from '@carebase/contracts';

/** What the form holds for one write-only secret: a new value to set, or a request to clear it. */
export interface SecretDraft {
  value: string;
  clear: boolean;
}
export type SecretsDraft = Record<SystemSecretName, SecretDraft>;

export const EMPTY_SECRETS: SecretsDraft = {
  smtpPassword: { value: '', clear: false },
  smsApiKey: { value: '', clear: false },
};

const SCALAR_KEYS = [
  'clinicName',
  'logoUrl',
  'address',
  'phone',
  'email',
  'timeZone',
  'currency',
  'defaultAppointmentMinutes',
  'defaultPhoneRegion',
  'mrnFormat',
  'defaultLanguage',
] as const;
const GROUP_KEYS = ['mail', 'sms', 'certificates', 'appointments'] as const;

/** Equal values; lists (reminder offsets, channels) compare item by item. */
function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  return Object.is(a, b);
}

function changedFields<T extends object>(before: T, after: T): Partial<T> | null {
  const out: Partial<T> = {};
  let changed = false;
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (!same(before[key], after[key])) {
      out[key] = after[key];
      changed = true;
    }
  }
  return changed ? out : null;
}

/**
 * The PATCH body that turns `original` into `current`: only the fields that changed, group by group,
 * and the secrets that were given a new value (a string) or cleared (null). Empty when nothing changed.
 */
export function diffSystemSettings(
  original: SystemSettings,
  current: SystemSettings,
  secrets: SecretsDraft = EMPTY_SECRETS,
): SystemSettingsPatch {
  const patch: SystemSettingsPatch = {};
  const scalars: Record<string, unknown> = {};
  for (const key of SCALAR_KEYS) {
    if (!Object.is(original[key], current[key])) scalars[key] = current[key];
  }
  Object.assign(patch, scalars);
  for (const key of GROUP_KEYS) {
    const changed = changedFields<SystemSettings[typeof key]>(original[key], current[key]);
    if (changed) Object.assign(patch, { [key]: changed });
  }
  const secretPatch: NonNullable<SystemSettingsPatch['secrets']> = {};
  for (const name of Object.keys(secrets) as SystemSecretName[]) {
    const draft = secrets[name];
    if (draft.clear) secretPatch[name] = null;
    else if (draft.value !== '') secretPatch[name] = draft.value;
  }
  if (Object.keys(secretPatch).length > 0) patch.secrets = secretPatch;
  return patch;
}

export function isEmptyPatch(patch: SystemSettingsPatch): boolean {
  return Object.keys(patch).length === 0;
}
