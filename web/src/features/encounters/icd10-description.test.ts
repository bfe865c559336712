import { describe, expect, it } from 'vitest';
import { icd10Description } from './icd10-description.ts';

describe('icd10Description', () => {
  const pharyngitis = {
    description: 'Acute pharyngitis, unspecified',
    descriptionEs: 'Faringitis aguda, no especificada',
  };

  it('shows the Spanish wording to a Spanish interface and the English otherwise', () => {
    expect(icd10Description(pharyngitis, 'es')).toBe('Faringitis aguda, no especificada');
    expect(icd10Description(pharyngitis, 'en')).toBe('Acute pharyngitis, unspecified');
  });

  it('falls back to the English when the code has no Spanish', () => {
    expect(icd10Description({ description: 'Cholera', descriptionEs: null }, 'es')).toBe('Cholera');
  });
});
