import type { Alert, AlertRule, AlertRuleKey } from '@carebase/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useMonitoringFormat } from './use-monitoring-format.ts';

/** The unit each rule measures in, as the rules list says; alerts carry only their numbers. */
export const RULE_UNITS: Record<AlertRuleKey, AlertRule['unit']> = {
  backup_stale: 'hours',
  disk_low: 'percent',
  error_rate: 'percent',
  latency_p99: 'ms',
  job_failures: 'count',
  outbox_failures: 'count',
  instance_gone: 'count',
  certificate_queue: 'hours',
  wal_archive: 'megabytes',
};

/** An alert as one sentence: what was measured, against which threshold, about what. */
export function useAlertSentence(): (
  alert: Pick<Alert, 'rule' | 'subject' | 'value' | 'threshold'>,
) => string {
  const { t } = useTranslation();
  const format = useMonitoringFormat();
  return useCallback(
    ({ rule, subject, value, threshold }) => {
      const unit = RULE_UNITS[rule];
      const params = {
        value: value === null ? '' : format.inUnit(value, unit),
        count: value ?? 0,
        threshold: format.inUnit(threshold, unit),
        subject,
      };
      if (rule === 'backup_stale' && value === null)
        return t('monitoring.alertSentences.backup_stale_none', params);
      if (rule === 'wal_archive' && value === null)
        return t('monitoring.alertSentences.wal_archive_stopped', params);
      const sentence = t(`monitoring.alertSentences.${rule}`, params);
      // instance_gone names its host in the sentence; others say what they are about before it.
      return subject && rule !== 'instance_gone' ? `${subject}: ${sentence}` : sentence;
    },
    [t, format],
  );
}
