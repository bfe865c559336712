import type { AlertRule } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import { announceAlert } from './alert-notify.ts';
import { MEASURES, type Reading } from './alert-readings.ts';
import { currentRules } from './alert-rules.ts';
import { type AlertRow, firingAlerts, openAlert, resolveAlert, updateFiring } from './alerts.repository.ts';

/** Clear readings in a row a firing alert needs before it resolves. */
export const CLEAR_READINGS = 3;

export type Evaluation = { fired: number; resolved: number };

async function fire(ctx: AppContext, rule: AlertRule, reading: Reading): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const alert = await openAlert(tx, {
      rule: rule.key,
      subject: reading.subject,
      value: reading.value,
      threshold: rule.threshold,
    });
    if (alert) await announceAlert(ctx, tx, 'fired', alert);
    return alert !== null;
  });
}

async function resolve(ctx: AppContext, alert: AlertRow): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const resolved = await resolveAlert(tx, alert.id);
    if (resolved) await announceAlert(ctx, tx, 'resolved', resolved);
    return resolved !== null;
  });
}

/** Follows a firing alert with this reading: it stays, counts towards resolving, or resolves. */
async function follow(ctx: AppContext, alert: AlertRow, reading: Reading): Promise<boolean> {
  if (reading.breached || !reading.clear) {
    await updateFiring(ctx.db, alert.id, { value: reading.value, clearStreak: 0 });
    return false;
  }
  // The history keeps the value last seen while firing: what the alert was about, not the all-clear.
  if (alert.clearStreak + 1 >= CLEAR_READINGS) return resolve(ctx, alert);
  await updateFiring(ctx.db, alert.id, { value: reading.value, clearStreak: alert.clearStreak + 1 });
  return false;
}

/**
 * Measures every enabled rule and fires or resolves its alerts. A rule that cannot be measured this time (its
 * query failed) is skipped and logged, leaving its alerts as they were; a switched-off rule's alerts resolve.
 */
export async function evaluateAlerts(ctx: AppContext): Promise<Evaluation> {
  const result: Evaluation = { fired: 0, resolved: 0 };
  for (const rule of await currentRules(ctx.db)) {
    const firing = await firingAlerts(ctx.db, rule.key);
    if (!rule.enabled) {
      for (const alert of firing) if (await resolve(ctx, alert)) result.resolved++;
      continue;
    }
    let readings: Reading[];
    try {
      readings = await MEASURES[rule.key](ctx, rule.threshold);
    } catch (err) {
      ctx.log.warn({ err, rule: rule.key }, 'alert rule could not be measured');
      continue;
    }
    for (const reading of readings)
      if (reading.breached && !firing.some((a) => a.subject === reading.subject))
        if (await fire(ctx, rule, reading)) result.fired++;
    for (const alert of firing) {
      // A subject no longer measured at all (an instance long gone and forgotten) reads as clear.
      const reading = readings.find((r) => r.subject === alert.subject) ?? {
        subject: alert.subject,
        value: null,
        breached: false,
        clear: true,
      };
      if (await follow(ctx, alert, reading)) result.resolved++;
    }
  }
  return result;
}
