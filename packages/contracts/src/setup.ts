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
