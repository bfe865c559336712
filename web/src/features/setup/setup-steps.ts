import type { SetupChecklist } from '@carebase/contracts';

export const SETUP_STEPS = ['clinic', 'departments', 'rooms', 'services', 'providers', 'sample'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export function setupStepOf(param: string | undefined): SetupStep {
  return (SETUP_STEPS as readonly string[]).includes(param ?? '') ? (param as SetupStep) : 'clinic';
}

/** The step after `step`, or null after the last one. */
export function nextSetupStep(step: SetupStep): SetupStep | null {
  return SETUP_STEPS[SETUP_STEPS.indexOf(step) + 1] ?? null;
}

export function previousSetupStep(step: SetupStep): SetupStep | null {
  return SETUP_STEPS[SETUP_STEPS.indexOf(step) - 1] ?? null;
}

/**
 * Which steps are done, read from the data (never ticked by hand): the server's checklist for the clinic's
 * details, services and providers with hours; at least one active department and room for the others. The
 * sample data is optional, so its step counts as done whether or not it is loaded.
 */
export function setupStepsDone(
  checklist: SetupChecklist,
  counts: { activeDepartments: number; activeRooms: number },
): Record<SetupStep, boolean> {
  const missing = new Set(checklist.missing.map((item) => item.key));
  return {
    clinic: !missing.has('clinic_details'),
    departments: counts.activeDepartments > 0,
    rooms: counts.activeRooms > 0,
    services: !missing.has('services'),
    providers: !missing.has('provider_hours'),
    sample: true,
  };
}

/** The browser's own time zone: the guess the clinic step offers to confirm. */
export function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}
