import {
  type Alert,
  type AlertQuerySchema,
  type AlertRule,
  type AlertRuleKey,
  type AlertRuleUpdateSchema,
  EVENT_TYPES,
} from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { currentRules, RULE_DEFAULTS, saveRule } from './alert-rules.ts';
import { type AlertRow, listAlerts } from './alerts.repository.ts';

function toAlert(r: AlertRow): Alert {
  return {
    id: r.id,
    rule: r.rule,
    subject: r.subject,
    severity: RULE_DEFAULTS[r.rule].severity,
    status: r.status,
    value: r.value,
    threshold: r.threshold,
    firedAt: r.firedAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    notifiedAt: r.notifiedAt?.toISOString() ?? null,
  };
}

export async function alertsPage(ctx: AppContext, q: z.infer<typeof AlertQuerySchema>) {
  const { rows, total } = await listAlerts(ctx.db, q);
  return { items: rows.map(toAlert), total, page: q.page, pageSize: q.pageSize };
}

/** Changes a rule's threshold or switches it on or off; audited with the values before and after. */
export async function updateRule(
  ctx: AppContext,
  actor: ActorContext,
  key: AlertRuleKey,
  change: z.infer<typeof AlertRuleUpdateSchema>,
): Promise<AlertRule> {
  return ctx.db.transaction(async (tx) => {
    const before = (await currentRules(tx)).find((r) => r.key === key);
    if (!before) throw new Error(`rule ${key} is not known`);
    const next = {
      enabled: change.enabled ?? before.enabled,
      threshold: change.threshold ?? before.threshold,
    };
    await saveRule(tx, key, next);
    await writeAudit(tx, actor, {
      action: 'alert_rule.update',
      resourceType: 'alert_rule',
      resourceId: key,
      details: { before: { enabled: before.enabled, threshold: before.threshold }, after: next },
    });
    await publishEvent(tx, { type: EVENT_TYPES.alertChanged, permission: 'metrics:read', resourceId: key });
    const after = (await currentRules(tx)).find((r) => r.key === key);
    if (!after) throw new Error(`rule ${key} is not known`);
    return after;
  });
}
