import type { AlertRule } from '@carebase/contracts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/use-formatters.ts';
import { type BackupFormat, useBackupFormat } from '../backups/use-backup-format.ts';

export interface MonitoringFormat extends BackupFormat {
  /** `0.0042` → `0.4%`: shares small enough that a decimal matters (error rates, hit ratios). */
  fineShare: (value: number | null) => string;
  /** `240 ms`, `1.4 s`; a dash when unknown. */
  ms: (value: number | null) => string;
  /** A threshold or an alert's value in its rule's unit: `26 h`, `10%`, `1 s`, `3`. */
  inUnit: (value: number, unit: AlertRule['unit']) => string;
  /** A time of day (`14:05`), with the day too when `withDay`, in the clinic's zone: chart axes. */
  time: (iso: string, withDay: boolean) => string;
}

/** The backups page's sizes, ages and shares, plus latencies, finer shares and chart times. */
export function useMonitoringFormat(): MonitoringFormat {
  const { t } = useTranslation();
  const backup = useBackupFormat();
  const { context, number } = useFormatters();
  return useMemo(() => {
    const dash = t('common.emptyValue');
    const percent = new Intl.NumberFormat(context.language, { style: 'percent', maximumFractionDigits: 1 });
    const clock = new Intl.DateTimeFormat(context.language, {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: context.timeZone,
    });
    const dayClock = new Intl.DateTimeFormat(context.language, {
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: context.timeZone,
    });
    const ms = (value: number | null) => {
      if (value === null) return dash;
      return value < 1000
        ? t('monitoring.units.ms', { value: number(Math.round(value)) })
        : backup.duration(value);
    };
    return {
      ...backup,
      fineShare: (value) => (value === null ? dash : percent.format(value)),
      ms,
      inUnit: (value, unit) => {
        switch (unit) {
          case 'hours':
            return t('monitoring.units.hours', { value: number(Math.round(value * 10) / 10) });
          case 'percent':
            return percent.format(value / 100);
          case 'ms':
            return ms(value);
          case 'count':
            return number(value);
          case 'megabytes':
            return t('monitoring.units.megabytes', { value: number(Math.round(value)) });
        }
      },
      time: (iso, withDay) => (withDay ? dayClock : clock).format(new Date(iso)),
    };
  }, [t, backup, context, number]);
}
