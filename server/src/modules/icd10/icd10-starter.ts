import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCodesLine } from './icd10-file.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The curated common codes, CMS codes format, English. */
export const STARTER_FILE = path.join(here, 'icd10-starter.txt');
/** The same codes in the same format with their Spanish (CIE-10) wording. */
export const STARTER_ES_FILE = path.join(here, 'icd10-starter-es.txt');

export function starterLines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n');
}

/** Spanish description by code (with the dot); a bad line is a defect of the shipped file and throws. */
export function starterSpanish(): Map<string, string> {
  const spanish = new Map<string, string>();
  starterLines(STARTER_ES_FILE).forEach((line, i) => {
    if (!line.trim()) return;
    const parsed = parseCodesLine(line);
    if (!parsed.ok) throw new Error(`icd10-starter-es.txt line ${i + 1}: ${parsed.reason}`);
    spanish.set(parsed.entry.code, parsed.entry.description);
  });
  return spanish;
}
