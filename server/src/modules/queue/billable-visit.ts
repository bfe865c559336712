import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { visits } from './queue.schema.ts';

/** What billing needs of a visit: whose it was, its appointment, who saw the patient, and the encounter written. */
export type BillableVisit = {
  id: string;
  patientId: string;
  appointmentId: string | null;
  providerId: string | null;
  encounterId: string | null;
};

/** The visit by its id, or the one that checked in an appointment. */
export async function billableVisit(
  db: Executor,
  by: { visitId: string } | { appointmentId: string },
): Promise<BillableVisit | undefined> {
  const [row] = await db
    .select({
      id: visits.id,
      patientId: visits.patientId,
      appointmentId: visits.appointmentId,
      providerId: visits.providerId,
      encounterId: visits.encounterId,
    })
    .from(visits)
    .where('visitId' in by ? eq(visits.id, by.visitId) : eq(visits.appointmentId, by.appointmentId));
  return row;
}
