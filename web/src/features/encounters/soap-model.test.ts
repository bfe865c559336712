import { describe, expect, it } from 'vitest';
import { canBeSigned, draftOf, notePatch } from './soap-model.ts';

const saved = draftOf({
  chiefComplaint: 'Sore throat',
  subjective: 'Three days',
  objective: null,
  assessment: null,
  plan: null,
});

describe('notePatch', () => {
  it('is null when nothing changed (spaces at the ends do not count)', () => {
    expect(notePatch(saved, { ...saved })).toBeNull();
    expect(notePatch(saved, { ...saved, subjective: 'Three days  ' })).toBeNull();
  });

  it('sends only the changed fields, and null for emptied ones', () => {
    expect(notePatch(saved, { ...saved, assessment: 'Viral pharyngitis', chiefComplaint: '' })).toEqual({
      assessment: 'Viral pharyngitis',
      chiefComplaint: null,
    });
  });
});

describe('canBeSigned', () => {
  it('needs at least one of the four SOAP parts', () => {
    expect(canBeSigned(saved)).toBe(true);
    expect(canBeSigned({ ...saved, subjective: ' ' })).toBe(false);
  });
});
