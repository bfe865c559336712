import type { ApplicationHealth, RouteFigures } from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import { diskSpace } from '../../platform/monitoring/disk-space.ts';
import { upInstanceFigures } from '../../platform/monitoring/instances.repository.ts';
import { ROUTE_WINDOW_MINUTES } from '../../platform/monitoring/request-window.ts';
import {
  jobQueueFigures,
  lastFailedBackupAt,
  outboxFigures,
  scheduleFigures,
} from './application-health.repository.ts';
import { lastVerifiedAt } from './backups.repository.ts';
import { walArchiveStatus } from './wal-archive-status.ts';

const ROUTES_SHOWN = 50;

/**
 * One route's figures over every instance: counts add up; an instance's p95 and max cannot be combined
 * exactly without its samples, so the worst instance's stands for all (never better than the truth).
 */
export function mergeRouteFigures(
  perInstance: readonly RouteFigures[][],
  limit = ROUTES_SHOWN,
): RouteFigures[] {
  const merged = new Map<string, RouteFigures>();
  for (const figures of perInstance) {
    for (const f of figures) {
      const key = `${f.method} ${f.route}`;
      const seen = merged.get(key);
      if (!seen) merged.set(key, { ...f });
      else {
        seen.count += f.count;
        seen.errors += f.errors;
        seen.refusals += f.refusals;
        seen.p95Ms = f.p95Ms === null ? seen.p95Ms : Math.max(seen.p95Ms ?? f.p95Ms, f.p95Ms);
        seen.maxMs = Math.max(seen.maxMs, f.maxMs);
      }
    }
  }
  return [...merged.values()].sort((a, b) => b.count - a.count).slice(0, limit);
}

export async function applicationHealth(ctx: AppContext): Promise<ApplicationHealth> {
  const instances = await upInstanceFigures(ctx.db);
  const verifiedAt = await lastVerifiedAt(ctx.db);
  return {
    routes: mergeRouteFigures(instances.map((i) => i.routes)),
    routeWindowMinutes: ROUTE_WINDOW_MINUTES,
    jobs: await jobQueueFigures(ctx.db),
    schedules: await scheduleFigures(ctx.db),
    outbox: await outboxFigures(ctx.db),
    websockets: instances.reduce((sum, i) => sum + i.websockets, 0),
    backups: {
      lastVerifiedAt: verifiedAt?.toISOString() ?? null,
      lastFailedAt: await lastFailedBackupAt(ctx.db),
    },
    disk: await diskSpace(ctx.config.dataDir),
    walArchive: await walArchiveStatus(ctx),
  };
}
