import { type Db, type Executor, type Tx, uniqueViolation } from '../../platform/db/database.ts';
import { type AppError, fieldError } from '../../platform/errors.ts';
import * as repo from './scheduling.repository.ts';

/** A value that must be unique: the error its check gives, and the constraint behind it. */
export type UniqueValue = { constraint: string; taken: () => AppError };

/** Rooms and services each need a name no other of their kind has. */
export type UniqueName = UniqueValue & {
  findByName: (db: Executor, name: string) => Promise<{ id: string } | undefined>;
};

/**
 * `write` in one transaction. The checks inside it give a clear message; two writers racing past them
 * meet the unique constraint instead, and get the same error.
 */
export function writeUnique<T>(db: Db, unique: UniqueValue, write: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(write).catch((err: unknown) => {
    throw uniqueViolation(err) === unique.constraint ? unique.taken() : err;
  });
}

/** A department that new rooms and services may join. */
async function assertActiveDepartment(db: Executor, key: string, path: string): Promise<void> {
  const department = await repo.findDepartment(db, key);
  if (!department) throw fieldError(path, 'is not a department');
  if (!department.active) throw fieldError(path, 'is an inactive department');
}

/**
 * A room or service joins only an active department, under a name of its own. An edit (`before` given)
 * checks only what it changes, so an existing room keeps a department that has since been deactivated.
 */
export async function checkDepartmentAndName(
  tx: Executor,
  unique: UniqueName,
  change: { name?: string | undefined; departmentKey?: string | undefined },
  before?: { id: string; name: string; departmentKey: string },
): Promise<void> {
  if (change.departmentKey !== undefined && change.departmentKey !== before?.departmentKey)
    await assertActiveDepartment(tx, change.departmentKey, 'body.departmentKey');
  if (change.name !== undefined && change.name !== before?.name) {
    const other = await unique.findByName(tx, change.name);
    if (other && other.id !== before?.id) throw unique.taken();
  }
}
