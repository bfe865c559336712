import { describe, expect, it } from 'vitest';
import { nextSetupStep, previousSetupStep, setupStepOf, setupStepsDone } from './setup-steps.ts';

describe('setup steps', () => {
  it('reads the step from the address, falling back to the first', () => {
    expect(setupStepOf('rooms')).toBe('rooms');
    expect(setupStepOf(undefined)).toBe('clinic');
    expect(setupStepOf('constructor')).toBe('clinic');
  });

  it('moves forward and back, with nothing past either end', () => {
    expect(nextSetupStep('clinic')).toBe('departments');
    expect(nextSetupStep('providers')).toBe('sample');
    expect(nextSetupStep('sample')).toBeNull();
    expect(previousSetupStep('departments')).toBe('clinic');
    expect(previousSetupStep('clinic')).toBeNull();
  });

  it('marks steps done from the checklist and the active departments and rooms', () => {
    const none = setupStepsDone(
      {
        missing: [
          { key: 'clinic_details', link: '/setup/clinic' },
          { key: 'services', link: '/setup/services' },
          { key: 'provider_hours', link: '/setup/providers' },
          { key: 'mail', link: '/settings/clinic#mail' },
        ],
      },
      { activeDepartments: 0, activeRooms: 0 },
    );
    // Only the optional sample data counts as done on a new clinic.
    expect(Object.entries(none).filter(([, done]) => done)).toEqual([['sample', true]]);
    const some = setupStepsDone(
      { missing: [{ key: 'provider_hours', link: '/setup/providers' }] },
      { activeDepartments: 1, activeRooms: 0 },
    );
    expect(some).toEqual({
      clinic: true,
      departments: true,
      rooms: false,
      services: true,
      providers: false,
      sample: true,
    });
  });
});
