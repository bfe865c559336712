import type {
  PutScheduleSchema,
  WeeklySchedule,
  WorkingTime,
  WorkingTimeQuerySchema,
} from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { fieldError } from '../../platform/errors.ts';
import { readSystemSettings } from '../settings/settings.service.ts';
import { requireProvider } from './providers.service.ts';
import * as repo from './scheduling.repository.ts';
import { publishScheduleChanged } from './scheduling-events.ts';
import { toRule } from './scheduling-mappers.ts';
import { workingIntervals } from './working-time.ts';

async function clinicTimeZone(db: Executor): Promise<string> {
  return (await readSystemSettings(db)).settings.timeZone;
}

export async function getSchedule(db: Executor, providerId: string): Promise<WeeklySchedule> {
  await requireProvider(db, providerId);
  const rules = await repo.rulesOfProvider(db, providerId);
  return { providerId, timeZone: await clinicTimeZone(db), rules: rules.map(toRule) };
}

/** Replaces every weekly rule of the provider at once; the body has passed weeklyRuleProblems already. */
export async function replaceSchedule(
  ctx: AppContext,
  actor: ActorContext,
  providerId: string,
  input: z.infer<typeof PutScheduleSchema>,
): Promise<WeeklySchedule> {
  return ctx.db.transaction(async (tx) => {
    await requireProvider(tx, providerId);
    const roomIds = [...new Set(input.rules.flatMap((r) => (r.roomId ? [r.roomId] : [])))];
    const known = new Set((await repo.roomsByIds(tx, roomIds)).map((r) => r.id));
    input.rules.forEach((r, i) => {
      if (r.roomId === null) return;
      if (r.kind === 'break') throw fieldError(`body.rules.${i}.roomId`, 'applies to work periods only');
      if (!known.has(r.roomId)) throw fieldError(`body.rules.${i}.roomId`, 'is not a room');
    });
    const before = await repo.rulesOfProvider(tx, providerId);
    await repo.replaceRules(tx, providerId, input.rules);
    await writeAudit(tx, actor, {
      action: 'schedule.replace',
      resourceType: 'schedule',
      resourceId: providerId,
      details: {
        before: before.map((r) => {
          const { id: _, ...rest } = toRule(r);
          return rest;
        }),
        rules: input.rules,
      },
    });
    await publishScheduleChanged(tx, providerId);
    const rules = await repo.rulesOfProvider(tx, providerId);
    return { providerId, timeZone: await clinicTimeZone(tx), rules: rules.map(toRule) };
  });
}

export async function getWorkingTime(
  db: Executor,
  q: z.infer<typeof WorkingTimeQuerySchema>,
): Promise<WorkingTime> {
  await requireProvider(db, q.provider);
  const timeZone = await clinicTimeZone(db);
  const intervals = await workingIntervals(db, {
    providerId: q.provider,
    from: new Date(q.from),
    to: new Date(q.to),
    timeZone,
  });
  return {
    providerId: q.provider,
    timeZone,
    intervals: intervals.map((x) => ({
      start: x.start.toISOString(),
      end: x.end.toISOString(),
      roomId: x.roomId,
    })),
  };
}
