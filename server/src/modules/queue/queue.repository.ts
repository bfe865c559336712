import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Executor, queryRows } from '../../platform/db/database.ts';
import { patients } from '../patients/patients.schema.ts';
import { departments, rooms, serviceProviders, services } from '../scheduling/scheduling.schema.ts';
import { roles, userRoles, users } from '../users/users.schema.ts';
import { ticketCounters, visits } from './queue.schema.ts';

export type VisitRow = typeof visits.$inferSelect;
export type NewVisit = typeof visits.$inferInsert;
export type DepartmentRow = typeof departments.$inferSelect;
export type RoomRow = typeof rooms.$inferSelect;

/** Call order: emergency, then priority, then normal; by arrival within each. */
const priorityRank = sql`case ${visits.priority} when 'emergency' then 0 when 'priority' then 1 else 2 end`;
const statusRank = sql`case ${visits.status} when 'called' then 0 when 'in_consultation' then 1
  when 'waiting' then 2 when 'skipped' then 3 when 'done' then 4 else 5 end`;

export async function findDepartment(db: Executor, key: string): Promise<DepartmentRow | undefined> {
  const [row] = await db.select().from(departments).where(eq(departments.key, key));
  return row;
}

export function activeDepartments(db: Executor): Promise<DepartmentRow[]> {
  return db
    .select()
    .from(departments)
    .where(eq(departments.active, true))
    .orderBy(asc(departments.ticketPrefix), asc(departments.name));
}

export function activeRooms(db: Executor): Promise<RoomRow[]> {
  return db.select().from(rooms).where(eq(rooms.active, true)).orderBy(asc(rooms.name));
}

export async function findRoom(db: Executor, id: string): Promise<RoomRow | undefined> {
  const [row] = await db.select().from(rooms).where(eq(rooms.id, id));
  return row;
}

export async function departmentOfService(db: Executor, serviceId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ key: services.departmentKey })
    .from(services)
    .where(eq(services.id, serviceId));
  return row?.key;
}

/** The departments of the services a provider offers: "their department" when a call names none. */
export async function departmentsOfProvider(db: Executor, providerId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ key: services.departmentKey })
    .from(serviceProviders)
    .innerJoin(services, eq(services.id, serviceProviders.serviceId))
    .where(eq(serviceProviders.providerId, providerId));
  return rows.map((r) => r.key);
}

const queueCallers = sql`(select ${userRoles.userId} from ${userRoles}
  join ${roles} on ${roles.key} = ${userRoles.roleKey}
  where ${roles.permissions} @> '["queue:call"]'::jsonb)`;

/** Active users whose roles let them call patients: the providers a ticket can be assigned to. */
export function queueProviders(db: Executor): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.active, true), sql`${users.id} in ${queueCallers}`))
    .orderBy(asc(users.name));
}

export async function isQueueProvider(db: Executor, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.active, true), sql`${users.id} in ${queueCallers}`));
  return Boolean(row);
}

/**
 * The next ticket number of a department's day. The upsert takes the counter row's lock until commit, so
 * concurrent requests get consecutive numbers in turn; a rolled-back request gives its number back.
 */
export async function nextTicketNumber(tx: Executor, departmentKey: string, day: string): Promise<number> {
  const rows = await queryRows<{ last: number }>(
    tx,
    sql`insert into ${ticketCounters} (department_key, day, last) values (${departmentKey}, ${day}, 1)
        on conflict (department_key, day) do update set last = ${ticketCounters.last} + 1
        returning last`,
  );
  const last = rows[0]?.last;
  if (last === undefined) throw new Error('the ticket counter returned no row');
  return Number(last);
}

export async function insertVisit(tx: Executor, row: NewVisit): Promise<VisitRow> {
  const [created] = await tx.insert(visits).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

export async function findVisit(
  db: Executor,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<VisitRow | undefined> {
  const query = db.select().from(visits).where(eq(visits.id, id));
  const [row] = opts.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function updateVisit(
  tx: Executor,
  id: string,
  patch: Partial<typeof visits.$inferInsert>,
): Promise<VisitRow> {
  const [row] = await tx
    .update(visits)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(visits.id, id))
    .returning();
  if (!row) throw new Error(`visit ${id} vanished`);
  return row;
}

/**
 * The next waiting ticket for a provider: their own plus the unassigned ones of their departments, in call
 * order. SKIP LOCKED passes over a ticket another provider's call is taking right now, so two calls at the
 * same moment never get the same patient.
 */
export async function lockNextWaiting(
  tx: Executor,
  f: { providerId: string; departmentKeys: string[]; day: string },
): Promise<VisitRow | undefined> {
  const unassigned =
    f.departmentKeys.length > 0
      ? and(isNull(visits.providerId), inArray(visits.departmentKey, f.departmentKeys))
      : undefined;
  const [row] = await tx
    .select()
    .from(visits)
    .where(
      and(
        eq(visits.day, f.day),
        eq(visits.status, 'waiting'),
        or(eq(visits.providerId, f.providerId), unassigned),
      ),
    )
    .orderBy(priorityRank, asc(visits.arrivedAt), asc(visits.ticketNumber))
    .limit(1)
    .for('update', { skipLocked: true });
  return row;
}

/** The room of the provider's latest call of the day: a call that names no room goes there again. */
export async function lastRoomOfProvider(
  db: Executor,
  providerId: string,
  day: string,
): Promise<string | null> {
  const [row] = await db
    .select({ roomId: visits.roomId })
    .from(visits)
    .where(and(eq(visits.calledBy, providerId), eq(visits.day, day), sql`${visits.roomId} is not null`))
    .orderBy(desc(visits.calledAt))
    .limit(1);
  return row?.roomId ?? null;
}

const providers = alias(users, 'provider');

export type QueueRow = VisitRow & {
  givenName: string;
  middleName: string | null;
  familyName: string;
  suffix: string | null;
  mrn: string;
  providerName: string | null;
  roomName: string | null;
};

/** A day's tickets with the names a desk needs: active ones first, then waiting in call order, then the rest. */
export async function queueRows(
  db: Executor,
  f: {
    day?: string;
    departmentKey?: string | undefined;
    providerId?: string | undefined;
    visitId?: string;
    encounterId?: string | undefined;
    limit: number;
  },
): Promise<QueueRow[]> {
  const where: SQL[] = [];
  if (f.day) where.push(eq(visits.day, f.day));
  if (f.visitId) where.push(eq(visits.id, f.visitId));
  if (f.encounterId) where.push(eq(visits.encounterId, f.encounterId));
  if (f.departmentKey) where.push(eq(visits.departmentKey, f.departmentKey));
  if (f.providerId) where.push(eq(visits.providerId, f.providerId));
  const rows = await db
    .select({
      visit: visits,
      givenName: patients.givenName,
      middleName: patients.middleName,
      familyName: patients.familyName,
      suffix: patients.suffix,
      mrn: patients.mrn,
      providerName: providers.name,
      roomName: rooms.name,
    })
    .from(visits)
    .innerJoin(patients, eq(patients.id, visits.patientId))
    .leftJoin(providers, eq(providers.id, visits.providerId))
    .leftJoin(rooms, eq(rooms.id, visits.roomId))
    .where(and(...where))
    .orderBy(statusRank, priorityRank, asc(visits.arrivedAt), asc(visits.ticketNumber))
    .limit(f.limit);
  return rows.map(({ visit, ...rest }) => ({ ...visit, ...rest }));
}

/** Visits considered for a provider's typical consultation length. */
const RECENT_VISITS = 30;
const RECENT_DAYS = 60;

/**
 * JSON object: the median minutes from start to done over the most recent finished visits of each value of
 * `key` among `values`. Absent values have no history.
 */
function mediansBy(key: typeof visits.providerId | typeof visits.departmentKey, values: string[]): SQL {
  if (values.length === 0) return sql`'{}'::json`;
  return sql`(select coalesce(json_object_agg(key, minutes), '{}'::json) from (
      select key, percentile_cont(0.5) within group (order by minutes) as minutes from (
        select ${key} as key,
               extract(epoch from ${visits.doneAt} - ${visits.startedAt}) / 60 as minutes,
               row_number() over (partition by ${key} order by ${visits.doneAt} desc) as n
        from ${visits}
        where ${visits.status} = 'done' and ${visits.startedAt} is not null and ${visits.doneAt} is not null
          and ${visits.doneAt} > now() - make_interval(days => ${RECENT_DAYS})
          and ${key} in ${values}) recent
      where n <= ${RECENT_VISITS} group by key) medians)`;
}

export type WaitInputs = {
  /** The waiting tickets in call order: a ticket's estimate counts the ones ahead of it, shown or not. */
  waiting: Pick<VisitRow, 'id' | 'departmentKey' | 'providerId'>[];
  /** Typical consultation minutes of each provider, and of each department for tickets no provider holds. */
  medians: { byProvider: Map<string, number>; byDepartment: Map<string, number> };
};

/** What the wait estimates of the day's tickets of these departments and providers need, in one statement. */
export async function waitInputs(
  db: Executor,
  f: { day: string; departmentKeys: string[]; providerIds: string[] },
): Promise<WaitInputs> {
  const scope = or(
    f.departmentKeys.length ? inArray(visits.departmentKey, f.departmentKeys) : undefined,
    f.providerIds.length ? inArray(visits.providerId, f.providerIds) : undefined,
  );
  const none = { waiting: [], medians: { byProvider: new Map(), byDepartment: new Map() } };
  if (!scope) return none;
  type Minutes = Record<string, number | string>;
  const [row] = await queryRows<{
    waiting: WaitInputs['waiting'];
    byProvider: Minutes;
    byDepartment: Minutes;
  }>(
    db,
    sql`select
      (select coalesce(json_agg(json_build_object('id', ${visits.id}, 'departmentKey', ${visits.departmentKey},
                'providerId', ${visits.providerId}) order by ${priorityRank}, ${visits.arrivedAt}, ${visits.ticketNumber}),
              '[]'::json)
         from ${visits} where ${visits.day} = ${f.day} and ${visits.status} = 'waiting' and ${scope}) as waiting,
      ${mediansBy(visits.providerId, f.providerIds)} as "byProvider",
      ${mediansBy(visits.departmentKey, f.departmentKeys)} as "byDepartment"`,
  );
  if (!row) return none;
  const toMap = (m: Minutes) => new Map(Object.entries(m).map(([k, v]) => [k, Number(v)]));
  return {
    waiting: row.waiting,
    medians: { byProvider: toMap(row.byProvider), byDepartment: toMap(row.byDepartment) },
  };
}

/** What a public display shows: called tickets with their rooms, and the waiting numbers in call order. */
export async function displayRows(
  db: Executor,
  departmentKey: string,
  day: string,
  nextLimit: number,
): Promise<{
  serving: { ticket: string; room: string | null; roomId: string | null; calledAt: Date | null }[];
  next: string[];
}> {
  const serving = await db
    .select({ ticket: visits.ticket, room: rooms.name, roomId: visits.roomId, calledAt: visits.calledAt })
    .from(visits)
    .leftJoin(rooms, eq(rooms.id, visits.roomId))
    .where(
      and(
        eq(visits.departmentKey, departmentKey),
        eq(visits.day, day),
        inArray(visits.status, ['called', 'in_consultation']),
      ),
    )
    .orderBy(desc(visits.calledAt), desc(visits.ticketNumber));
  const waiting = await db
    .select({ ticket: visits.ticket })
    .from(visits)
    .where(and(eq(visits.departmentKey, departmentKey), eq(visits.day, day), eq(visits.status, 'waiting')))
    .orderBy(priorityRank, asc(visits.arrivedAt), asc(visits.ticketNumber))
    .limit(nextLimit);
  return { serving, next: waiting.map((w) => w.ticket) };
}
