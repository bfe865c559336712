import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { onPostgres } from '../../test/test-database.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { appointments } from '../appointments/appointments.schema.ts';
import { insertPatient } from '../encounters/chart-fixtures.ts';
import { encounters } from '../encounters/encounters.schema.ts';
import { patients } from '../patients/patients.schema.ts';
import { vitals } from '../vitals/vitals.schema.ts';
import { ticketCounters, visits } from './queue.schema.ts';
import {
  insertAppointment,
  insertDepartment,
  insertDoneVisit,
  insertRoom,
  insertService,
} from './queue-fixtures.ts';

let t: TestApp;
let receptionist: TestUser;
let nurse: TestUser;
let doctor: TestUser;
let radiologist: TestUser;
let generalService: string;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  receptionist = await t.userWithRoles(['receptionist']);
  nurse = await t.userWithRoles(['nurse']);
  doctor = await t.userWithRoles(['doctor']);
  radiologist = await t.userWithRoles(['radiologist']);
  generalService = await insertService(t.app.ctx.db, 'general', [doctor.id]);
});
afterAll(async () => t?.close());

type Ticket = Record<string, unknown> & { id: string; ticket: string; ticketNumber: number; status: string };

const post = (url: string, payload: object | undefined, user: TestUser) =>
  t.request({ method: 'POST', url, cookie: user.cookie, ...(payload ? { payload } : {}) });
const get = (url: string, user: TestUser) => t.request({ method: 'GET', url, cookie: user.cookie });

async function walkIn(body: object, user = receptionist): Promise<Ticket> {
  const res = await post('/api/queue/walk-in', body, user);
  if (res.statusCode !== 201) throw new Error(`walk-in: ${res.statusCode} ${res.body}`);
  return res.json();
}

async function newDoctor(departmentKey?: string): Promise<TestUser> {
  const user = await t.userWithRoles(['doctor']);
  if (departmentKey) await insertService(t.app.ctx.db, departmentKey, [user.id]);
  return user;
}

const db = () => t.app.ctx.db;
const today = () => new Date().toISOString().slice(0, 10);

describe('POST /api/queue/walk-in', () => {
  it('gives an existing patient a ticket of the department, audited', async () => {
    const patientId = await insertPatient(db(), { givenName: 'Walter', familyName: 'Inn' });
    const res = await post(
      '/api/queue/walk-in',
      { patientId, departmentKey: 'general', priority: 'priority', priorityReason: 'senior' },
      receptionist,
    );
    expect(res.statusCode).toBe(201);
    const ticket = res.json();
    expect(ticket).toMatchObject({
      patientId,
      patientName: 'Walter Inn',
      departmentKey: 'general',
      priority: 'priority',
      priorityReason: 'senior',
      status: 'waiting',
      kind: 'walk_in',
      providerId: null,
      day: today(),
      ahead: expect.any(Number),
      estimatedWaitMinutes: expect.any(Number),
    });
    expect(ticket.ticket).toMatch(/^A-\d{3}$/);
    const [event] = await auditOf(db(), 'queue.walk_in', ticket.id);
    expect(event).toMatchObject({ actorId: receptionist.id, patientId });
  });

  it('quick-registers a new patient and queues them in one go', async () => {
    const res = await post(
      '/api/queue/walk-in',
      {
        newPatient: { givenName: 'Quentin', familyName: 'Quickreg', birthDate: '1970-02-03', sex: 'male' },
        departmentKey: 'dental',
        priority: 'normal',
      },
      receptionist,
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ patientName: 'Quentin Quickreg', departmentKey: 'dental' });
    expect(res.json().ticket).toMatch(/^D-\d{3}$/);
    expect(res.json().mrn).toMatch(/\S/);
    const [created] = await db().select().from(patients).where(eq(patients.id, res.json().patientId));
    expect(created).toMatchObject({ familyName: 'Quickreg', birthDate: '1970-02-03' });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = [
      await snapshot(db(), visits),
      await snapshot(db(), patients),
      await snapshot(db(), ticketCounters),
    ];
    const patientId = await insertPatient(db());
    const cases: [object, string[]][] = [
      [{ departmentKey: 'general' }, ['body.patientId']],
      [{ patientId, departmentKey: 'nowhere' }, ['body.departmentKey']],
      [{ patientId: '00000000-0000-4000-8000-000000000000', departmentKey: 'general' }, ['body.patientId']],
      [{ patientId, departmentKey: 'general', providerId: receptionist.id }, ['body.providerId']],
      [{ patientId, departmentKey: 'general', priority: 'vip' }, ['body.priority']],
      [
        {
          newPatient: {
            givenName: 'Bad',
            familyName: 'Phone',
            birthDate: '1980-01-01',
            sex: 'female',
            phone: '12',
          },
          departmentKey: 'general',
        },
        ['body.newPatient.phone'],
      ],
    ];
    for (const [body, paths] of cases) {
      const res = await post('/api/queue/walk-in', body, receptionist);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorPaths(res)).toEqual(paths);
    }
    await db().delete(patients).where(eq(patients.id, patientId));
    expect([
      await snapshot(db(), visits),
      await snapshot(db(), patients),
      await snapshot(db(), ticketCounters),
    ]).toEqual(before);
  });

  it('answers 409 for a probable duplicate registration unless confirmed', async () => {
    const newPatient = { givenName: 'Dora', familyName: 'Duplicate', birthDate: '1985-05-05', sex: 'female' };
    await walkIn({ newPatient, departmentKey: 'general' });
    const again = await post('/api/queue/walk-in', { newPatient, departmentKey: 'general' }, receptionist);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/duplicate/i);
    await walkIn({ newPatient: { ...newPatient, confirmDuplicate: true }, departmentKey: 'general' });
  });

  it('is refused without queue:write', async () => {
    const patientId = await insertPatient(db());
    const res = await post('/api/queue/walk-in', { patientId, departmentKey: 'general' }, radiologist);
    expect(res.statusCode).toBe(403);
  });

  it('hands 20 parallel walk-ins 20 distinct consecutive numbers', async () => {
    const departmentKey = await insertDepartment(db(), 'P');
    const patientIds = await Promise.all(Array.from({ length: 20 }, () => insertPatient(db())));
    const results = await Promise.all(
      patientIds.map((patientId) => post('/api/queue/walk-in', { patientId, departmentKey }, receptionist)),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => r.json().ticketNumber as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.json().ticket)).size).toBe(20);
    expect(results.map((r) => r.json().ticket)).toContain('P-020');
  });
});

describe('POST /api/queue/check-in', () => {
  it("checks in today's appointment: ticket in its service's department, provider and room from it", async () => {
    const patientId = await insertPatient(db(), { givenName: 'Chet', familyName: 'Kin' });
    const roomId = await insertRoom(db(), 'general');
    const appointmentId = await insertAppointment(db(), {
      patientId,
      providerId: doctor.id,
      serviceId: generalService,
      roomId,
    });
    const res = await post('/api/queue/check-in', { appointmentId, priority: 'emergency' }, receptionist);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      appointmentId,
      patientId,
      kind: 'appointment',
      departmentKey: 'general',
      providerId: doctor.id,
      roomId,
      priority: 'emergency',
      status: 'waiting',
    });
    const [appointment] = await db().select().from(appointments).where(eq(appointments.id, appointmentId));
    expect(appointment?.status).toBe('checked_in');
    expect(appointment?.checkedInAt).not.toBeNull();
    expect(await auditOf(db(), 'queue.check_in', res.json().id)).toHaveLength(1);

    const twice = await post('/api/queue/check-in', { appointmentId }, nurse);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toMatch(/check in|checked in/i);
    expect(await db().select().from(visits).where(eq(visits.appointmentId, appointmentId))).toHaveLength(1);
  });

  it('two check-ins of one appointment at once: one ticket, the other 409', async () => {
    const patientId = await insertPatient(db());
    const appointmentId = await insertAppointment(db(), {
      patientId,
      providerId: doctor.id,
      serviceId: generalService,
    });
    const results = await Promise.all([
      post('/api/queue/check-in', { appointmentId }, receptionist),
      post('/api/queue/check-in', { appointmentId }, nurse),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it("refuses another day's appointment and an unknown one, writing nothing", async () => {
    const patientId = await insertPatient(db());
    const tomorrow = new Date(Date.now() + 86_400_000);
    const appointmentId = await insertAppointment(db(), {
      patientId,
      providerId: doctor.id,
      serviceId: generalService,
      day: tomorrow,
    });
    const before = await snapshot(db(), visits);
    const res = await post('/api/queue/check-in', { appointmentId }, receptionist);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/only today's appointments/);
    const unknown = await post('/api/queue/check-in', { appointmentId: crypto.randomUUID() }, receptionist);
    expect(unknown.statusCode).toBe(404);
    expect(errorPaths(await post('/api/queue/check-in', { appointmentId: 'x' }, receptionist))).toEqual([
      'body.appointmentId',
    ]);
    expect(await snapshot(db(), visits)).toEqual(before);
    const [appointment] = await db().select().from(appointments).where(eq(appointments.id, appointmentId));
    expect(appointment?.status).toBe('booked');
  });
});

describe('GET /api/queue', () => {
  it('lists the queue in call order with names, MRNs, waits and estimates from recent consultations', async () => {
    const departmentKey = await insertDepartment(db(), 'Q');
    const doc = await newDoctor(departmentKey);
    const history = await insertPatient(db());
    for (const [n, minutes] of [10, 12, 8, 40, 11].entries())
      await insertDoneVisit(db(), { patientId: history, departmentKey, providerId: doc.id, minutes, n });

    const names = ['Ann', 'Ben', 'Cid'];
    const ids = await Promise.all(
      names.map((givenName) => insertPatient(db(), { givenName, familyName: 'Q' })),
    );
    const first = await walkIn({ patientId: ids[0], departmentKey, providerId: doc.id });
    const second = await walkIn({ patientId: ids[1], departmentKey, providerId: doc.id });
    const urgent = await walkIn({
      patientId: ids[2],
      departmentKey,
      providerId: doc.id,
      priority: 'emergency',
    });

    const res = await get(`/api/queue?department=${departmentKey}`, receptionist);
    expect(res.statusCode).toBe(200);
    const { items, day, truncated } = res.json() as { items: Ticket[]; day: string; truncated: boolean };
    expect(day).toBe(today());
    expect(truncated).toBe(false);
    expect(items.map((i) => i.id)).toEqual([urgent.id, first.id, second.id]);
    // Median of 8, 10, 11, 12, 40 is 11 minutes.
    expect(items.map((i) => [i.ahead, i.estimatedWaitMinutes])).toEqual([
      [0, 0],
      [1, 11],
      [2, 22],
    ]);
    expect(items[0]).toMatchObject({ patientName: 'Cid Q', mrn: expect.any(String), waitedMinutes: 0 });

    // One audit event per read, naming the patients shown.
    const reads = (await auditOf(db(), 'queue.read')).filter((e) => e.resourceId === departmentKey);
    expect(reads).toHaveLength(1);
    expect(reads[0]?.details).toMatchObject({ patientIds: expect.arrayContaining(ids) });

    const mine = await get(`/api/queue?provider=${doc.id}`, doc);
    expect((mine.json().items as Ticket[]).map((i) => i.id)).toEqual([urgent.id, first.id, second.id]);
  });

  it('without an estimate history waits 15 minutes per ticket ahead; validates its filters', async () => {
    const departmentKey = await insertDepartment(db(), 'R');
    await walkIn({ patientId: await insertPatient(db()), departmentKey });
    await walkIn({ patientId: await insertPatient(db()), departmentKey });
    const items = (await get(`/api/queue?department=${departmentKey}`, nurse)).json().items as Ticket[];
    expect(items.map((i) => i.estimatedWaitMinutes)).toEqual([0, 15]);
    expect(errorPaths(await get('/api/queue?department=nowhere', receptionist))).toEqual([
      'query.department',
    ]);
    expect(errorPaths(await get('/api/queue?day=2025-02-30', receptionist))).toEqual(['query.day']);
    expect(errorPaths(await get('/api/queue?provider=nobody', receptionist))).toEqual(['query.provider']);
    const patient = await t.userWithRoles(['patient']);
    expect((await get('/api/queue', patient)).statusCode).toBe(403);
  });
});

describe('call next and the transitions', () => {
  it('calls by priority then arrival, opens the encounter, moves the appointment along', async () => {
    const departmentKey = await insertDepartment(db(), 'C');
    const doc = await newDoctor(departmentKey);
    const roomId = await insertRoom(db(), departmentKey, `Consult ${departmentKey}`);
    const early = await walkIn({ patientId: await insertPatient(db()), departmentKey });
    const patientId = await insertPatient(db());
    const serviceId = await insertService(db(), departmentKey, [doc.id]);
    const appointmentId = await insertAppointment(db(), { patientId, providerId: doc.id, serviceId });
    const checkedIn = (
      await post('/api/queue/check-in', { appointmentId, priority: 'priority' }, receptionist)
    ).json() as Ticket;

    const call = await post('/api/queue/call-next', { roomId }, doc);
    expect(call.statusCode).toBe(200);
    expect(call.json()).toMatchObject({
      id: checkedIn.id,
      status: 'called',
      roomId,
      roomName: `Consult ${departmentKey}`,
      providerId: doc.id,
      encounterId: expect.any(String),
    });
    const [encounter] = await db()
      .select()
      .from(encounters)
      .where(eq(encounters.id, call.json().encounterId));
    expect(encounter).toMatchObject({ patientId, providerId: doc.id, status: 'draft' });
    const [appointment] = await db().select().from(appointments).where(eq(appointments.id, appointmentId));
    expect(appointment?.status).toBe('in_consultation');
    expect(await auditOf(db(), 'queue.call', checkedIn.id)).toHaveLength(1);

    // The next call (no room named) takes the unassigned walk-in to the same room.
    const second = await post('/api/queue/call-next', { departmentKey }, doc);
    expect(second.json()).toMatchObject({ id: early.id, providerId: doc.id, roomId });

    const none = await post('/api/queue/call-next', { departmentKey }, doc);
    expect(none.statusCode).toBe(404);
    expect(none.json().detail).toBe('No patient is waiting for you.');

    const start = await post(`/api/queue/${checkedIn.id}/start`, undefined, doc);
    expect(start.json()).toMatchObject({ status: 'in_consultation', startedAt: expect.any(String) });
    const done = await post(`/api/queue/${checkedIn.id}/done`, undefined, doc);
    expect(done.json()).toMatchObject({ status: 'done', doneAt: expect.any(String) });
    const [completed] = await db().select().from(appointments).where(eq(appointments.id, appointmentId));
    expect(completed?.status).toBe('completed');

    const again = await post(`/api/queue/${checkedIn.id}/start`, undefined, doc);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe(
      `Ticket ${checkedIn.ticket} is done: only a ticket that is called can be started.`,
    );
  });

  it('refuses bad call-next input and callers without queue:call', async () => {
    const doc = await newDoctor();
    expect(errorPaths(await post('/api/queue/call-next', { departmentKey: 'nowhere' }, doc))).toEqual([
      'body.departmentKey',
    ]);
    expect(errorPaths(await post('/api/queue/call-next', { roomId: crypto.randomUUID() }, doc))).toEqual([
      'body.roomId',
    ]);
    const dentalRoom = await insertRoom(db(), 'dental');
    expect(
      errorPaths(await post('/api/queue/call-next', { departmentKey: 'general', roomId: dentalRoom }, doc)),
    ).toEqual(['body.roomId']);
    expect((await post('/api/queue/call-next', {}, receptionist)).statusCode).toBe(403);
    expect((await post('/api/queue/call-next', {}, nurse)).statusCode).toBe(403);
  });

  it('with start: true calls and starts in one step, audited as both, and the visit is found by its encounter', async () => {
    const departmentKey = await insertDepartment(db(), 'G');
    const doc = await newDoctor(departmentKey);
    const patientId = await insertPatient(db());
    const serviceId = await insertService(db(), departmentKey, [doc.id]);
    const appointmentId = await insertAppointment(db(), { patientId, providerId: doc.id, serviceId });
    const checkedIn = (await post('/api/queue/check-in', { appointmentId }, receptionist)).json() as Ticket;

    const res = await post('/api/queue/call-next', { departmentKey, start: true }, doc);
    expect(res.statusCode).toBe(200);
    const seen = res.json();
    expect(seen).toMatchObject({
      id: checkedIn.id,
      status: 'in_consultation',
      providerId: doc.id,
      calledAt: expect.any(String),
      startedAt: seen.calledAt,
      encounterId: expect.any(String),
    });
    const [appointment] = await db().select().from(appointments).where(eq(appointments.id, appointmentId));
    expect(appointment?.status).toBe('in_consultation');
    expect(await auditOf(db(), 'queue.call', checkedIn.id)).toHaveLength(1);
    const [started] = await auditOf(db(), 'queue.start', checkedIn.id);
    expect(started?.details).toMatchObject({ from: 'called', to: 'in_consultation' });

    const byEncounter = await get(`/api/queue?encounter=${seen.encounterId}`, doc);
    expect(byEncounter.json().items.map((i: Ticket) => i.id)).toEqual([checkedIn.id]);
    const other = await get(`/api/queue?encounter=${crypto.randomUUID()}`, doc);
    expect(other.json().items).toEqual([]);
    expect(errorPaths(await get('/api/queue?encounter=nope', doc))).toEqual(['query.encounter']);
    expect(errorPaths(await post('/api/queue/call-next', { start: 'yes' }, doc))).toEqual(['body.start']);

    // Started already: the separate start step refuses it, and finishing completes the appointment.
    expect((await post(`/api/queue/${checkedIn.id}/start`, undefined, doc)).statusCode).toBe(409);
    expect((await post(`/api/queue/${checkedIn.id}/done`, undefined, doc)).json().status).toBe('done');
    const [completed] = await db().select().from(appointments).where(eq(appointments.id, appointmentId));
    expect(completed?.status).toBe('completed');
  });

  it('a caller without chart:write calls without opening an encounter', async () => {
    const departmentKey = await insertDepartment(db(), 'X');
    await walkIn({ patientId: await insertPatient(db()), departmentKey });
    const res = await post('/api/queue/call-next', { departmentKey }, radiologist);
    expect(res.json()).toMatchObject({ status: 'called', providerId: radiologist.id, encounterId: null });
  });

  it('parallel calls by several doctors never hand out the same patient', async () => {
    const departmentKey = await insertDepartment(db(), 'K');
    const doctors = await Promise.all([newDoctor(), newDoctor(), newDoctor(), newDoctor()]);
    const tickets = [];
    for (let i = 0; i < 6; i++)
      tickets.push(await walkIn({ patientId: await insertPatient(db()), departmentKey }));
    const calls = await Promise.all(
      [...doctors, ...doctors].map((d) => post('/api/queue/call-next', { departmentKey }, d)),
    );
    const called = calls.filter((c) => c.statusCode === 200).map((c) => c.json().id as string);
    expect(calls.filter((c) => c.statusCode !== 200).map((c) => c.statusCode)).toEqual([404, 404]);
    expect(new Set(called).size).toBe(6);
    expect(called.sort()).toEqual(tickets.map((x) => x.id).sort());
    const rows = await db().select().from(visits).where(eq(visits.departmentKey, departmentKey));
    expect(rows.every((r) => r.status === 'called' && r.calledBy === r.providerId)).toBe(true);
    if (onPostgres) expect(new Set(rows.map((r) => r.calledBy)).size).toBeGreaterThan(1);
  });

  it('skip, requeue (original place), no-show and transfer, each refused from a wrong state', async () => {
    const departmentKey = await insertDepartment(db(), 'S');
    const doc = await newDoctor(departmentKey);
    const other = await newDoctor();
    const a = await walkIn({ patientId: await insertPatient(db()), departmentKey });
    const b = await walkIn({ patientId: await insertPatient(db()), departmentKey });

    const skipped = await post(`/api/queue/${a.id}/skip`, undefined, doc);
    expect(skipped.json().status).toBe('skipped');
    expect((await post(`/api/queue/${a.id}/skip`, undefined, doc)).statusCode).toBe(409);
    expect((await post(`/api/queue/${b.id}/requeue`, undefined, receptionist)).statusCode).toBe(409);
    const back = await post(`/api/queue/${a.id}/requeue`, undefined, receptionist);
    expect(back.json()).toMatchObject({ status: 'waiting', arrivedAt: a.arrivedAt });
    // Still ahead of b: it kept its arrival time.
    expect((await post('/api/queue/call-next', { departmentKey }, doc)).json().id).toBe(a.id);

    const moved = await post(`/api/queue/${a.id}/transfer`, { providerId: other.id }, doc);
    expect(moved.json()).toMatchObject({
      status: 'waiting',
      providerId: other.id,
      calledAt: null,
      roomId: null,
      encounterId: null,
      arrivedAt: a.arrivedAt,
      ticket: a.ticket,
    });
    expect(errorPaths(await post(`/api/queue/${a.id}/transfer`, { providerId: nurse.id }, doc))).toEqual([
      'body.providerId',
    ]);
    const toDental = await post(
      `/api/queue/${a.id}/transfer`,
      { providerId: other.id, departmentKey: 'dental' },
      doc,
    );
    expect(toDental.json()).toMatchObject({ departmentKey: 'dental', arrivedAt: a.arrivedAt });
    expect(toDental.json().ticket).toMatch(/^D-\d{3}$/);
    expect(await auditOf(db(), 'queue.transfer', a.id)).toHaveLength(2);

    const gone = await post(`/api/queue/${b.id}/no-show`, undefined, receptionist);
    expect(gone.json().status).toBe('no_show');
    const late = await post(`/api/queue/${b.id}/transfer`, { providerId: other.id }, doc);
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(
      /is a no-show: only a ticket that is waiting or called or in consultation/,
    );
    expect((await post(`/api/queue/${crypto.randomUUID()}/skip`, undefined, doc)).statusCode).toBe(404);
    expect((await post(`/api/queue/${a.id}/skip`, undefined, receptionist)).statusCode).toBe(403);
  });

  it('no-show of a checked-in appointment marks the appointment too', async () => {
    const patientId = await insertPatient(db());
    const appointmentId = await insertAppointment(db(), {
      patientId,
      providerId: doctor.id,
      serviceId: generalService,
    });
    const ticket = (await post('/api/queue/check-in', { appointmentId }, receptionist)).json() as Ticket;
    expect((await post(`/api/queue/${ticket.id}/no-show`, undefined, receptionist)).statusCode).toBe(200);
    const [appointment] = await db().select().from(appointments).where(eq(appointments.id, appointmentId));
    expect(appointment?.status).toBe('no_show');
  });
});

describe('POST /api/queue/:id/triage', () => {
  it("sets priority and note and records vitals in the patient's record", async () => {
    const patientId = await insertPatient(db());
    const ticket = await walkIn({ patientId, departmentKey: 'general' });
    expect(ticket).toMatchObject({ triaged: false });
    const res = await post(
      `/api/queue/${ticket.id}/triage`,
      { priority: 'emergency', note: 'Chest pain', vitals: { systolic: 150, diastolic: 95, heartRate: 110 } },
      nurse,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ priority: 'emergency', triageNote: 'Chest pain', triaged: true });
    const rows = await db().select().from(vitals).where(eq(vitals.patientId, patientId));
    expect(rows).toMatchObject([{ systolic: 150, heartRate: 110, recordedBy: nurse.id }]);
    const [event] = await auditOf(db(), 'queue.triage', ticket.id);
    expect(event?.details).toMatchObject({ priority: 'emergency', vitalsId: rows[0]?.id });
  });

  it('refuses vitals from a role that does not write charts, and bad vitals, changing nothing', async () => {
    const patientId = await insertPatient(db());
    const ticket = await walkIn({ patientId, departmentKey: 'general' });
    const before = await snapshot(db(), visits);
    const denied = await post(
      `/api/queue/${ticket.id}/triage`,
      { priority: 'emergency', vitals: { heartRate: 80 } },
      receptionist,
    );
    expect(denied.statusCode).toBe(403);
    expect(
      errorPaths(await post(`/api/queue/${ticket.id}/triage`, { vitals: { heartRate: 900 } }, nurse)),
    ).toEqual(['body.vitals.heartRate']);
    expect(errorPaths(await post(`/api/queue/${ticket.id}/triage`, {}, nurse))).toEqual(['body']);
    expect(await snapshot(db(), visits)).toEqual(before);
    expect(await db().select().from(vitals).where(eq(vitals.patientId, patientId))).toEqual([]);
    // Without vitals, the receptionist may set the priority.
    const ok = await post(
      `/api/queue/${ticket.id}/triage`,
      { priority: 'priority', priorityReason: 'pregnant' },
      receptionist,
    );
    expect(ok.json()).toMatchObject({ priority: 'priority', priorityReason: 'pregnant' });
  });
});

describe('lookups', () => {
  it('lists departments with rooms and the providers who can call', async () => {
    const deps = await get('/api/queue/departments', receptionist);
    expect(deps.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'general', ticketPrefix: 'A', rooms: expect.any(Array) }),
      ]),
    );
    const providers = (await get('/api/queue/providers', receptionist)).json().items as { id: string }[];
    expect(providers.map((p) => p.id)).toEqual(expect.arrayContaining([doctor.id, radiologist.id]));
    expect(providers.map((p) => p.id)).not.toContain(nurse.id);
  });
});
