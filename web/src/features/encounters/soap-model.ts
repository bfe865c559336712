import type { Encounter } from '@carebase/contracts';

export const NOTE_FIELDS = ['subjective', 'objective', 'assessment', 'plan'] as const;
export type NoteField = (typeof NOTE_FIELDS)[number];

/** The editable text of a draft encounter, as the editor holds it ('' for nothing written). */
export type NoteDraft = Record<NoteField | 'chiefComplaint', string>;

export function draftOf(encounter: Pick<Encounter, NoteField | 'chiefComplaint'>): NoteDraft {
  return {
    chiefComplaint: encounter.chiefComplaint ?? '',
    subjective: encounter.subjective ?? '',
    objective: encounter.objective ?? '',
    assessment: encounter.assessment ?? '',
    plan: encounter.plan ?? '',
  };
}

export type NotePatch = Partial<Record<NoteField | 'chiefComplaint', string | null>>;

/**
 * What to send to save the draft: only the fields that differ from what the server has, with null for a
 * field that was emptied. Null when there is nothing to save.
 */
export function notePatch(saved: NoteDraft, draft: NoteDraft): NotePatch | null {
  const patch: NotePatch = {};
  for (const key of ['chiefComplaint', ...NOTE_FIELDS] as const) {
    const before = saved[key].trim();
    const after = draft[key].trim();
    if (before !== after) patch[key] = after === '' ? null : draft[key];
  }
  return Object.keys(patch).length > 0 ? patch : null;
}

/** The server refuses to sign an empty note; so does the button. */
export function canBeSigned(draft: NoteDraft): boolean {
  return NOTE_FIELDS.some((key) => draft[key].trim() !== '');
}
