import type { CreateDisplaySchema } from '@carebase/contracts';
import { type Display, type DisplayState, EVENT_TYPES } from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { hashToken, newToken } from '../../platform/auth/secret-token.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';
import { localDateOf } from '../scheduling/zoned-time.ts';
import { readSystemSettings } from '../settings/settings.service.ts';
import * as repo from './displays.repository.ts';
import { displayRows, findDepartment } from './queue.repository.ts';
import { activeDepartment } from './queue.service.ts';

/** How many waiting numbers a screen lists. */
const NEXT_ON_SCREEN = 10;
/** A screen shows at most this many "now serving" lines. */
const SERVING_ON_SCREEN = 12;

function toDisplay(r: repo.DisplayRow): Display {
  return {
    id: r.id,
    departmentKey: r.departmentKey,
    name: r.name,
    createdAt: r.createdAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}

export async function createDisplay(
  ctx: AppContext,
  actor: ActorContext,
  input: z.infer<typeof CreateDisplaySchema>,
): Promise<Display & { token: string }> {
  return ctx.db.transaction(async (tx) => {
    const department = await activeDepartment(tx, input.departmentKey, 'body.departmentKey');
    const token = newToken('cbd_');
    const row = await repo.insertDisplay(tx, {
      departmentKey: department.key,
      name: input.name,
      tokenHash: hashToken(token),
      createdBy: actor.actorId,
    });
    await writeAudit(tx, actor, {
      action: 'display.create',
      resourceType: 'display',
      resourceId: row.id,
      details: { departmentKey: row.departmentKey, name: row.name },
    });
    return { ...toDisplay(row), token };
  });
}

export async function listDisplays(db: Executor): Promise<{ items: Display[] }> {
  return { items: (await repo.listDisplays(db)).map(toDisplay) };
}

/** Revoking is final; screens using the token are disconnected on every instance. Repeating it changes nothing. */
export async function revokeDisplay(ctx: AppContext, actor: ActorContext, id: string): Promise<Display> {
  return ctx.db.transaction(async (tx) => {
    const found = await repo.findDisplay(tx, id, { forUpdate: true });
    if (!found) throw new AppError('not_found', `display ${id} not found`);
    if (found.revokedAt) return toDisplay(found);
    const row = await repo.revokeDisplay(tx, id, new Date());
    await writeAudit(tx, actor, {
      action: 'display.revoke',
      resourceType: 'display',
      resourceId: id,
      details: { departmentKey: row.departmentKey, name: row.name },
    });
    await publishEvent(tx, {
      type: EVENT_TYPES.displayRevoked,
      permission: 'displays:manage',
      resourceId: id,
    });
    return toDisplay(row);
  });
}

/** The display a token opens, for this department; 401 for an unknown or revoked token. */
export async function authenticateDisplay(
  db: Executor,
  token: string | undefined,
  departmentKey: string,
): Promise<repo.DisplayRow> {
  if (!token)
    throw new AppError('unauthenticated', 'A display token is required (?token= or x-display-token).');
  const row = await repo.findDisplayByHash(db, hashToken(token));
  if (!row || row.revokedAt)
    throw new AppError('unauthenticated', 'The display token is invalid or revoked.');
  if (row.departmentKey !== departmentKey)
    throw new AppError('forbidden', 'This display token is for another department.');
  return row;
}

/**
 * "Now serving" (the latest call of each room, plus calls without a room) and the next numbers. Tickets and
 * rooms only: a waiting-room screen never shows a patient's name.
 */
export async function displayState(db: Executor, departmentKey: string): Promise<DisplayState> {
  const department = await findDepartment(db, departmentKey);
  if (!department) throw new AppError('not_found', `department ${departmentKey} not found`);
  const { settings } = await readSystemSettings(db);
  const now = new Date();
  const { serving, next } = await displayRows(
    db,
    departmentKey,
    localDateOf(now, settings.timeZone),
    NEXT_ON_SCREEN,
  );
  const seenRooms = new Set<string>();
  const nowServing: DisplayState['nowServing'] = [];
  for (const s of serving) {
    if (s.roomId) {
      if (seenRooms.has(s.roomId)) continue;
      seenRooms.add(s.roomId);
    }
    nowServing.push({ ticket: s.ticket, room: s.room, calledAt: (s.calledAt ?? now).toISOString() });
    if (nowServing.length === SERVING_ON_SCREEN) break;
  }
  return {
    department: { key: department.key, name: department.name },
    nowServing,
    next,
    at: now.toISOString(),
    language: settings.defaultLanguage,
  };
}
