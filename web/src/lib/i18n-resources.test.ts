import { BUILT_IN_DEPARTMENT_NAMES, BUILT_IN_ROLES, PERMISSIONS } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { en } from '../app/i18n/en.ts';
import { es } from '../app/i18n/es.ts';
import { NAV_ITEMS } from '../app/nav-items.ts';
import { TRANSLATED_ERROR_CODES } from './error-message.ts';
import { permissionLabelKey } from './permissions.ts';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const enKeys = flatten(en);
const esKeys = flatten(es);

describe('translation resources', () => {
  it('English and Spanish have exactly the same keys', () => {
    expect([...esKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it('no text is empty', () => {
    for (const [key, text] of [...enKeys, ...esKeys]) expect(text.trim(), key).not.toBe('');
  });

  it('both languages use the same interpolation variables', () => {
    for (const [key, text] of enKeys) expect(variables(esKeys.get(key) ?? ''), key).toEqual(variables(text));
  });

  it('every permission, built-in role and department, nav item and known error has a label', () => {
    for (const permission of PERMISSIONS)
      expect(enKeys.has(permissionLabelKey(permission)), permission).toBe(true);
    for (const role of BUILT_IN_ROLES) {
      expect(enKeys.has(`roleNames.${role}`), role).toBe(true);
      expect(enKeys.has(`roleDescriptions.${role}`), role).toBe(true);
    }
    for (const [key, name] of Object.entries(BUILT_IN_DEPARTMENT_NAMES))
      expect(enKeys.get(`referenceNames.departments.${key}`), key).toBe(name);
    for (const item of NAV_ITEMS) expect(enKeys.has(`nav.${item.id}`), item.id).toBe(true);
    for (const code of TRANSLATED_ERROR_CODES) expect(enKeys.has(`errors.${code}`), code).toBe(true);
  });
});
