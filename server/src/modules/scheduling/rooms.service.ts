import type { CreateRoomSchema, Room, RoomListQuerySchema, UpdateRoomSchema } from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import { type Executor, uniqueViolation } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import * as repo from './scheduling.repository.ts';
import { publishScheduleChanged } from './scheduling-events.ts';
import { toRoom } from './scheduling-mappers.ts';

export async function listRooms(db: Executor, q: z.infer<typeof RoomListQuerySchema>): Promise<Room[]> {
  const active = q.active === undefined ? undefined : q.active === 'true';
  return (await repo.listRooms(db, { departmentKey: q.department, active })).map(toRoom);
}

/** A department that new rooms and services may join. */
export async function assertActiveDepartment(db: Executor, key: string, path: string): Promise<void> {
  const department = await repo.findDepartment(db, key);
  if (!department) throw fieldError(path, 'is not a department');
  if (!department.active) throw fieldError(path, 'is an inactive department');
}

const nameTaken = () => fieldError('body.name', 'is already used by another room');

export async function createRoom(
  ctx: AppContext,
  actor: ActorContext,
  input: z.infer<typeof CreateRoomSchema>,
): Promise<Room> {
  return ctx.db
    .transaction(async (tx) => {
      await assertActiveDepartment(tx, input.departmentKey, 'body.departmentKey');
      if (await repo.findRoomByName(tx, input.name)) throw nameTaken();
      const row = await repo.insertRoom(tx, input);
      await writeAudit(tx, actor, {
        action: 'room.create',
        resourceType: 'room',
        resourceId: row.id,
        details: { name: row.name, departmentKey: row.departmentKey, active: row.active },
      });
      await publishScheduleChanged(tx, row.id);
      return toRoom(row);
    })
    .catch((err: unknown) => {
      throw uniqueViolation(err) === 'rooms_name_unique' ? nameTaken() : err;
    });
}

export async function updateRoom(
  ctx: AppContext,
  actor: ActorContext,
  id: string,
  patch: z.infer<typeof UpdateRoomSchema>,
): Promise<Room> {
  return ctx.db
    .transaction(async (tx) => {
      const before = await repo.findRoom(tx, id);
      if (!before) throw new AppError('not_found', 'There is no such room.');
      if (patch.departmentKey !== undefined && patch.departmentKey !== before.departmentKey)
        await assertActiveDepartment(tx, patch.departmentKey, 'body.departmentKey');
      if (patch.name !== undefined && patch.name !== before.name) {
        const other = await repo.findRoomByName(tx, patch.name);
        if (other && other.id !== id) throw nameTaken();
      }
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
    })
    .catch((err: unknown) => {
      throw uniqueViolation(err) === 'rooms_name_unique' ? nameTaken() : err;
    });
}
