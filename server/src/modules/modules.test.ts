import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODULES } from './index.ts';

const here = import.meta.dirname;

describe('the module list', () => {
  it('names each module once, after its folder', () => {
    const names = MODULES.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(fs.existsSync(path.join(here, name)), name).toBe(true);
  });

  it('registers every routes plugin a module folder exports, so none is forgotten', async () => {
    const registered = new Set(MODULES.flatMap((m) => (m.routes ?? []).map((r) => r.plugin)));
    const files = fs
      .readdirSync(here, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) =>
        fs
          .readdirSync(path.join(here, d.name))
          .filter((f) => f.endsWith('.routes.ts'))
          .map((f) => path.join(here, d.name, f)),
      );
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const exported = Object.entries((await import(file)) as Record<string, unknown>).filter(
        ([name, value]) => name.endsWith('Routes') && typeof value === 'function',
      );
      expect(exported.length, file).toBeGreaterThan(0);
      for (const [name, plugin] of exported) {
        expect(registered.has(plugin as never), `${path.relative(here, file)}: ${name}`).toBe(true);
      }
    }
  });
});
