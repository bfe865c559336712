import { createRequire } from 'node:module';

type NameEntry = { tag: string; vr: string };
let names: Record<string, NameEntry | undefined> | undefined;

function nameMap(): Record<string, NameEntry | undefined> {
  if (!names) {
    const require = createRequire(import.meta.url);
    const dcmjs = require('dcmjs') as {
      data: { DicomMetaDictionary: { nameMap: Record<string, NameEntry> } };
    };
    names = dcmjs.data.DicomMetaDictionary.nameMap;
  }
  return names;
}

/**
 * The tag key (eight hex digits) an attribute is named by in a query: a keyword such as PatientName, or the
 * tag itself (00100010); null when it names nothing. Nested paths (a.b) are not supported.
 */
export function attributeKey(name: string): string | null {
  if (/^[0-9A-Fa-f]{8}$/.test(name)) return name.toUpperCase();
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) return null;
  const entry = nameMap()[name];
  if (!entry) return null;
  const hex = entry.tag.replace(/[(),]/g, '');
  return /^[0-9A-F]{8}$/i.test(hex) ? hex.toUpperCase() : null;
}
