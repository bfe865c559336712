import type { Patient, Prescription } from '@carebase/contracts';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { PdfLanguage } from '../../platform/pdf/pdf-text.ts';
import type { RECORD_WORDS } from './record-pdf-words.ts';

type Words = (typeof RECORD_WORDS)[PdfLanguage];

const NUMBER_LOCALES: Record<PdfLanguage, string> = { en: 'en-GB', es: 'es-ES' };

/** 37.25 → "37.3" / "37,3"; whole numbers stay whole. */
export function formatNumber(value: number, lang: PdfLanguage, digits = 1): string {
  return new Intl.NumberFormat(NUMBER_LOCALES[lang], { maximumFractionDigits: digits }).format(value);
}

export function formatBytes(size: number, lang: PdfLanguage): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${formatNumber(size / 1024, lang)} KB`;
  return `${formatNumber(size / (1024 * 1024), lang)} MB`;
}

/** A stored E.164 number written for people: "+52 55 1234 5678". */
export function formatPhone(e164: string | null): string {
  if (!e164) return '';
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

export function addressLine(a: Patient['address']): string {
  const cityLine = [a.postalCode, a.city].filter(Boolean).join(' ');
  return [a.line1, a.line2, cityLine, a.region, a.country].filter(Boolean).join(', ');
}

/** A diagnosis in the reader's language: the Spanish wording where the code has one, else the English record. */
export function diagnosisDescription(
  d: { description: string; descriptionEs: string | null },
  lang: PdfLanguage,
): string {
  return lang === 'es' && d.descriptionEs ? d.descriptionEs : d.description;
}

export function medicineName(p: Pick<Prescription, 'drug' | 'strength' | 'form'>): string {
  return [p.drug, p.strength, p.form].filter(Boolean).join(' ');
}

/** "1 tablet · oral · twice a day · for 5 days", then the instructions on their own line. */
export function directionsOf(p: Prescription, w: Words): string {
  const how = [p.dose, p.route, p.frequency, p.durationDays ? w.encounter.days(p.durationDays) : null]
    .filter(Boolean)
    .join(' · ');
  return p.instructions ? `${how}\n${p.instructions}` : how;
}
