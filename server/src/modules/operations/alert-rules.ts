import { ALERT_RULES, type AlertRule, type AlertRuleKey } from '@carebase/contracts';
import type { Executor } from '../../platform/db/database.ts';
import { alertRules } from './alerts.schema.ts';

type RuleDefault = Pick<AlertRule, 'defaultThreshold' | 'unit' | 'severity'>;

/** The rules Carebase ships, with the thresholds a clinic starts from. */
export const RULE_DEFAULTS: Record<AlertRuleKey, RuleDefault> = {
  backup_stale: { defaultThreshold: 26, unit: 'hours', severity: 'critical' },
  disk_low: { defaultThreshold: 10, unit: 'percent', severity: 'critical' },
  error_rate: { defaultThreshold: 1, unit: 'percent', severity: 'critical' },
  latency_p99: { defaultThreshold: 1000, unit: 'ms', severity: 'warning' },
  job_failures: { defaultThreshold: 1, unit: 'count', severity: 'warning' },
  outbox_failures: { defaultThreshold: 1, unit: 'count', severity: 'warning' },
  instance_gone: { defaultThreshold: 1, unit: 'count', severity: 'critical' },
  certificate_queue: { defaultThreshold: 24, unit: 'hours', severity: 'warning' },
  wal_archive: { defaultThreshold: 256, unit: 'megabytes', severity: 'critical' },
};

/** Every rule as it runs now: the clinic's changes over the defaults. */
export async function currentRules(ex: Executor): Promise<AlertRule[]> {
  const stored = new Map((await ex.select().from(alertRules)).map((r) => [r.key, r]));
  return ALERT_RULES.map((key) => {
    const row = stored.get(key);
    const defaults = RULE_DEFAULTS[key];
    return {
      key,
      ...defaults,
      enabled: row?.enabled ?? true,
      threshold: row?.threshold ?? defaults.defaultThreshold,
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  });
}

export async function saveRule(
  ex: Executor,
  key: AlertRuleKey,
  change: { enabled: boolean; threshold: number },
): Promise<void> {
  const row = { ...change, updatedAt: new Date() };
  await ex
    .insert(alertRules)
    .values({ key, ...row })
    .onConflictDoUpdate({ target: alertRules.key, set: row });
}
