import { type AlertRuleKey, EVENT_TYPES } from '@carebase/contracts';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { SYSTEM_ACTOR, writeAudit } from '../../platform/audit/audit.writer.ts';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { readSystemSettings } from '../settings/settings.service.ts';
import { preferredLanguage } from '../users/users.service.ts';
import { alertEmail } from './alert-words.ts';
import { type AlertRow, markNotified } from './alerts.repository.ts';

/** Active users who may change alert rules: the administrators alerts are delivered to. */
function alertRecipients(ex: Executor): Promise<{ id: string; email: string }[]> {
  return queryRows(
    ex,
    sql`SELECT DISTINCT u.id, u.email FROM users u
        JOIN user_roles ur ON ur.user_id = u.id
        JOIN roles r ON r.key = ur.role_key
        WHERE u.active AND r.permissions @> '["alerts:manage"]'::jsonb`,
  );
}

/**
 * Tells administrators that an alert fired or resolved, in the transaction that changed it: an email each through
 * the outbox (in their language), an audit entry, and an event that updates every open dashboard and the badge.
 */
export async function announceAlert(
  ctx: AppContext,
  tx: Executor,
  kind: 'fired' | 'resolved',
  alert: AlertRow,
): Promise<void> {
  const { settings } = await readSystemSettings(tx);
  const url = `${ctx.config.publicUrl}/monitoring?tab=alerts`;
  for (const user of await alertRecipients(tx)) {
    const language = await preferredLanguage(tx, user.id);
    const facts = { subject: alert.subject, value: alert.value, threshold: alert.threshold };
    const mail = alertEmail(language, kind, alert.rule as AlertRuleKey, {
      ...facts,
      clinic: settings.clinicName,
      url,
    });
    await ctx.outbox.queueEmail(tx, { to: user.email, ...mail });
  }
  if (kind === 'fired') await markNotified(tx, alert.id);
  await writeAudit(tx, SYSTEM_ACTOR, {
    action: kind === 'fired' ? 'alert.fire' : 'alert.resolve',
    resourceType: 'alert',
    resourceId: alert.id,
    details: { rule: alert.rule, subject: alert.subject, value: alert.value, threshold: alert.threshold },
  });
  await publishEvent(tx, {
    type: EVENT_TYPES.alertChanged,
    permission: 'metrics:read',
    resourceId: alert.id,
  });
}
