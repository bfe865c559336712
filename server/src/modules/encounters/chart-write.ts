import { CHART_CHANGED_EVENT } from '@carebase/contracts';
import { type Executor, sqlState } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/events.publisher.ts';

/** Tells chart screens showing this patient to refresh; delivered when the caller's transaction commits. */
export function publishChartChanged(tx: Executor, patientId: string): Promise<void> {
  return publishEvent(tx, { type: CHART_CHANGED_EVENT, permission: 'chart:read', resourceId: patientId });
}

/** SQLSTATE raised by the signed-encounter triggers (migration 0006). */
const SIGNED_LOCK_STATE = 'CB001';

/**
 * The services check the status first; this turns the database's own refusal (the last line of defence, reached
 * only by a write that raced a signature) into the same 409.
 */
export function signedLockConflict(err: unknown): never {
  if (sqlState(err) === SIGNED_LOCK_STATE) {
    throw new AppError(
      'conflict',
      'The encounter is signed: its note is never edited in place; add an addendum.',
    );
  }
  throw err;
}

export const signedConflict = () =>
  new AppError('conflict', 'The encounter is signed: its note is never edited in place; add an addendum.');
