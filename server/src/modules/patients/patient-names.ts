/** Letters that Unicode does not decompose into a base letter plus an accent. */
const FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * Lower-case, accent-free words separated by single spaces: "Muñoz-Pérez, José" → "munoz perez jose".
 * Stored names and search terms go through the same function, so they compare alike.
 */
export function normalizeName(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => FOLDS[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export type NameParts = {
  givenName: string;
  middleName?: string | null | undefined;
  familyName: string;
  suffix?: string | null | undefined;
  preferredName?: string | null | undefined;
};

const joined = (parts: (string | null | undefined)[]) => normalizeName(parts.filter(Boolean).join(' '));

/** "given middle family preferred": prefix matches on the given name, and trigram matching. */
export function searchNameOf(p: NameParts): string {
  return joined([p.givenName, p.middleName, p.familyName, p.preferredName]);
}

/** "family given middle": the name sort key, and prefix matches on the family name. */
export function sortNameOf(p: NameParts): string {
  return joined([p.familyName, p.givenName, p.middleName]);
}

export function displayNameOf(p: NameParts): string {
  return [p.givenName, p.middleName, p.familyName, p.suffix].filter(Boolean).join(' ');
}
