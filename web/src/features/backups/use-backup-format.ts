import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../components/use-formatters.ts';
import { formatBytes } from '../attachments/file-rules.ts';
import { ageParts, durationParts, formatShare } from './backup-rules.ts';

export interface BackupFormat {
  /** `1.5 GB`; a dash for an unknown size. */
  bytes: (value: number | null) => string;
  /** `2 min 5 s`; a dash for an unknown duration. */
  duration: (ms: number | null) => string;
  /** `3 h ago`. */
  age: (iso: string, now: number) => string;
  /** `97%`. */
  share: (value: number) => string;
  /** `1,204`; a dash for an unknown count. */
  count: (value: number | null) => string;
}

/** Sizes, durations, ages and shares of the backups page, in the user's language. */
export function useBackupFormat(): BackupFormat {
  const { t } = useTranslation();
  const format = useFormatters();
  const { language } = format.context;
  return useMemo(() => {
    const dash = t('common.emptyValue');
    return {
      bytes: (value) => (value === null ? dash : formatBytes(value, language)),
      duration: (ms) => {
        if (ms === null) return dash;
        const parts = durationParts(ms);
        switch (parts.unit) {
          case 'hours':
            return t('backups.duration.hours', { hours: parts.hours, minutes: parts.minutes });
          case 'minutes':
            return t('backups.duration.minutes', { minutes: parts.minutes, seconds: parts.seconds });
          case 'seconds':
            return t('backups.duration.seconds', { seconds: format.number(parts.seconds) });
        }
      },
      age: (iso, now) => {
        const { unit, count } = ageParts(iso, now);
        return unit === 'now' ? t('backups.age.now') : t(`backups.age.${unit}`, { count });
      },
      share: (value) => formatShare(value, language),
      count: (value) => (value === null ? dash : format.number(value)),
    };
  }, [t, format, language]);
}
