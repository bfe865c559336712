import { LANGUAGES, type Language } from '@carebase/contracts';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, type Translation } from './en.ts';

const STORAGE_KEY = 'carebase.language';

/**
 * English is built in (it is also the fallback); other languages load when first used, so the sign-in page
 * does not carry every dictionary.
 */
const LOADERS: Record<Language, () => Promise<Translation>> = {
  en: async () => en,
  es: () => import('./es.ts').then((m) => m.es),
};
const loaded = new Set<Language>(['en']);

async function ensureLoaded(language: Language): Promise<void> {
  if (loaded.has(language)) return;
  const translation = await LOADERS[language]();
  // Deep, so that words a feature registered already (imaging-i18n.ts) stay.
  i18n.addResourceBundle(language, 'translation', translation, true, true);
  loaded.add(language);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Before anyone signs in: the last language used on this device, else the browser's. */
function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // storage may be unavailable (private mode); fall through
  }
  const browser = navigator.language.slice(0, 2);
  return isLanguage(browser) ? browser : 'en';
}

export const i18n = i18next.createInstance();
// Read before init: init's own languageChanged ('en') stores 'en' on the device.
const firstLanguage = initialLanguage();

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not fatal
  }
});

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Resolves once the first language (this device's, else the browser's) is loaded and in use. */
export const i18nReady: Promise<void> = (async () => {
  const language = firstLanguage;
  if (language === 'en') return;
  try {
    await ensureLoaded(language);
    await i18n.changeLanguage(language);
  } catch {
    // the dictionary could not load (offline): English stands in
  }
})();

/** Switches the language only when it differs, so that callers can call it on every render cycle. */
export function applyLanguage(language: Language): void {
  if (i18n.language === language) return;
  void ensureLoaded(language)
    .then(() => i18n.changeLanguage(language))
    .catch(() => {});
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'en';
}
