import type { Service } from '@carebase/contracts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import {
  findServiceRow,
  providerIdsOfServices,
  rulesOfProvider,
  timeOffAffecting,
} from './scheduling.repository.ts';
import { toService } from './scheduling-mappers.ts';
import { computeWorkingSpans } from './working-time-math.ts';

export type WorkingInterval = { start: Date; end: Date; roomId: string | null };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The provider's working time in [from, to): weekly work rules minus breaks, minus the provider's and
 * clinic-wide time off, computed day by day in `timeZone` and returned as UTC instants, sorted,
 * non-overlapping. Local times inside a spring-forward gap are skipped; ambiguous autumn times take
 * their first occurrence.
 */
export async function workingIntervals(
  db: Executor,
  opts: { providerId: string; from: Date; to: Date; timeZone: string },
): Promise<WorkingInterval[]> {
  if (!UUID_RE.test(opts.providerId) || !(opts.from < opts.to)) return [];
  // One after the other: the executor may be a transaction, which runs one statement at a time.
  const rules = await rulesOfProvider(db, opts.providerId);
  const off = await timeOffAffecting(db, opts);
  const spans = computeWorkingSpans({
    rules,
    timeOff: off.map((t) => ({ start: t.startsAt.getTime(), end: t.endsAt.getTime() })),
    from: opts.from,
    to: opts.to,
    timeZone: opts.timeZone,
  });
  return spans.map((s) => ({ start: new Date(s.start), end: new Date(s.end), roomId: s.roomId }));
}

/** What booking needs of a service. */
export type ServiceInfo = Omit<Service, 'createdAt'>;

/** A service with its providers. Throws AppError('not_found') when there is no such service. */
export async function loadService(db: Executor, id: string): Promise<Service> {
  const row = UUID_RE.test(id) ? await findServiceRow(db, id) : undefined;
  if (!row) throw new AppError('not_found', 'There is no such service.');
  const providers = await providerIdsOfServices(db, [row.id]);
  return toService(row, providers.get(row.id) ?? []);
}

/** Throws AppError('not_found') when there is no such service. */
export async function findService(db: Executor, id: string): Promise<ServiceInfo> {
  const { createdAt: _, ...info } = await loadService(db, id);
  return info;
}
