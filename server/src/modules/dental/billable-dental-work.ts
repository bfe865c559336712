import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { dentalProcedures } from './dental.schema.ts';

/** The dental procedures completed in an encounter, with the price list item each was planned from. */
export function doneDentalWork(db: Executor, encounterId: string) {
  return db
    .select({
      id: dentalProcedures.id,
      kind: dentalProcedures.kind,
      tooth: dentalProcedures.tooth,
      description: dentalProcedures.description,
      priceItemId: dentalProcedures.priceItemId,
      completedBy: dentalProcedures.completedBy,
    })
    .from(dentalProcedures)
    .where(and(eq(dentalProcedures.encounterId, encounterId), eq(dentalProcedures.status, 'done')))
    .orderBy(asc(dentalProcedures.completedAt), asc(dentalProcedures.id));
}
