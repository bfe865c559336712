import fs from 'node:fs';
import type { Config } from '../../config.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.writer.ts';
import { runMigrations } from '../../platform/db/migrate.ts';
import { openDatabase } from '../../platform/db/open.ts';
import { type ImportResult, importIcd10File } from './icd10.service.ts';

const SHOWN_BAD_LINES = 20;

export function describeImport(file: string, r: ImportResult): string[] {
  const out = [
    `Imported ${r.inserted + r.updated} ICD-10 codes from ${file} (${r.format} format): ${r.inserted} new, ${r.updated} updated.`,
  ];
  if (r.bad.length) {
    out.push(`${r.bad.length} line(s) skipped:`);
    for (const b of r.bad.slice(0, SHOWN_BAD_LINES)) out.push(`  line ${b.line}: ${b.reason}`);
    if (r.bad.length > SHOWN_BAD_LINES) out.push(`  … and ${r.bad.length - SHOWN_BAD_LINES} more`);
  }
  return out;
}

/** `carebase import-icd10 FILE`: exit 0 when codes were imported, 1 when the file held none that were good. */
export async function importIcd10Command(config: Config, file: string): Promise<number> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    console.error(`No such file: ${file}`);
    return 1;
  }
  const database = await openDatabase(config);
  try {
    await runMigrations(database);
    let next = 10_000;
    const result = await importIcd10File(database.db, SYSTEM_ACTOR, file, (done) => {
      if (done >= next) {
        console.log(`  ${done} codes written…`);
        next = done + 10_000;
      }
    });
    const lines = describeImport(file, result);
    for (const line of lines) console.log(line);
    return result.inserted + result.updated > 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}
