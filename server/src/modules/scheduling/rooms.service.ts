import type { CreateRoomSchema, Room, RoomListQuerySchema, UpdateRoomSchema } from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import * as repo from './scheduling.repository.ts';
import { checkDepartmentAndName, type UniqueName, writeUnique } from './scheduling-checks.ts';
import { publishScheduleChanged } from './scheduling-events.ts';
import { toRoom } from './scheduling-mappers.ts';

export async function listRooms(db: Executor, q: z.infer<typeof RoomListQuerySchema>): Promise<Room[]> {
  const active = q.active === undefined ? undefined : q.active === 'true';
  return (await repo.listRooms(db, { departmentKey: q.department, active })).map(toRoom);
}

const ROOM_NAME: UniqueName = {
  constraint: 'rooms_name_unique',
  taken: () => fieldError('body.name', 'is already used by another room'),
  findByName: repo.findRoomByName,
};

export async function createRoom(
  ctx: AppContext,
  actor: ActorContext,
  input: z.infer<typeof CreateRoomSchema>,
): Promise<Room> {
  return writeUnique(ctx.db, ROOM_NAME, async (tx) => {
    await checkDepartmentAndName(tx, ROOM_NAME, input);
    const row = await repo.insertRoom(tx, input);
    await writeAudit(tx, actor, {
      action: 'room.create',
      resourceType: 'room',
      resourceId: row.id,
      details: { name: row.name, departmentKey: row.departmentKey, active: row.active },
    });
    await publishScheduleChanged(tx, row.id);
    return toRoom(row);
  });
}

export async function updateRoom(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  patch: z.infer<typeof UpdateRoomSchema>,
): Promise<Room> {
  return writeUnique(ctx.db, ROOM_NAME, async (tx) => {
    const before = await repo.findRoom(tx, id);
    if (!before) throw new AppError('not_found', 'There is no such room.');
    await checkDepartmentAndName(tx, ROOM_NAME, patch, before);
    const row = await repo.updateRoom(tx, id, patch);
    if (!row) throw new AppError('not_found', 'There is no such room.');
    await writeAudit(tx, actor, {
      action: 'room.update',
      resourceType: 'room',
      resourceId: id,
      details: {
        before: { name: before.name, departmentKey: before.departmentKey, active: before.active },
        patch,
      },
    });
    await publishScheduleChanged(tx, id);
    return toRoom(row);
  });
}
