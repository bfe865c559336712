const MAX_LENGTH = 32;

/** An invoice code from a name: letters without accents and digits, upper-case, other runs as one dash. */
export function codeFromName(name: string): string {
  const code = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .slice(0, MAX_LENGTH)
    .replace(/^-+|-+$/g, '');
  return code || 'SERVICE';
}

/** `base`, or base-2, base-3… (shortened to fit) when it is taken. */
export function uniqueCode(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const code = `${base.slice(0, MAX_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(code)) return code;
  }
}
