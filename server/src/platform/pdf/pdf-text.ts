export type PdfLanguage = 'en' | 'es';

/** Characters of Windows-1252 above Latin-1's control block that the standard PDF fonts also draw. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Letters with a stroke rather than an accent, which NFD does not take apart. */
const STROKED: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŧ: 'T',
  ŧ: 't',
};

function drawable(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  if (code === 0x0a) return true;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return false;
  return code <= 0xff || WIN_ANSI_EXTRA.has(ch);
}

/**
 * Text the built-in Helvetica can draw: Latin-1 (so "Muñoz", "José", "Peña" stay as they are) and the
 * Windows-1252 extras. Other letters lose their accent when they have a plain form ("ł" prints as "l", a letter with no plain
 * form as "?"), rather than printing as garbage.
 */
export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    if (drawable(ch)) {
      out += ch;
      continue;
    }
    const plain = (STROKED[ch] ?? ch).normalize('NFD').replace(/\p{M}/gu, '');
    out += plain && [...plain].every(drawable) ? plain : '?';
  }
  return out;
}

const LOCALES: Record<PdfLanguage, string> = { en: 'en-GB', es: 'es-ES' };

/** A calendar date (YYYY-MM-DD) as "14 March 2026" / "14 de marzo de 2026", with no time-zone shift. */
export function formatDate(isoDate: string, lang: PdfLanguage): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** The day of an instant in the clinic's time zone, as formatDate writes it. */
export function formatDay(at: Date, timeZone: string, lang: PdfLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone }).format(at);
}

export function formatDateTime(at: Date, timeZone: string, lang: PdfLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(at);
}

/** Integer minor units → "$1,234.50" in the clinic currency. */
export function formatMoney(minor: number, currency: string, lang: PdfLanguage): string {
  const format = new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}
