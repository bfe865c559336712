import type { Executor } from '../../platform/db/database.ts';
import { proceduresOf } from './encounters.repository.ts';

/** The procedures recorded in an encounter, as billing prices them: by code, with who performed them. */
export async function performedProcedures(db: Executor, encounterId: string) {
  return (await proceduresOf(db, encounterId)).map((p) => ({
    id: p.id,
    code: p.code,
    description: p.description,
    performedBy: p.performedBy,
  }));
}
