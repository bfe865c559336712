import type { CreateDepartmentSchema, Department, UpdateDepartmentSchema } from '@carebase/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { can, type Principal } from '../../platform/access/principal.ts';
import { type ActorContext, writeAudit } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import * as repo from './scheduling.repository.ts';
import { type UniqueValue, writeUnique } from './scheduling-checks.ts';
import { publishScheduleChanged } from './scheduling-events.ts';
import { toDepartment } from './scheduling-mappers.ts';

/** Staff see every department; the portal sees the active ones it can book in. */
export async function listDepartments(db: Executor, principal: Principal): Promise<Department[]> {
  const rows = await repo.listDepartments(db, can(principal, 'schedules:read') ? {} : { active: true });
  return rows.map(toDepartment);
}

/** Two departments with one prefix would hand out the same ticket numbers. */
async function assertPrefixFree(db: Executor, prefix: string, exceptKey?: string): Promise<void> {
  const clash = (await repo.listDepartments(db)).find(
    (d) => d.ticketPrefix === prefix && d.key !== exceptKey,
  );
  if (clash) throw fieldError('body.ticketPrefix', `is already used by ${clash.name}`);
}

const DEPARTMENT_KEY: UniqueValue = {
  constraint: 'departments_pkey',
  taken: () => fieldError('body.key', 'is already used by another department'),
};

export async function createDepartment(
  ctx: AppContext,
  actor: ActorContext,
  input: z.infer<typeof CreateDepartmentSchema>,
): Promise<Department> {
  return writeUnique(ctx.db, DEPARTMENT_KEY, async (tx) => {
    if (await repo.findDepartment(tx, input.key)) throw DEPARTMENT_KEY.taken();
    await assertPrefixFree(tx, input.ticketPrefix);
    const row = await repo.insertDepartment(tx, input);
    await writeAudit(tx, actor, {
      action: 'department.create',
      resourceType: 'department',
      resourceId: row.key,
      details: { name: row.name, ticketPrefix: row.ticketPrefix, active: row.active },
    });
    await publishScheduleChanged(tx, row.key);
    return toDepartment(row);
  });
}

export async function updateDepartment(
  ctx: AppContext,
  actor: ActorContext,
  key: string,
  patch: z.infer<typeof UpdateDepartmentSchema>,
): Promise<Department> {
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findDepartment(tx, key);
    if (!before) throw new AppError('not_found', 'There is no such department.');
    if (patch.ticketPrefix !== undefined) await assertPrefixFree(tx, patch.ticketPrefix, key);
    const row = await repo.updateDepartment(tx, key, patch);
    if (!row) throw new AppError('not_found', 'There is no such department.');
    await writeAudit(tx, actor, {
      action: 'department.update',
      resourceType: 'department',
      resourceId: key,
      details: {
        before: { name: before.name, ticketPrefix: before.ticketPrefix, active: before.active },
        patch,
      },
    });
    await publishScheduleChanged(tx, key);
    return toDepartment(row);
  });
}
