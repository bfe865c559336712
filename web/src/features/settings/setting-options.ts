/** Choices of the clinic's settings forms, from what this browser knows. */

export type Option = { value: string; label: string };

/** The browser's time zones or currencies, with the current value kept even if the browser lacks it. */
export function supported(kind: 'timeZone' | 'currency', current: string): string[] {
  let values: string[] = [];
  try {
    values = Intl.supportedValuesOf(kind);
  } catch {
    values = [];
  }
  const extra = kind === 'timeZone' ? ['UTC', current] : [current];
  return [...new Set([...values, ...extra])].filter(Boolean).sort();
}

/** Every ISO 3166 region the browser can name, as `Mexico (MX)`, sorted by name. */
export function phoneRegions(language: string, current: string): Option[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
  } catch {
    return [{ value: current, label: current }];
  }
  const out: Option[] = [];
  for (let a = 65; a <= 90; a += 1) {
    for (let b = 65; b <= 90; b += 1) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && name !== code) out.push({ value: code, label: `${name} (${code})` });
    }
  }
  if (!out.some((o) => o.value === current)) out.push({ value: current, label: current });
  return out.sort((x, y) => x.label.localeCompare(y.label, language));
}

/** ISO 4217 currencies as `MXN — Mexican Peso`. */
export function currencyOptions(language: string, current: string): Option[] {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([language], { type: 'currency' });
  } catch {
    names = null;
  }
  return supported('currency', current).map((code) => ({
    value: code,
    label: names ? `${code} — ${names.of(code) ?? code}` : code,
  }));
}
