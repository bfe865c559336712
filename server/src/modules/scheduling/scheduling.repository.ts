import { and, asc, desc, eq, gt, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { userRoles, users } from '../users/users.schema.ts';
import {
  departments,
  rooms,
  scheduleRules,
  serviceProviders,
  services,
  timeOff,
} from './scheduling.schema.ts';

export type DepartmentRow = typeof departments.$inferSelect;
export type RoomRow = typeof rooms.$inferSelect;
export type ServiceRow = typeof services.$inferSelect;
export type ScheduleRuleRow = typeof scheduleRules.$inferSelect;
export type TimeOffRow = typeof timeOff.$inferSelect;

// ── Reads behind workingIntervals and findService ────────────────────────────

export async function rulesOfProvider(db: Executor, providerId: string): Promise<ScheduleRuleRow[]> {
  return db
    .select()
    .from(scheduleRules)
    .where(eq(scheduleRules.providerId, providerId))
    .orderBy(asc(scheduleRules.weekday), asc(scheduleRules.startTime), desc(scheduleRules.kind));
}

/** The provider's own time off and the clinic-wide days off that overlap [from, to). */
export async function timeOffAffecting(
  db: Executor,
  f: { providerId: string; from: Date; to: Date },
): Promise<TimeOffRow[]> {
  return db
    .select()
    .from(timeOff)
    .where(
      and(
        or(eq(timeOff.providerId, f.providerId), isNull(timeOff.providerId)),
        lt(timeOff.startsAt, f.to),
        gt(timeOff.endsAt, f.from),
      ),
    )
    .orderBy(asc(timeOff.startsAt));
}

export async function findServiceRow(db: Executor, id: string): Promise<ServiceRow | undefined> {
  const [row] = await db.select().from(services).where(eq(services.id, id));
  return row;
}

export async function providerIdsOfServices(
  db: Executor,
  serviceIds: string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(serviceIds.map((id) => [id, []]));
  if (serviceIds.length === 0) return map;
  const rows = await db
    .select()
    .from(serviceProviders)
    .where(inArray(serviceProviders.serviceId, serviceIds))
    .orderBy(asc(serviceProviders.providerId));
  for (const r of rows) map.get(r.serviceId)?.push(r.providerId);
  return map;
}

// ── Departments ──────────────────────────────────────────────────────────────

export async function listDepartments(db: Executor, f: { active?: boolean } = {}): Promise<DepartmentRow[]> {
  return db
    .select()
    .from(departments)
    .where(f.active === undefined ? undefined : eq(departments.active, f.active))
    .orderBy(asc(departments.name), asc(departments.key));
}

export async function findDepartment(db: Executor, key: string): Promise<DepartmentRow | undefined> {
  const [row] = await db.select().from(departments).where(eq(departments.key, key));
  return row;
}

export async function insertDepartment(
  db: Executor,
  row: typeof departments.$inferInsert,
): Promise<DepartmentRow> {
  const [created] = await db.insert(departments).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

export async function updateDepartment(
  db: Executor,
  key: string,
  patch: Partial<Pick<DepartmentRow, 'name' | 'ticketPrefix' | 'active'>>,
): Promise<DepartmentRow | undefined> {
  if (Object.keys(patch).length === 0) return findDepartment(db, key);
  const [row] = await db.update(departments).set(patch).where(eq(departments.key, key)).returning();
  return row;
}

// ── Rooms ────────────────────────────────────────────────────────────────────

export async function listRooms(
  db: Executor,
  f: { departmentKey?: string | undefined; active?: boolean | undefined } = {},
): Promise<RoomRow[]> {
  const where: SQL[] = [];
  if (f.departmentKey) where.push(eq(rooms.departmentKey, f.departmentKey));
  if (f.active !== undefined) where.push(eq(rooms.active, f.active));
  return db
    .select()
    .from(rooms)
    .where(and(...where))
    .orderBy(asc(rooms.name));
}

export async function findRoom(db: Executor, id: string): Promise<RoomRow | undefined> {
  const [row] = await db.select().from(rooms).where(eq(rooms.id, id));
  return row;
}

export async function findRoomByName(db: Executor, name: string): Promise<RoomRow | undefined> {
  const [row] = await db.select().from(rooms).where(eq(rooms.name, name));
  return row;
}

export async function roomsByIds(db: Executor, ids: string[]): Promise<RoomRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(rooms).where(inArray(rooms.id, ids));
}

export async function insertRoom(db: Executor, row: typeof rooms.$inferInsert): Promise<RoomRow> {
  const [created] = await db.insert(rooms).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

export async function updateRoom(
  db: Executor,
  id: string,
  patch: Partial<Pick<RoomRow, 'name' | 'departmentKey' | 'active'>>,
): Promise<RoomRow | undefined> {
  if (Object.keys(patch).length === 0) return findRoom(db, id);
  const [row] = await db.update(rooms).set(patch).where(eq(rooms.id, id)).returning();
  return row;
}

// ── Services ─────────────────────────────────────────────────────────────────

export async function listServices(
  db: Executor,
  f: {
    departmentKey?: string | undefined;
    providerId?: string | undefined;
    active?: boolean | undefined;
    selfBookable?: boolean | undefined;
  },
): Promise<ServiceRow[]> {
  const where: SQL[] = [];
  if (f.departmentKey) where.push(eq(services.departmentKey, f.departmentKey));
  if (f.active !== undefined) where.push(eq(services.active, f.active));
  if (f.selfBookable !== undefined) where.push(eq(services.selfBookable, f.selfBookable));
  if (f.providerId) {
    where.push(
      inArray(
        services.id,
        db
          .select({ id: serviceProviders.serviceId })
          .from(serviceProviders)
          .where(eq(serviceProviders.providerId, f.providerId)),
      ),
    );
  }
  return db
    .select()
    .from(services)
    .where(and(...where))
    .orderBy(asc(services.name));
}

export async function findServiceByName(db: Executor, name: string): Promise<ServiceRow | undefined> {
  const [row] = await db.select().from(services).where(eq(services.name, name));
  return row;
}

export async function insertService(db: Executor, row: typeof services.$inferInsert): Promise<ServiceRow> {
  const [created] = await db.insert(services).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

export async function updateService(
  db: Executor,
  id: string,
  patch: Partial<
    Pick<
      ServiceRow,
      | 'name'
      | 'departmentKey'
      | 'durationMinutes'
      | 'bufferMinutes'
      | 'priceMinor'
      | 'selfBookable'
      | 'modality'
      | 'active'
    >
  >,
): Promise<void> {
  if (Object.keys(patch).length === 0) return;
  await db.update(services).set(patch).where(eq(services.id, id));
}

export async function setServiceProviders(
  db: Executor,
  serviceId: string,
  providerIds: string[],
): Promise<void> {
  await db.delete(serviceProviders).where(eq(serviceProviders.serviceId, serviceId));
  if (providerIds.length === 0) return;
  await db.insert(serviceProviders).values(providerIds.map((providerId) => ({ serviceId, providerId })));
}

export async function serviceIdsOfProviders(
  db: Executor,
  providerIds: string[],
): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>(providerIds.map((id) => [id, []]));
  if (providerIds.length === 0) return map;
  const rows = await db
    .select()
    .from(serviceProviders)
    .where(inArray(serviceProviders.providerId, providerIds))
    .orderBy(asc(serviceProviders.serviceId));
  for (const r of rows) map.get(r.providerId)?.push(r.serviceId);
  return map;
}

// ── Providers: users with a clinical role ───────────────────────────────────

export type ProviderRow = { id: string; name: string; email: string; active: boolean; roles: string[] };

/** Users holding any of `roleKeys`, with all their roles; `ids` narrows to those users. */
export async function usersWithRoles(
  db: Executor,
  f: { roleKeys: readonly string[]; ids?: string[]; activeOnly: boolean },
): Promise<ProviderRow[]> {
  if (f.ids && f.ids.length === 0) return [];
  const where: SQL[] = [
    inArray(
      users.id,
      db
        .select({ id: userRoles.userId })
        .from(userRoles)
        .where(inArray(userRoles.roleKey, [...f.roleKeys])),
    ),
  ];
  if (f.ids) where.push(inArray(users.id, f.ids));
  if (f.activeOnly) where.push(eq(users.active, true));
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      active: users.active,
      roles: sql<string[]>`coalesce((select array_agg(${userRoles.roleKey} order by ${userRoles.roleKey})
        from ${userRoles} where ${userRoles.userId} = ${users.id}), '{}')`,
    })
    .from(users)
    .where(and(...where))
    .orderBy(sql`lower(${users.name})`, asc(users.id));
  return rows;
}

export async function userNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ── Weekly rules ─────────────────────────────────────────────────────────────

export async function replaceRules(
  db: Executor,
  providerId: string,
  rows: Omit<typeof scheduleRules.$inferInsert, 'providerId'>[],
): Promise<void> {
  await db.delete(scheduleRules).where(eq(scheduleRules.providerId, providerId));
  if (rows.length === 0) return;
  await db.insert(scheduleRules).values(rows.map((r) => ({ ...r, providerId })));
}

// ── Time off ─────────────────────────────────────────────────────────────────

export async function listTimeOff(
  db: Executor,
  f: {
    providerId?: string | 'clinic' | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
    limit: number;
  },
): Promise<TimeOffRow[]> {
  const where: SQL[] = [];
  if (f.providerId === 'clinic') where.push(isNull(timeOff.providerId));
  else if (f.providerId)
    where.push(or(eq(timeOff.providerId, f.providerId), isNull(timeOff.providerId)) as SQL);
  if (f.from) where.push(gt(timeOff.endsAt, f.from));
  if (f.to) where.push(lt(timeOff.startsAt, f.to));
  return db
    .select()
    .from(timeOff)
    .where(and(...where))
    .orderBy(asc(timeOff.startsAt), asc(timeOff.id))
    .limit(f.limit);
}

export async function findTimeOff(db: Executor, id: string): Promise<TimeOffRow | undefined> {
  const [row] = await db.select().from(timeOff).where(eq(timeOff.id, id));
  return row;
}

export async function insertTimeOff(db: Executor, row: typeof timeOff.$inferInsert): Promise<TimeOffRow> {
  const [created] = await db.insert(timeOff).values(row).returning();
  if (!created) throw new Error('insert returned no row');
  return created;
}

export async function deleteTimeOff(db: Executor, id: string): Promise<void> {
  await db.delete(timeOff).where(eq(timeOff.id, id));
}

// ── What the set-up checklist asks of scheduling ─────────────────────────────

export async function hasActiveService(db: Executor): Promise<boolean> {
  const [row] = await db.select({ id: services.id }).from(services).where(eq(services.active, true)).limit(1);
  return row !== undefined;
}

/** An active user with one of `roleKeys` and a weekly working rule that has not ended by `today`. */
export async function hasProviderWithHours(
  db: Executor,
  roleKeys: readonly string[],
  today: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: scheduleRules.id })
    .from(scheduleRules)
    .innerJoin(users, eq(users.id, scheduleRules.providerId))
    .where(
      and(
        eq(scheduleRules.kind, 'work'),
        eq(users.active, true),
        or(isNull(scheduleRules.validTo), sql`${scheduleRules.validTo} >= ${today}`),
        inArray(
          users.id,
          db
            .select({ id: userRoles.userId })
            .from(userRoles)
            .where(inArray(userRoles.roleKey, [...roleKeys])),
        ),
      ),
    )
    .limit(1);
  return row !== undefined;
}
