import { describe, expect, it } from 'vitest';
import { allergyMatchReason, matchAllergies, normalizeDrugName } from './allergy-match.ts';

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
    expect(allergyMatchReason('Cefuroxime', 'Ceftriaxone')).toContain('cephalosporin class');
    expect(allergyMatchReason('Ceftazidime', 'beta-lactams')).toContain('cephalosporin class');
    expect(allergyMatchReason('Oxycodone', 'Codeine')).toContain('opioid class');
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

describe('allergyMatchReason across English and Spanish', () => {
  it('puts Spanish drug and class names in English, with or without accents', () => {
    expect(normalizeDrugName('Amoxicilina 500 mg')).toBe('amoxicillin 500 mg');
    expect(normalizeDrugName('ÁCIDO ACETILSALICÍLICO')).toBe('acid acetylsalicylic');
    expect(normalizeDrugName('Codeína')).toBe(normalizeDrugName('codeina'));
    expect(normalizeDrugName('amoxicilina/ácido clavulánico')).toBe('amoxicillin/acid clavulanico');
    expect(normalizeDrugName('Trimetoprima-sulfametoxazol')).toBe('trimethoprim-sulfamethoxazole');
    expect(normalizeDrugName('constructor toString')).toBe('constructor tostring');
  });

  it('warns on an English drug for an allergy recorded in Spanish', () => {
    expect(allergyMatchReason('Amoxicillin', 'Penicilina')).toContain('penicillin class');
    expect(allergyMatchReason('Penicillin V potassium', 'penicilina')).toContain('matches');
    expect(allergyMatchReason('Co-trimoxazole', 'Sulfamidas')).toContain('sulfonamide class');
    expect(allergyMatchReason('Naproxen', 'AINEs')).toContain('nsaid class');
    expect(allergyMatchReason('Aspirin', 'AAS')).toContain('matches');
    expect(allergyMatchReason('Ceftriaxone', 'Cefalexina')).toContain('cephalosporin class');
    expect(allergyMatchReason('Morphine sulfate', 'Codeína')).toContain('opioid class');
  });

  it('warns on a Spanish drug for an allergy recorded in English', () => {
    expect(allergyMatchReason('Amoxicilina 500 mg', 'penicillin')).toContain('penicillin class');
    expect(allergyMatchReason('Amoxicilina/ácido clavulánico 875/125 mg', 'Amoxicillin')).toContain(
      'matches',
    );
    expect(allergyMatchReason('Bencilpenicilina benzatínica', 'Penicillins')).not.toBeNull();
    expect(allergyMatchReason('Trimetoprima-sulfametoxazol', 'sulfa')).toContain('sulfonamide class');
    expect(allergyMatchReason('Ibuprofeno 400 mg', 'NSAID')).toContain('nsaid class');
    expect(allergyMatchReason('Diclofenaco sódico', 'Aspirin')).toContain('nsaid class');
    expect(allergyMatchReason('Ceftriaxona 1 g IV', 'cephalosporins')).toContain('cephalosporin class');
    expect(allergyMatchReason('Tramadol gotas', 'opioids')).toContain('opioid class');
    expect(allergyMatchReason('Fentanilo parche', 'Morphine')).toContain('opioid class');
  });

  it('warns within Spanish: drug and class names, accents or not', () => {
    expect(allergyMatchReason('Ibuprofeno', 'AINE')).toContain('nsaid class');
    expect(allergyMatchReason('Ácido acetilsalicílico 100 mg', 'antiinflamatorios no esteroideos')).toContain(
      'nsaid class',
    );
    expect(allergyMatchReason('Aspirina', 'acido acetilsalicilico')).toContain('nsaid class');
    expect(allergyMatchReason('Ampicilina', 'Betalactámicos')).toContain('penicillin class');
    expect(allergyMatchReason('Cefuroxima', 'betalactamicos')).toContain('cephalosporin class');
    expect(allergyMatchReason('Sulfadiazina de plata crema', 'Sulfonamidas')).toContain('sulfonamide class');
    expect(allergyMatchReason('Morfina', 'opiáceos')).toContain('opioid class');
    expect(allergyMatchReason('Oxicodona', 'Codeína')).toContain('opioid class');
    expect(allergyMatchReason('Naproxeno sódico', 'Ketorolaco')).toContain('nsaid class');
  });

  it('does not warn on unrelated drugs or on the common words of either language', () => {
    expect(allergyMatchReason('Paracetamol', 'Penicillin')).toBeNull();
    expect(allergyMatchReason('Paracetamol 500 mg', 'Penicilina')).toBeNull();
    expect(allergyMatchReason('Paracetamol', 'AINE')).toBeNull();
    expect(allergyMatchReason('Ácido fólico', 'Ácido mefenámico')).toBeNull();
    expect(allergyMatchReason('Losartán potásico', 'Penicilina V potásica')).toBeNull();
    expect(allergyMatchReason('Sulfato ferroso', 'Sulfamidas')).toBeNull();
    expect(allergyMatchReason('Omeprazol cápsulas', 'Amoxicilina cápsulas')).toBeNull();
    expect(allergyMatchReason('Ceftriaxona', 'Penicilina')).toBeNull();
    expect(allergyMatchReason('Naloxona', 'Morfina')).toBeNull();
    expect(allergyMatchReason('Metformina', 'Cefalexina')).toBeNull();
    expect(allergyMatchReason('Loratadina jarabe', 'Ibuprofeno jarabe')).toBeNull();
    expect(allergyMatchReason('Heparina sódica', 'Cefazolina sódica')).toBeNull();
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
