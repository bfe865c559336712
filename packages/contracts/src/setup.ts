import { z } from 'zod';

/** What a clinic still lacks to run its first day, in the order the set-up guide asks for it. */
export const SETUP_CHECKLIST_KEYS = ['clinic_details', 'services', 'provider_hours', 'mail'] as const;
export type SetupChecklistKey = (typeof SETUP_CHECKLIST_KEYS)[number];

export const SetupChecklistItemSchema = z.object({
  key: z.enum(SETUP_CHECKLIST_KEYS),
  /** The page of the web app where it is done. */
  link: z.string(),
});
export type SetupChecklistItem = z.infer<typeof SetupChecklistItemSchema>;

export const SetupChecklistSchema = z.object({
  /** Only the missing items; empty when the clinic is set up. */
  missing: z.array(SetupChecklistItemSchema),
});
export type SetupChecklist = z.infer<typeof SetupChecklistSchema>;

// ── Sample data: an optional demo clinic, clearly marked, removed in one action ──

export const SAMPLE_DATA_COUNT_KEYS = [
  'providers',
  'rooms',
  'services',
  'patients',
  'appointments',
  'queueTickets',
  'encounters',
] as const;

/** What the demo clinic holds, by kind; the same shape answers loading, removing and asking. */
export const SampleDataCountsSchema = z.object({
  providers: z.number().int(),
  rooms: z.number().int(),
  services: z.number().int(),
  patients: z.number().int(),
  appointments: z.number().int(),
  queueTickets: z.number().int(),
  encounters: z.number().int(),
});
export type SampleDataCounts = z.infer<typeof SampleDataCountsSchema>;

export const SampleDataStatusSchema = z.object({
  loaded: z.boolean(),
  /** What the loader created (all zero when nothing is loaded). */
  counts: SampleDataCountsSchema,
});
export type SampleDataStatus = z.infer<typeof SampleDataStatusSchema>;

/** The answer to a removal: what was deleted, including what staff added to the sample patients while trying. */
export const SampleDataRemovedSchema = z.object({
  removed: SampleDataCountsSchema,
  /** Sample accounts, rooms or services still referenced elsewhere, kept but deactivated instead. */
  deactivated: z.number().int(),
});
export type SampleDataRemoved = z.infer<typeof SampleDataRemovedSchema>;

/** The marker in every sample name, so the demo clinic is never mistaken for real people. */
export const SAMPLE_MARKER = '(sample)';

/** Whether a name (a patient's family name, a user's or service's name) is one the demo-clinic loader gave. */
export function isSampleName(name: string): boolean {
  return name.trimEnd().endsWith(SAMPLE_MARKER);
}
