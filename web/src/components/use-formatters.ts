import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../features/auth/auth.queries.ts';
import { usePublicSettings } from '../features/settings/settings.queries.ts';
import {
  browserTimeZone,
  type DateContext,
  formatDate,
  formatDateTime,
  formatMoney,
  numberSeparators,
  regionalLocale,
} from '../lib/format.ts';

export interface Formatters {
  context: DateContext;
  currency: string;
  dateTime: (value: string | null | undefined) => string;
  date: (value: string | null | undefined) => string;
  money: (minorUnits: number) => string;
  number: (value: number) => string;
  /** How numbers are typed in this locale, for number inputs. */
  separators: { decimal: string; group: string };
  /** How amounts of the clinic's currency are typed, as money is shown. */
  moneySeparators: { decimal: string; group: string };
}

/**
 * Date, money and number formatting in the user's language (as written in the clinic's country) and date
 * format, and the clinic's zone. `context.language` is that locale, for other Intl formats.
 */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const { data: me } = useMe();
  const { data: clinic } = usePublicSettings();
  const language = regionalLocale(i18n.language, clinic?.country);
  const timeZone = clinic?.timeZone ?? browserTimeZone();
  const dateFormat = me?.settings.dateFormat ?? 'locale';
  const currency = clinic?.currency ?? 'USD';

  return useMemo(() => {
    const context: DateContext = { language, timeZone, dateFormat };
    const numberFormat = new Intl.NumberFormat(language);
    return {
      context,
      currency,
      dateTime: (value) => (value ? formatDateTime(value, context) : ''),
      date: (value) => (value ? formatDate(value, context) : ''),
      money: (minorUnits) => formatMoney(minorUnits, currency, language),
      number: (value) => numberFormat.format(value),
      separators: numberSeparators(language),
      moneySeparators: numberSeparators(language, currency),
    };
  }, [language, timeZone, dateFormat, currency]);
}
