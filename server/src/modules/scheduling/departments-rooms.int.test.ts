import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { departments, rooms } from './scheduling.schema.ts';
import { createSchedulingKit, type SchedulingKit } from './scheduling.test-kit.ts';

let k: SchedulingKit;
beforeAll(async () => {
  k = await createSchedulingKit();
});
afterAll(async () => k?.close());

describe('GET /api/departments', () => {
  it('lists the seeded departments to staff who read schedules', async () => {
    for (const cookie of [k.admin.cookie, k.receptionist.cookie, k.doctor.cookie, k.nurse.cookie]) {
      const res = await k.send('GET', '/api/departments', undefined, cookie);
      expect(res.statusCode).toBe(200);
      const byKey = Object.fromEntries(res.json().items.map((d: { key: string }) => [d.key, d]));
      expect(byKey.general).toMatchObject({ name: 'General medicine', ticketPrefix: 'A', active: true });
      expect(byKey.dental).toMatchObject({ name: 'Dental', ticketPrefix: 'D', active: true });
    }
  });

  it('shows the portal only active departments', async () => {
    await k.send('POST', '/api/departments', {
      key: 'closed-wing',
      name: 'Closed wing',
      ticketPrefix: 'CW',
      active: false,
    });
    const staff = await k.send('GET', '/api/departments');
    expect(staff.json().items.map((d: { key: string }) => d.key)).toContain('closed-wing');
    const portal = await k.send('GET', '/api/departments', undefined, k.patient.cookie);
    expect(portal.statusCode).toBe(200);
    const keys = portal.json().items.map((d: { key: string }) => d.key);
    expect(keys).toContain('general');
    expect(keys).not.toContain('closed-wing');
  });

  it('answers 401 without a session and 403 to roles without schedules:read', async () => {
    expect((await k.send('GET', '/api/departments', undefined, null)).statusCode).toBe(401);
    expect((await k.send('GET', '/api/departments', undefined, k.pharmacist.cookie)).statusCode).toBe(403);
  });
});

describe('POST /api/departments', () => {
  it('creates a department, audits it and tells the screens', async () => {
    const res = await k.send('POST', '/api/departments', {
      key: 'imaging',
      name: 'Imaging',
      ticketPrefix: 'R',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ key: 'imaging', name: 'Imaging', ticketPrefix: 'R', active: true });
    const [audit] = await auditOf(k.t.app.ctx.db, 'department.create', 'imaging');
    expect(audit).toMatchObject({ actorId: k.admin.id, details: { name: 'Imaging', ticketPrefix: 'R' } });
    expect(await k.eventAbout('schedule.changed', 'imaging')).toMatchObject({ permission: 'schedules:read' });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await snapshot(k.t.app.ctx.db, departments);
    const good = { key: 'lab', name: 'Laboratory', ticketPrefix: 'L' };
    const cases: [object, string][] = [
      [{ ...good, key: 'Lab' }, 'body.key'],
      [{ ...good, key: '' }, 'body.key'],
      [{ ...good, key: 'general' }, 'body.key'],
      [{ ...good, name: '  ' }, 'body.name'],
      [{ ...good, ticketPrefix: 'l' }, 'body.ticketPrefix'],
      [{ ...good, ticketPrefix: 'LAB' }, 'body.ticketPrefix'],
      [{ ...good, ticketPrefix: '' }, 'body.ticketPrefix'],
      [{ ...good, ticketPrefix: 'A' }, 'body.ticketPrefix'],
      [{ ...good, active: 'yes' }, 'body.active'],
      [{ ...good, colour: 'red' }, 'body.colour'],
    ];
    for (const [payload, path] of cases) {
      const res = await k.send('POST', '/api/departments', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(
        errorPaths(res).some((p) => p.startsWith(path)),
        JSON.stringify(payload),
      ).toBe(true);
    }
    expect(await snapshot(k.t.app.ctx.db, departments)).toEqual(before);
  });

  it('answers 401 without a session and 403 to every role without schedules:write', async () => {
    const payload = { key: 'nope', name: 'Nope', ticketPrefix: 'N' };
    expect((await k.send('POST', '/api/departments', payload, null)).statusCode).toBe(401);
    for (const u of [k.receptionist, k.doctor, k.dentist, k.nurse, k.pharmacist, k.accountant, k.patient]) {
      expect((await k.send('POST', '/api/departments', payload, u.cookie)).statusCode).toBe(403);
    }
  });
});

describe('PATCH /api/departments/:key', () => {
  it('renames, re-prefixes and deactivates, with the before values audited', async () => {
    const res = await k.send('PATCH', '/api/departments/imaging', { name: 'Radiology', ticketPrefix: 'RX' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ key: 'imaging', name: 'Radiology', ticketPrefix: 'RX' });
    const [audit] = await auditOf(k.t.app.ctx.db, 'department.update', 'imaging');
    expect(audit?.details).toMatchObject({
      before: { name: 'Imaging', ticketPrefix: 'R' },
      patch: { name: 'Radiology', ticketPrefix: 'RX' },
    });
    expect((await k.send('PATCH', '/api/departments/imaging', { active: false })).json().active).toBe(false);
  });

  it('refuses a prefix in use, bad fields and unknown keys', async () => {
    const before = await snapshot(k.t.app.ctx.db, departments);
    expect(errorPaths(await k.send('PATCH', '/api/departments/imaging', { ticketPrefix: 'D' }))).toEqual([
      'body.ticketPrefix',
    ]);
    expect(errorPaths(await k.send('PATCH', '/api/departments/imaging', { key: 'x' }))).toEqual(['body.key']);
    expect(errorPaths(await k.send('PATCH', '/api/departments/Bad%20Key', { name: 'x' }))).toEqual([
      'params.key',
    ]);
    expect((await k.send('PATCH', '/api/departments/no-such', { name: 'x' })).statusCode).toBe(404);
    expect(await snapshot(k.t.app.ctx.db, departments)).toEqual(before);
  });

  it('answers 401 and 403', async () => {
    expect((await k.send('PATCH', '/api/departments/general', { name: 'x' }, null)).statusCode).toBe(401);
    for (const u of [k.receptionist, k.doctor, k.patient]) {
      expect((await k.send('PATCH', '/api/departments/general', { name: 'x' }, u.cookie)).statusCode).toBe(
        403,
      );
    }
  });
});

describe('rooms', () => {
  let roomId: string;

  it('creates a room in a department, audits it and publishes the change', async () => {
    const res = await k.send('POST', '/api/rooms', { name: 'Room 1', departmentKey: 'general' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Room 1', departmentKey: 'general', active: true });
    roomId = res.json().id;
    expect(await auditOf(k.t.app.ctx.db, 'room.create', roomId)).toHaveLength(1);
    await k.eventAbout('schedule.changed', roomId);
  });

  it('lists rooms with department and active filters', async () => {
    await k.send('POST', '/api/rooms', { name: 'Chair 1', departmentKey: 'dental' });
    await k.send('POST', '/api/rooms', { name: 'Old room', departmentKey: 'general', active: false });
    const all = await k.send('GET', '/api/rooms', undefined, k.receptionist.cookie);
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((r: { name: string }) => r.name)).toEqual(['Chair 1', 'Old room', 'Room 1']);
    const general = await k.send('GET', '/api/rooms?department=general&active=true');
    expect(general.json().items.map((r: { name: string }) => r.name)).toEqual(['Room 1']);
    expect(errorPaths(await k.send('GET', '/api/rooms?active=maybe'))).toEqual(['query.active']);
  });

  it('edits a room, auditing the before values', async () => {
    const res = await k.send('PATCH', `/api/rooms/${roomId}`, { name: 'Room 1A', departmentKey: 'dental' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: roomId, name: 'Room 1A', departmentKey: 'dental' });
    const [audit] = await auditOf(k.t.app.ctx.db, 'room.update', roomId);
    expect(audit?.details).toMatchObject({ before: { name: 'Room 1', departmentKey: 'general' } });
  });

  it('refuses duplicate names, unknown or inactive departments and bad fields, writing nothing', async () => {
    const before = await snapshot(k.t.app.ctx.db, rooms);
    const cases: [string, string, object, string][] = [
      ['POST', '/api/rooms', { name: 'Chair 1', departmentKey: 'dental' }, 'body.name'],
      ['POST', '/api/rooms', { name: 'New', departmentKey: 'nowhere' }, 'body.departmentKey'],
      ['POST', '/api/rooms', { name: 'New', departmentKey: 'closed-wing' }, 'body.departmentKey'],
      ['POST', '/api/rooms', { name: '', departmentKey: 'general' }, 'body.name'],
      ['POST', '/api/rooms', { name: 'New' }, 'body.departmentKey'],
      ['PATCH', `/api/rooms/${roomId}`, { name: 'Chair 1' }, 'body.name'],
      ['PATCH', `/api/rooms/${roomId}`, { departmentKey: 'nowhere' }, 'body.departmentKey'],
      ['PATCH', '/api/rooms/not-a-uuid', { name: 'x' }, 'params.id'],
    ];
    for (const [method, url, payload, path] of cases) {
      const res = await k.send(method as 'POST', url, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res), JSON.stringify(payload)).toEqual([path]);
    }
    expect(
      (await k.send('PATCH', '/api/rooms/00000000-0000-4000-8000-000000000000', { name: 'x' })).statusCode,
    ).toBe(404);
    expect(await snapshot(k.t.app.ctx.db, rooms)).toEqual(before);
  });

  it('two simultaneous creates of one name: one wins, the other is told the name is taken', async () => {
    const payload = { name: 'Twin room', departmentKey: 'general' };
    const answers = await Promise.all([
      k.send('POST', '/api/rooms', payload),
      k.send('POST', '/api/rooms', payload),
    ]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 400]);
  });

  it('answers 401 and 403', async () => {
    expect((await k.send('GET', '/api/rooms', undefined, null)).statusCode).toBe(401);
    expect((await k.send('GET', '/api/rooms', undefined, k.patient.cookie)).statusCode).toBe(403);
    expect((await k.send('GET', '/api/rooms', undefined, k.pharmacist.cookie)).statusCode).toBe(403);
    const payload = { name: 'X', departmentKey: 'general' };
    expect((await k.send('POST', '/api/rooms', payload, null)).statusCode).toBe(401);
    for (const u of [k.receptionist, k.doctor, k.nurse, k.patient]) {
      expect((await k.send('POST', '/api/rooms', payload, u.cookie)).statusCode).toBe(403);
      expect((await k.send('PATCH', `/api/rooms/${roomId}`, { name: 'Y' }, u.cookie)).statusCode).toBe(403);
    }
  });
});
