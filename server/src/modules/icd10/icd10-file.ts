import { normalizeIcd10Code } from '@carebase/contracts';

/**
 * Parsing of the public CMS ICD-10-CM files. Two layouts exist:
 * - codes file (icd10cm_codes_YYYY.txt): the code without its dot, spaces, the long description;
 * - order file (icd10cm_order_YYYY.txt), fixed columns: 5-digit order number (0–4), code (6–12), header flag
 *   (14: 0 = category header, 1 = valid for billing), short description (16–75), long description (77–).
 */
export type Icd10Format = 'codes' | 'order';
export type Icd10Entry = { code: string; description: string; billable: boolean };
/** An entry as stored: the Spanish wording comes from the starter set, never from the CMS file. */
export type Icd10Record = Icd10Entry & { descriptionEs: string | null };
export type Icd10LineResult = { ok: true; entry: Icd10Entry } | { ok: false; reason: string };

const ORDER_LINE = /^\d{5} [A-Z0-9]/;
const MAX_DESCRIPTION = 400;

/** Decided by the first non-blank line: order files start with a 5-digit order number, codes never do. */
export function detectIcd10Format(firstLine: string): Icd10Format {
  return ORDER_LINE.test(firstLine) ? 'order' : 'codes';
}

function entryOf(rawCode: string, description: string, billable: boolean): Icd10LineResult {
  const code = normalizeIcd10Code(rawCode);
  if (!code) return { ok: false, reason: `"${rawCode}" is not an ICD-10 code` };
  const text = description.trim().replace(/\s+/g, ' ');
  if (!text) return { ok: false, reason: `code ${code} has no description` };
  if (text.length > MAX_DESCRIPTION)
    return { ok: false, reason: `the description is longer than ${MAX_DESCRIPTION} characters` };
  return { ok: true, entry: { code, description: text, billable } };
}

export function parseCodesLine(line: string): Icd10LineResult {
  const match = /^(\S+)\s+(.*)$/.exec(line.trim());
  if (!match) return { ok: false, reason: 'expected a code, spaces, then a description' };
  return entryOf(match[1] ?? '', match[2] ?? '', true);
}

export function parseOrderLine(line: string): Icd10LineResult {
  const text = line.trimEnd();
  if (!ORDER_LINE.test(text) || text.length < 17)
    return {
      ok: false,
      reason: 'expected the order-file columns: order number, code, header flag, descriptions',
    };
  const flag = text.charAt(14);
  if ((flag !== '0' && flag !== '1') || text.charAt(13) !== ' ' || text.charAt(15) !== ' ')
    return { ok: false, reason: 'the header flag (column 15) must be 0 or 1' };
  const short = text.slice(16, 76);
  const long = text.slice(77);
  return entryOf(text.slice(6, 13).trim(), long.trim() ? long : short, flag === '1');
}

export function parseIcd10Line(format: Icd10Format, line: string): Icd10LineResult {
  return format === 'order' ? parseOrderLine(line) : parseCodesLine(line);
}

/** Lower-case and accent-free, the form search compares: "Pénicilline" → "penicilline". */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Between the English and the Spanish folded text, so a word search can tell where each language starts. */
export const SEARCH_TEXT_SEPARATOR = '\n';

/** What search matches against: both descriptions folded, English first. */
export function searchTextOf(description: string, descriptionEs: string | null): string {
  const english = foldText(description);
  return descriptionEs ? `${english}${SEARCH_TEXT_SEPARATOR}${foldText(descriptionEs)}` : english;
}
