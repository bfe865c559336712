import { describe, expect, it } from 'vitest';
import { allergyMatchReason, matchAllergies } from './allergy-match.ts';

describe('allergyMatchReason', () => {
  it('matches the same substance regardless of case and accents', () => {
    expect(allergyMatchReason('IBUPROFENO', 'ibuprofeno')).not.toBeNull();
    expect(allergyMatchReason('Metamizol sódico', 'metamizol sodico')).not.toBeNull();
    expect(allergyMatchReason('Cefalexina', 'Céfalexina')).not.toBeNull();
  });

  it('matches a substance inside a longer drug name, and a drug inside a longer substance', () => {
    expect(allergyMatchReason('Penicillin V potassium', 'Penicillin')).toContain('matches');
    expect(allergyMatchReason('Amoxicillin/clavulanate', 'Amoxicillin')).toContain('matches');
    expect(allergyMatchReason('Ceftriaxone', 'Ceftriaxone (rash 2019)')).toContain('matches');
  });

  it('matches a shared distinctive word', () => {
    expect(allergyMatchReason('Codeine phosphate', 'codeine and morphine')).toContain('"codeine"');
  });

  it('matches across the built-in drug classes', () => {
    expect(allergyMatchReason('Amoxicillin', 'Penicillin')).toContain('penicillin class');
    expect(allergyMatchReason('Ampicillin', 'penicillins')).toContain('penicillin class');
    expect(allergyMatchReason('Cloxacillin', 'Amoxicillin')).toContain('penicillin class');
    expect(allergyMatchReason('Co-trimoxazole', 'Sulfa drugs')).toContain('sulfonamide class');
    expect(allergyMatchReason('Sulfamethoxazole + trimethoprim', 'sulfonamides')).toContain('sulfonamide');
    expect(allergyMatchReason('Naproxen', 'NSAIDs')).toContain('nsaid class');
    expect(allergyMatchReason('Diclofenac', 'Aspirin')).toContain('nsaid class');
    expect(allergyMatchReason('Aspirin', 'Ibuprofen')).toContain('nsaid class');
  });

  it('does not match unrelated drugs or common words', () => {
    expect(allergyMatchReason('Paracetamol', 'Penicillin')).toBeNull();
    expect(allergyMatchReason('Ferrous sulfate', 'Sulfa')).toBeNull();
    expect(allergyMatchReason('Nasal saline spray', 'ASA')).toBeNull();
    expect(allergyMatchReason('Losartan potassium', 'Penicillin V potassium')).toBeNull();
    expect(allergyMatchReason('Folic acid', 'Mefenamic acid')).toBeNull();
    expect(allergyMatchReason('Cetirizine', 'Peanuts')).toBeNull();
  });
});

describe('matchAllergies', () => {
  it('returns every allergy a drug matches, with the reason', () => {
    const allergies = [
      { id: '1', substance: 'Penicillin', reaction: 'hives', severity: 'moderate' },
      { id: '2', substance: 'Peanuts', reaction: null, severity: 'severe' },
      { id: '3', substance: 'Amoxicillin', reaction: null, severity: 'mild' },
    ];
    const found = matchAllergies('Amoxicillin', allergies);
    expect(found.map((m) => m.allergy.id)).toEqual(['1', '3']);
    expect(matchAllergies('Salbutamol', allergies)).toEqual([]);
  });
});
