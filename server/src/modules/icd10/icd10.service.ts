import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { type Icd10Code, normalizeIcd10Code } from '@carebase/contracts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import * as repo from './icd10.repository.ts';
import {
  detectIcd10Format,
  foldText,
  type Icd10Format,
  type Icd10Record,
  parseIcd10Line,
  searchTextOf,
} from './icd10-file.ts';
import { STARTER_FILE, starterLines, starterSpanish } from './icd10-starter.ts';

export async function searchIcd10(db: Executor, q: string, limit: number): Promise<Icd10Code[]> {
  const folded = foldText(q).trim().replace(/\s+/g, ' ');
  const words = folded.split(' ').filter((w) => w.length > 0);
  return repo.searchIcd10(db, { code: normalizeIcd10Code(q), words, folded, limit });
}

/** The codes among these that exist, by code. */
export async function icd10ByCode(db: Executor, codes: string[]): Promise<Map<string, Icd10Code>> {
  const rows = await repo.findIcd10(db, [...new Set(codes)]);
  return new Map(rows.map((r) => [r.code, r]));
}

export type BadLine = { line: number; reason: string };
export type ImportResult = {
  format: Icd10Format;
  lines: number;
  inserted: number;
  updated: number;
  bad: BadLine[];
};

const BATCH = 1000;

/**
 * Reads ICD-10-CM lines (codes or order format, detected from the first line), upserting them in batches of
 * BATCH. A bad line is reported with its number and skipped; the good ones are still imported. The files are
 * English: a code of the starter set keeps the starter's Spanish wording.
 */
export async function importIcd10Lines(
  db: Executor,
  lines: AsyncIterable<string> | Iterable<string>,
  opts: { keepExisting?: boolean; onProgress?: (done: number) => void } = {},
): Promise<ImportResult> {
  const result: ImportResult = { format: 'codes', lines: 0, inserted: 0, updated: 0, bad: [] };
  const spanish = starterSpanish();
  let format: Icd10Format | null = null;
  let batch = new Map<string, Icd10Record>();
  const flush = async () => {
    if (batch.size === 0) return;
    const counts = await repo.upsertIcd10(db, [...batch.values()], opts);
    result.inserted += counts.inserted;
    result.updated += counts.updated;
    batch = new Map();
    opts.onProgress?.(result.inserted + result.updated);
  };
  for await (const raw of lines) {
    result.lines++;
    const line = raw.replace(/^\uFEFF/, '').replace(/\r$/, '');
    if (!line.trim()) continue;
    format ??= detectIcd10Format(line);
    const parsed = parseIcd10Line(format, line);
    if (!parsed.ok) {
      result.bad.push({ line: result.lines, reason: parsed.reason });
      continue;
    }
    const { entry } = parsed;
    batch.set(entry.code, { ...entry, descriptionEs: spanish.get(entry.code) ?? null });
    if (batch.size >= BATCH) await flush();
  }
  await flush();
  result.format = format ?? 'codes';
  return result;
}

export async function importIcd10File(
  db: Executor,
  actor: ActorContext,
  file: string,
  onProgress?: (done: number) => void,
): Promise<ImportResult> {
  const input = fs.createReadStream(file, { encoding: 'utf8' });
  const lines = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const result = await importIcd10Lines(db, lines, { onProgress });
  await repo.analyzeIcd10(db);
  await writeAudit(db, actor, {
    action: 'icd10.import',
    resourceType: 'icd10',
    details: {
      file: path.basename(file),
      format: result.format,
      inserted: result.inserted,
      updated: result.updated,
      badLines: result.bad.length,
    },
  });
  return result;
}

/**
 * At start: loads the curated starter set when the table is empty, and gives the starter codes already there
 * (from an older install or the CMS file) the starter's Spanish wording. Safe to run on every start and instance.
 */
export async function ensureIcd10Starter(db: Executor): Promise<number> {
  if (await repo.hasAnyIcd10(db)) {
    await ensureIcd10Spanish(db);
    return 0;
  }
  const result = await importIcd10Lines(db, starterLines(STARTER_FILE), { keepExisting: true });
  if (result.bad.length)
    throw new Error(`icd10-starter.txt line ${result.bad[0]?.line}: ${result.bad[0]?.reason}`);
  return result.inserted;
}

/** Writes the Spanish wording where a starter code lacks it or has an older one; answers how many codes changed. */
export async function ensureIcd10Spanish(db: Executor): Promise<number> {
  const spanish = starterSpanish();
  const rows = await repo.findIcd10(db, [...spanish.keys()]);
  const changed = rows.flatMap((r) => {
    const descriptionEs = spanish.get(r.code);
    if (!descriptionEs || descriptionEs === r.descriptionEs) return [];
    return [{ code: r.code, descriptionEs, searchText: searchTextOf(r.description, descriptionEs) }];
  });
  await repo.setIcd10Spanish(db, changed);
  return changed.length;
}
