import type { Certificate } from '@carebase/contracts';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/use-formatters.ts';
import { formatCalendarDate } from './certificate-rules.ts';

/** Titles, periods and dates of certificates in the user's language and date format. */
export function useCertificateWords() {
  const { t } = useTranslation();
  const format = useFormatters();

  const title = useCallback(
    (certificate: Pick<Certificate, 'type' | 'title'>) =>
      certificate.type === 'custom' && certificate.title
        ? certificate.title
        : t(`certificates.types.${certificate.type}`),
    [t],
  );

  const calendarDate = useCallback(
    (date: string) => formatCalendarDate(date, format.context),
    [format.context],
  );

  /** "3 days: Mar 12 – Mar 14, 2026", "Valid from …", or null when the certificate has no dates. */
  const period = useCallback(
    (c: Pick<Certificate, 'type' | 'validFrom' | 'validTo' | 'restDays'>) => {
      if (c.type === 'sick_leave' && c.validFrom && c.validTo) {
        return t('certificates.restPeriod', {
          count: c.restDays ?? 0,
          days: c.restDays ?? 0,
          from: calendarDate(c.validFrom),
          to: calendarDate(c.validTo),
        });
      }
      if (c.validFrom && c.validTo) {
        return t('certificates.validBetween', {
          from: calendarDate(c.validFrom),
          to: calendarDate(c.validTo),
        });
      }
      if (c.validFrom) return t('certificates.validFrom', { from: calendarDate(c.validFrom) });
      if (c.validTo) return t('certificates.validUntil', { to: calendarDate(c.validTo) });
      return null;
    },
    [t, calendarDate],
  );

  return useMemo(
    () => ({ title, period, calendarDate, dateTime: format.dateTime }),
    [title, period, calendarDate, format.dateTime],
  );
}
