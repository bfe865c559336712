import {
  type CreateTimeOffSchema,
  TIME_OFF_LIST_MAX,
  type TimeOff,
  type TimeOffQuerySchema,
} from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { activeProviderIds } from './providers.service.ts';
import * as repo from './scheduling.repository.ts';
import { publishScheduleChanged } from './scheduling-events.ts';
import { toTimeOff } from './scheduling-mappers.ts';

async function withNames(db: Executor, rows: repo.TimeOffRow[]): Promise<TimeOff[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.providerId ? [r.providerId] : [])))];
  const names = await repo.userNames(db, ids);
  return rows.map((r) => toTimeOff(r, names));
}

/** Time off overlapping [from, to), oldest first; a provider filter includes the clinic-wide days. */
export async function listTimeOff(db: Executor, q: z.infer<typeof TimeOffQuerySchema>): Promise<TimeOff[]> {
  const rows = await repo.listTimeOff(db, {
    providerId: q.provider,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    limit: TIME_OFF_LIST_MAX,
  });
  return withNames(db, rows);
}

/** What the audit trail keeps of a time-off row, on creation and on removal alike. */
function auditDetails(row: repo.TimeOffRow) {
  return {
    providerId: row.providerId,
    kind: row.kind,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    reason: row.reason,
  };
}

export async function createTimeOff(
  ctx: AppContext,
  actor: ActorContext,
  input: z.infer<typeof CreateTimeOffSchema>,
): Promise<TimeOff> {
  return ctx.db.transaction(async (tx) => {
    if (input.providerId !== null && !(await activeProviderIds(tx, [input.providerId])).has(input.providerId))
      throw fieldError('body.providerId', 'is not an active user with a clinical role');
    const row = await repo.insertTimeOff(tx, {
      providerId: input.providerId,
      kind: input.kind,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      reason: input.reason,
      createdBy: actor.actorId,
    });
    await writeAudit(tx, actor, {
      action: 'time_off.create',
      resourceType: 'time_off',
      resourceId: row.id,
      details: auditDetails(row),
    });
    await publishScheduleChanged(tx, row.providerId ?? row.id);
    const [created] = await withNames(tx, [row]);
    if (!created) throw new Error('time off vanished');
    return created;
  });
}

export async function deleteTimeOff(ctx: AppContext, actor: ActorContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await repo.findTimeOff(tx, id);
    if (!row) throw new AppError('not_found', 'There is no such time off.');
    await repo.deleteTimeOff(tx, id);
    await writeAudit(tx, actor, {
      action: 'time_off.delete',
      resourceType: 'time_off',
      resourceId: id,
      details: auditDetails(row),
    });
    await publishScheduleChanged(tx, row.providerId ?? id);
  });
}
