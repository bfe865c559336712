import { SPANISH_TERMS } from './allergy-match-spanish.ts';

export type AllergyRecord = { id: string; substance: string; reaction: string | null; severity: string };
export type AllergyMatch = { allergy: AllergyRecord; why: string };

/**
 * Drug classes whose members cross-react: an allergy naming the class or any member warns for every member.
 * Names are folded (lower case, no accents) and English: Spanish names are put in English first
 * (allergy-match-spanish.ts). A member matches as a word or as the start of one.
 */
const DRUG_CLASSES: Record<string, { names: string[]; members: string[] }> = {
  penicillin: {
    names: ['penicillin', 'penicillins', 'beta-lactam', 'beta-lactams', 'betalactam', 'betalactams'],
    members: [
      'penicillin',
      'amoxicillin',
      'amoxycillin',
      'ampicillin',
      'co-amoxiclav',
      'benzylpenicillin',
      'phenoxymethylpenicillin',
      'benzathine',
      'piperacillin',
      'dicloxacillin',
      'flucloxacillin',
      'cloxacillin',
      'oxacillin',
      'nafcillin',
      'bacampicillin',
      'pivampicillin',
      'ticarcillin',
    ],
  },
  sulfonamide: {
    names: ['sulfa', 'sulpha', 'sulfonamide', 'sulfonamides', 'sulphonamide', 'sulphonamides'],
    members: [
      'sulfamethoxazole',
      'sulphamethoxazole',
      'sulfadiazine',
      'sulfasalazine',
      'sulfisoxazole',
      'sulfacetamide',
      'cotrimoxazole',
      'co-trimoxazole',
    ],
  },
  cephalosporin: {
    names: ['cephalosporin', 'cephalosporins', 'beta-lactam', 'beta-lactams', 'betalactam', 'betalactams'],
    members: [
      'cefalexin',
      'cephalexin',
      'cefadroxil',
      'cefazolin',
      'cephazolin',
      'cefradine',
      'cephradine',
      'cefaclor',
      'cefuroxime',
      'cefoxitin',
      'cefprozil',
      'cefixime',
      'cefdinir',
      'cefpodoxime',
      'cefotaxime',
      'ceftriaxone',
      'ceftazidime',
      'cefoperazone',
      'cefepime',
      'ceftaroline',
      'ceftolozane',
      'cefiderocol',
    ],
  },
  opioid: {
    names: ['opioid', 'opioids', 'opiate', 'opiates'],
    members: [
      'codeine',
      'dihydrocodeine',
      'morphine',
      'tramadol',
      'tapentadol',
      'oxycodone',
      'hydrocodone',
      'hydromorphone',
      'oxymorphone',
      'fentanyl',
      'alfentanil',
      'remifentanil',
      'sufentanil',
      'methadone',
      'pethidine',
      'meperidine',
      'buprenorphine',
    ],
  },
  nsaid: {
    names: ['nsaid', 'nsaids', 'anti-inflammatory', 'antiinflammatory'],
    members: [
      'ibuprofen',
      'naproxen',
      'diclofenac',
      'aspirin',
      'acetylsalicylic',
      'mefenamic',
      'ketorolac',
      'ketoprofen',
      'celecoxib',
      'etoricoxib',
      'indomethacin',
      'meloxicam',
      'piroxicam',
      'nabumetone',
      'etodolac',
    ],
  },
};

/** Words too common in drug and allergy names to link them ("sodium", "tablet", "acid"). */
const STOPWORDS = new Set([
  'acid',
  'allergy',
  'allergic',
  'capsule',
  'capsules',
  'cream',
  'drops',
  'drug',
  'drugs',
  'hydrochloride',
  'injection',
  'oral',
  'potassium',
  'sodium',
  'solution',
  'suspension',
  'syrup',
  'tablet',
  'tablets',
  'with',
]);

export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Folded, with Spanish drug and class names in English: "Amoxicilina 500 mg" → "amoxicillin 500 mg". */
export function normalizeDrugName(s: string): string {
  return fold(s).replace(
    /[a-z0-9]+(?:-[a-z0-9]+)*/g,
    (word) =>
      SPANISH_TERMS.get(word) ??
      word
        .split('-')
        .map((part) => SPANISH_TERMS.get(part) ?? part)
        .join('-'),
  );
}

/** Distinctive words of a normalised name (a hyphenated word also as its parts). */
function wordsOf(s: string): string[] {
  return s
    .split(/[^a-z0-9-]+/)
    .flatMap((w) => [w, ...w.split('-')])
    .filter((w) => w.length >= 4 && !STOPWORDS.has(w))
    .map((w) => (w.length > 5 && w.endsWith('s') ? w.slice(0, -1) : w));
}

/** Class names match whole words only ("sulfa", not "ferrous sulfate"); members also as a word's start. */
function classesOf(name: string): string[] {
  const words = name
    .split(/[^a-z0-9-]+/)
    .flatMap((w) => (w.includes('-') ? [w, ...w.split('-')] : [w]))
    .filter(Boolean);
  return Object.entries(DRUG_CLASSES)
    .filter(
      ([, c]) =>
        c.names.some((n) => words.includes(n)) || c.members.some((m) => words.some((w) => w.startsWith(m))),
    )
    .map(([key]) => key);
}

/** needle inside haystack on word boundaries: "penicillin" in "penicillin v", not "asa" in "nasal". */
function containsPhrase(haystack: string, needle: string): boolean {
  let from = haystack.indexOf(needle);
  while (from >= 0) {
    const before = haystack.charAt(from - 1);
    const after = haystack.charAt(from + needle.length);
    if (!/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after)) return true;
    from = haystack.indexOf(needle, from + 1);
  }
  return false;
}

/** Why a drug matches an allergy substance, or null when it does not. */
export function allergyMatchReason(drug: string, substance: string): string | null {
  const d = normalizeDrugName(drug);
  const s = normalizeDrugName(substance);
  if (!d || !s) return null;
  if (containsPhrase(d, s) || containsPhrase(s, d)) return `${drug} matches the allergy to ${substance}`;
  const drugWords = new Set(wordsOf(d));
  const shared = wordsOf(s).find((w) => drugWords.has(w));
  if (shared) return `${drug} shares "${shared}" with the allergy to ${substance}`;
  const drugClasses = new Set(classesOf(d));
  const common = classesOf(s).find((c) => drugClasses.has(c));
  if (common) return `${drug} is in the ${common} class, like the allergy to ${substance}`;
  return null;
}

export function matchAllergies(drug: string, allergies: AllergyRecord[]): AllergyMatch[] {
  return allergies.flatMap((allergy) => {
    const why = allergyMatchReason(drug, allergy.substance);
    return why ? [{ allergy, why }] : [];
  });
}
