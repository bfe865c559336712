import {
  AddDiagnosisSchema,
  BookAppointmentSchema,
  CheckInSchema,
  CreateDepartmentSchema,
  CreatePatientSchema,
  CreateRoomSchema,
  CreateServiceSchema,
  CreateVitalsSchema,
  PutScheduleSchema,
  SAMPLE_MARKER,
  type SampleDataCounts,
} from '@carebase/contracts';
import type { AppContext } from '../../app-context.ts';
import type { Principal } from '../../platform/access/principal.ts';
import type { ActorContext } from '../../platform/audit/audit.writer.ts';
import type { Executor } from '../../platform/db/database.ts';
import { bookAppointment, cancelAppointment } from '../appointments/appointments.service.ts';
import { addDiagnosis } from '../encounters/encounter-coding.service.ts';
import { createEncounter, signEncounter, updateEncounter } from '../encounters/encounters.service.ts';
import { createPatient } from '../patients/patients.service.ts';
import { checkIn } from '../queue/queue.service.ts';
import { createDepartment, listDepartments } from '../scheduling/departments.service.ts';
import { createRoom, listRooms } from '../scheduling/rooms.service.ts';
import { replaceSchedule } from '../scheduling/schedule.service.ts';
import { createService, listServices } from '../scheduling/service-catalog.service.ts';
import { addDays, localDateOf, minutesOf, weekdayOf, zonedToUtc } from '../scheduling/zoned-time.ts';
import { findUserById } from '../users/users.repository.ts';
import { createUser, principalOfUser } from '../users/users.service.ts';
import { recordVitals } from '../vitals/vitals.service.ts';
import {
  SAMPLE_APPOINTMENT_NOTE,
  SAMPLE_HOURS,
  SAMPLE_PAST_VISITS,
  SAMPLE_PATIENTS,
  SAMPLE_PROVIDERS,
  SAMPLE_ROOMS,
  SAMPLE_SERVICES,
  SAMPLE_TODAY,
  SAMPLE_UPCOMING,
  SAMPLE_WEEKDAYS,
  type SampleProviderKey,
  type SampleServiceKey,
} from './sample-clinic.ts';
import { recordSamples } from './sample-data.repository.ts';

/** The built-in department a sample row belongs to, or the sample stand-in created when it is missing. */
async function departmentsFor(ctx: AppContext, principal: Principal, actor: ActorContext) {
  const existing = await listDepartments(ctx.db, principal);
  const keys = new Map<string, string>();
  const usedPrefixes = new Set(existing.map((d) => d.ticketPrefix));
  for (const key of ['general', 'dental']) {
    if (existing.some((d) => d.key === key && d.active)) {
      keys.set(key, key);
      continue;
    }
    const prefix = ['S', 'T', 'U', 'V', 'W', 'SA', 'SB'].find((p) => !usedPrefixes.has(p)) ?? 'SX';
    usedPrefixes.add(prefix);
    let sampleKey = `sample-${key}`;
    for (let n = 2; existing.some((d) => d.key === sampleKey); n++) sampleKey = `sample-${key}-${n}`;
    const created = await createDepartment(
      ctx,
      actor,
      CreateDepartmentSchema.parse({
        key: sampleKey,
        name: `${key === 'general' ? 'General medicine' : 'Dental'} (sample)`,
        ticketPrefix: prefix,
      }),
    );
    await recordSamples(ctx.db, 'department', [created.key]);
    keys.set(key, created.key);
  }
  return (key: string) => keys.get(key) ?? key;
}

/**
 * `name`, or "name #2 (sample)"… when an earlier demo left a room or service of that name behind (kept,
 * deactivated, because real records used it).
 */
function freeName(name: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  const stem = name.slice(0, -SAMPLE_MARKER.length).trimEnd();
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${stem} #${n} ${SAMPLE_MARKER}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** The sample provider acting in the chart: her own permissions, not the administrator's. */
async function principalOf(db: Executor, userId: string): Promise<Principal> {
  const user = await findUserById(db, userId);
  if (!user) throw new Error(`sample provider ${userId} vanished`);
  return principalOfUser(db, user);
}

/** The next `count` working days (Monday to Friday) after `today`, as local dates. */
function nextWorkingDays(today: string, count: number): string[] {
  const days: string[] = [];
  for (let d = addDays(today, 1); days.length < count; d = addDays(d, 1)) {
    if (SAMPLE_WEEKDAYS.includes(weekdayOf(d))) days.push(d);
  }
  return days;
}

/**
 * Creates the demo clinic through the modules' own services (so every row passes their rules and is
 * audited), inside the caller's transaction: `ctx.db` is that transaction. Records every row it creates.
 */
export async function loadSampleClinic(
  ctx: AppContext,
  principal: Principal,
  actor: ActorContext,
): Promise<SampleDataCounts> {
  const { settings } = await ctx.settings.get(ctx.db);
  const tz = settings.timeZone;
  const department = await departmentsFor(ctx, principal, actor);
  const suffix = crypto.randomUUID().slice(0, 8);

  const providers = new Map<SampleProviderKey, string>();
  for (const p of SAMPLE_PROVIDERS) {
    const email = `${p.key}.demo+${suffix}@sample.example.com`;
    const user = await createUser(ctx, actor, { email, name: p.name, roles: [p.role] }, { invite: false });
    providers.set(p.key, user.id);
  }
  await recordSamples(ctx.db, 'user', [...providers.values()]);
  const providerId = (key: SampleProviderKey) => providers.get(key) as string;

  const rooms = new Map<string, string>();
  const roomNames = (await listRooms(ctx.db, {})).map((r) => r.name);
  for (const r of SAMPLE_ROOMS) {
    const room = await createRoom(
      ctx,
      actor,
      CreateRoomSchema.parse({ name: freeName(r.name, roomNames), departmentKey: department(r.department) }),
    );
    rooms.set(r.department, room.id);
  }
  await recordSamples(ctx.db, 'room', [...rooms.values()]);

  const services = new Map<SampleServiceKey, string>();
  const serviceNames = (await listServices(ctx.db, principal, {})).map((s) => s.name);
  for (const s of SAMPLE_SERVICES) {
    const service = await createService(
      ctx,
      actor,
      CreateServiceSchema.parse({
        name: freeName(s.name, serviceNames),
        departmentKey: department(s.department),
        durationMinutes: s.minutes,
        priceMinor: s.priceMinor,
        providerIds: [providerId(s.provider)],
      }),
    );
    services.set(s.key, service.id);
  }
  await recordSamples(ctx.db, 'service', [...services.values()]);

  for (const p of SAMPLE_PROVIDERS) {
    const roomId = rooms.get(p.department) ?? null;
    const rules = SAMPLE_WEEKDAYS.map((weekday) => ({ kind: 'work', weekday, ...SAMPLE_HOURS, roomId }));
    await replaceSchedule(ctx, actor, providerId(p.key), PutScheduleSchema.parse({ rules }));
  }

  const patients: string[] = [];
  for (const p of SAMPLE_PATIENTS) {
    const patient = await createPatient(
      ctx,
      actor,
      CreatePatientSchema.parse({
        givenName: p.given,
        familyName: p.family,
        sex: p.sex,
        birthDate: p.birthDate,
        confirmDuplicate: true,
      }),
    );
    patients.push(patient.id);
  }
  await recordSamples(ctx.db, 'patient', patients);
  const patientAt = (i: number) => patients[i] as string;

  const serviceOf = (key: SampleServiceKey) =>
    SAMPLE_SERVICES.find((s) => s.key === key) ?? SAMPLE_SERVICES[0];
  const book = async (patient: number, key: SampleServiceKey, startsAt: Date) => {
    const s = serviceOf(key);
    return bookAppointment(
      ctx,
      principal,
      actor,
      BookAppointmentSchema.parse({
        patientId: patientAt(patient),
        providerId: providerId(s.provider),
        serviceId: services.get(key),
        roomId: rooms.get(s.department) ?? null,
        startsAt: startsAt.toISOString(),
        notes: SAMPLE_APPOINTMENT_NOTE,
        // Today's appointments start from the next quarter hour, which may be after working hours.
        outsideHours: true,
      }),
    );
  };

  const now = new Date();
  const today = localDateOf(now, tz);
  const minutesNow = Math.floor((now.getTime() - zonedToUtc(today, 0, tz).getTime()) / 60_000);
  const firstToday = Math.max(
    Math.ceil((minutesNow + 10) / 15) * 15,
    minutesOf(SAMPLE_HOURS.startTime) ?? 540,
  );
  const appointments: string[] = [];
  const visits: string[] = [];
  for (const [i, a] of SAMPLE_TODAY.entries()) {
    const start = firstToday + i * 30;
    // Late in the evening the rest of today's list would spill into tomorrow: it is left out.
    if (start + serviceOf(a.service).minutes > 24 * 60) break;
    const appointment = await book(a.patient, a.service, zonedToUtc(today, start, tz));
    appointments.push(appointment.id);
    if (a.after === 'cancel') {
      await cancelAppointment(
        ctx,
        principal,
        actor,
        appointment.id,
        'Sample data: the patient called to cancel.',
      );
    } else if (a.after !== 'none') {
      const ticket = await checkIn(
        ctx,
        actor,
        CheckInSchema.parse(
          a.after === 'check_in_priority'
            ? {
                appointmentId: appointment.id,
                priority: 'priority',
                priorityReason: 'Sample data: high fever',
              }
            : { appointmentId: appointment.id },
        ),
      );
      visits.push(ticket.id);
    }
  }
  const days = nextWorkingDays(today, Math.max(...SAMPLE_UPCOMING.map((u) => u.day)));
  for (const u of SAMPLE_UPCOMING) {
    const day = days[u.day - 1] as string;
    const appointment = await book(u.patient, u.service, zonedToUtc(day, minutesOf(u.time) ?? 540, tz));
    appointments.push(appointment.id);
  }
  await recordSamples(ctx.db, 'appointment', appointments);
  await recordSamples(ctx.db, 'visit', visits);

  const doctor = await principalOf(ctx.db, providerId('doctor'));
  const encounters: string[] = [];
  for (const v of SAMPLE_PAST_VISITS) {
    const startedAt = zonedToUtc(addDays(today, -v.daysAgo), 10 * 60, tz).toISOString();
    const patientId = patientAt(v.patient);
    const encounter = await createEncounter(ctx, doctor, actor, patientId, {
      type: 'consultation',
      startedAt,
      chiefComplaint: v.chiefComplaint,
    });
    const { subjective, objective, assessment, plan } = v;
    await updateEncounter(ctx, doctor, actor, encounter.id, { subjective, objective, assessment, plan });
    await recordVitals(
      ctx,
      doctor,
      actor,
      patientId,
      CreateVitalsSchema.parse({ encounterId: encounter.id, takenAt: startedAt, ...v.vitals }),
    );
    await addDiagnosis(ctx, doctor, actor, encounter.id, AddDiagnosisSchema.parse({ code: v.diagnosis }));
    await signEncounter(ctx, doctor, actor, encounter.id);
    encounters.push(encounter.id);
  }
  await recordSamples(ctx.db, 'encounter', encounters);

  return {
    providers: providers.size,
    rooms: rooms.size,
    services: services.size,
    patients: patients.length,
    appointments: appointments.length,
    queueTickets: visits.length,
    encounters: encounters.length,
  };
}
