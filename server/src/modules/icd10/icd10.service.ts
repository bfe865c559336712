import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type Icd10Code, normalizeIcd10Code } from '@carebase/contracts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import * as repo from './icd10.repository.ts';
import {
  detectIcd10Format,
  foldText,
  type Icd10Entry,
  type Icd10Format,
  parseIcd10Line,
} from './icd10-file.ts';

const STARTER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icd10-starter.txt');

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
 * BATCH. A bad line is reported with its number and skipped; the good ones are still imported.
 */
export async function importIcd10Lines(
  db: Executor,
  lines: AsyncIterable<string> | Iterable<string>,
  opts: { keepExisting?: boolean; onProgress?: (done: number) => void } = {},
): Promise<ImportResult> {
  const result: ImportResult = { format: 'codes', lines: 0, inserted: 0, updated: 0, bad: [] };
  let format: Icd10Format | null = null;
  let batch = new Map<string, Icd10Entry>();
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
    batch.set(parsed.entry.code, parsed.entry);
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

/** At start: loads the curated starter set when the table is empty. Safe to run on every start and instance. */
export async function ensureIcd10Starter(db: Executor): Promise<number> {
  if (await repo.hasAnyIcd10(db)) return 0;
  const text = fs.readFileSync(STARTER_FILE, 'utf8');
  const result = await importIcd10Lines(db, text.split('\n'), { keepExisting: true });
  if (result.bad.length)
    throw new Error(`icd10-starter.txt line ${result.bad[0]?.line}: ${result.bad[0]?.reason}`);
  return result.inserted;
}
