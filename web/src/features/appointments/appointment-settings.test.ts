import { DEFAULT_SYSTEM_SETTINGS } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { diffSystemSettings } from '../settings/system-settings-diff.ts';

describe('the appointments settings group in the clinic settings form', () => {
  it('sends only the appointment fields that changed', () => {
    const before = DEFAULT_SYSTEM_SETTINGS;
    const after = {
      ...before,
      appointments: { ...before.appointments, reminderOffsetsMinutes: [2880, 60], selfBookingEnabled: false },
    };
    expect(diffSystemSettings(before, after)).toEqual({
      appointments: { reminderOffsetsMinutes: [2880, 60], selfBookingEnabled: false },
    });
    expect(diffSystemSettings(before, { ...before })).toEqual({});
  });
});
