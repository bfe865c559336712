import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.ts';

/** A booked appointment of an imaging service: one scheduled procedure step of the modality worklist. */
export type WorklistEntry = {
  appointmentId: string;
  startsAt: Date;
  status: string;
  modality: string;
  serviceName: string;
  providerName: string | null;
  mrn: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
};

/**
 * Appointments of imaging services (a service with a modality) between two moments, still to be performed
 * (booked or checked in), for a modality to fetch instead of retyping the patient.
 */
export function imagingWorklist(
  db: Executor,
  range: { from: Date; to: Date; modality?: string | undefined; limit: number },
): Promise<WorklistEntry[]> {
  const conditions: SQL[] = [
    sql`a.starts_at >= ${range.from.toISOString()}`,
    sql`a.starts_at < ${range.to.toISOString()}`,
    sql`a.status in ('booked', 'checked_in')`,
    sql`s.modality is not null`,
  ];
  if (range.modality) conditions.push(sql`s.modality = ${range.modality}`);
  return queryRows<WorklistEntry>(
    db,
    sql`select a.id as "appointmentId", a.starts_at as "startsAt", a.status, s.modality, s.name as "serviceName",
          u.name as "providerName", p.mrn, p.given_name as "givenName", p.family_name as "familyName",
          p.birth_date::text as "birthDate", p.sex
        from appointments a
        join services s on s.id = a.service_id
        join patients p on p.id = a.patient_id
        left join users u on u.id = a.provider_id
        where ${sql.join(conditions, sql` and `)}
        order by a.starts_at, a.id
        limit ${range.limit}`,
  );
}
