// Runs every e2e/*.journey.ts in a real Chromium against a freshly started server; prints N passed, N failed.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ARTIFACTS, ROOT } from './harness.ts';

const { values } = parseArgs({ options: { summary: { type: 'string' }, only: { type: 'string' } } });
const files = fs
  .readdirSync(path.join(ROOT, 'e2e'))
  .filter((f) => f.endsWith('.journey.ts') && (!values.only || f.includes(values.only)))
  .sort();
fs.rmSync(ARTIFACTS, { recursive: true, force: true });
let passed = 0;
let failed = 0;
for (const file of files) {
  const started = Date.now();
  try {
    const mod = (await import(path.join(ROOT, 'e2e', file))) as { run: () => Promise<void> };
    await mod.run();
    passed++;
    console.log(`✓ ${file} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (err) {
    failed++;
    console.error(`✗ ${file}\n${err instanceof Error ? err.stack : String(err)}`);
  }
}
console.log(`screenshots in ${path.relative(ROOT, ARTIFACTS)}/`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
if (values.summary) fs.writeFileSync(values.summary, JSON.stringify({ passed, failed }));
process.exit(failed === 0 && files.length > 0 ? 0 : 1);
