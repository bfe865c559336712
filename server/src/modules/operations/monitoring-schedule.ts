import type { AppContext } from '../../app-context.ts';
import { evaluateAlerts } from './alert-evaluation.ts';
import { pruneAlerts } from './alerts.repository.ts';
import { takeSample } from './monitoring-sampler.ts';

export const MONITORING_SCHEDULE = 'monitoring.sample';

/** Every minute (MONITORING_INTERVAL_MS), on one instance at a time: a sample of the system, then the alerts. */
export function scheduleMonitoring(ctx: AppContext): void {
  ctx.jobs.every(MONITORING_SCHEDULE, ctx.config.monitoringIntervalMs, async () => {
    await takeSample(ctx);
    await evaluateAlerts(ctx);
    await pruneAlerts(ctx.db);
  });
}
