import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { serviceProviders, services } from './scheduling.schema.ts';
import { createSchedulingKit, type SchedulingKit } from './scheduling.test-kit.ts';

let k: SchedulingKit;
beforeAll(async () => {
  k = await createSchedulingKit();
});
afterAll(async () => k?.close());

type ServiceBody = { id: string; name: string; providerIds: string[] };
let checkUp: ServiceBody;
let cleaning: ServiceBody;
let hidden: ServiceBody;

describe('POST /api/services', () => {
  it('creates a service with its providers, audited and published', async () => {
    const res = await k.send('POST', '/api/services', {
      name: 'Check-up',
      departmentKey: 'general',
      durationMinutes: 20,
      bufferMinutes: 5,
      priceMinor: 4500,
      providerIds: [k.doctor.id, k.nurse.id, k.doctor.id],
    });
    expect(res.statusCode).toBe(201);
    checkUp = res.json();
    expect(checkUp).toMatchObject({
      name: 'Check-up',
      departmentKey: 'general',
      durationMinutes: 20,
      bufferMinutes: 5,
      priceMinor: 4500,
      selfBookable: true,
      active: true,
      providerIds: [k.doctor.id, k.nurse.id].sort(),
    });
    const [audit] = await auditOf(k.t.app.ctx.db, 'service.create', checkUp.id);
    expect(audit).toMatchObject({ actorId: k.admin.id, details: { durationMinutes: 20 } });
    await k.eventAbout('schedule.changed', checkUp.id);

    cleaning = (
      await k.send('POST', '/api/services', {
        name: 'Cleaning',
        departmentKey: 'dental',
        durationMinutes: 45,
        providerIds: [k.dentist.id],
      })
    ).json();
    hidden = (
      await k.send('POST', '/api/services', {
        name: 'Minor surgery',
        departmentKey: 'general',
        durationMinutes: 90,
        selfBookable: false,
        providerIds: [k.doctor.id],
      })
    ).json();
    expect(cleaning.providerIds).toEqual([k.dentist.id]);
    // Not priced until the clinic says so.
    expect(cleaning).toMatchObject({ priceMinor: null });
    expect(hidden.name).toBe('Minor surgery');
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = [
      await snapshot(k.t.app.ctx.db, services),
      await snapshot(k.t.app.ctx.db, serviceProviders),
    ];
    const good = { name: 'X-ray', departmentKey: 'general', durationMinutes: 15 };
    const cases: [object, string][] = [
      [{ ...good, name: '' }, 'body.name'],
      [{ ...good, name: 'Check-up' }, 'body.name'],
      [{ ...good, departmentKey: 'nowhere' }, 'body.departmentKey'],
      [{ ...good, durationMinutes: 4 }, 'body.durationMinutes'],
      [{ ...good, durationMinutes: 481 }, 'body.durationMinutes'],
      [{ ...good, durationMinutes: 12.5 }, 'body.durationMinutes'],
      [{ ...good, bufferMinutes: -1 }, 'body.bufferMinutes'],
      [{ ...good, bufferMinutes: 121 }, 'body.bufferMinutes'],
      [{ ...good, priceMinor: -1 }, 'body.priceMinor'],
      [{ ...good, priceMinor: 12.5 }, 'body.priceMinor'],
      [{ ...good, priceMinor: '45.00' }, 'body.priceMinor'],
      [{ ...good, priceMinor: 100_000_001 }, 'body.priceMinor'],
      [{ ...good, providerIds: ['nope'] }, 'body.providerIds.0'],
      [{ ...good, providerIds: [k.doctor.id, k.receptionist.id] }, 'body.providerIds.1'],
      [{ ...good, providerIds: [k.patient.id] }, 'body.providerIds.0'],
      [{ ...good, providerIds: ['00000000-0000-4000-8000-000000000000'] }, 'body.providerIds.0'],
      [{ name: 'X-ray', departmentKey: 'general' }, 'body.durationMinutes'],
    ];
    for (const [payload, path] of cases) {
      const res = await k.send('POST', '/api/services', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res), JSON.stringify(payload)).toEqual([path]);
    }
    expect([
      await snapshot(k.t.app.ctx.db, services),
      await snapshot(k.t.app.ctx.db, serviceProviders),
    ]).toEqual(before);
  });

  it('accepts the edges of duration and buffer', async () => {
    const res = await k.send('POST', '/api/services', {
      name: 'Edge',
      departmentKey: 'general',
      durationMinutes: 480,
      bufferMinutes: 120,
    });
    expect(res.statusCode).toBe(201);
    const low = await k.send('POST', '/api/services', {
      name: 'Edge low',
      departmentKey: 'general',
      durationMinutes: 5,
      bufferMinutes: 0,
      active: false,
    });
    expect(low.statusCode).toBe(201);
  });

  it('answers 401 and 403 to every role without schedules:write', async () => {
    const payload = { name: 'Nope', departmentKey: 'general', durationMinutes: 15 };
    expect((await k.send('POST', '/api/services', payload, null)).statusCode).toBe(401);
    for (const u of [k.receptionist, k.doctor, k.dentist, k.nurse, k.pharmacist, k.accountant, k.patient]) {
      expect((await k.send('POST', '/api/services', payload, u.cookie)).statusCode).toBe(403);
    }
  });
});

describe('PATCH /api/services/:id', () => {
  it('edits fields and replaces providers, auditing the before values', async () => {
    const res = await k.send('PATCH', `/api/services/${checkUp.id}`, {
      durationMinutes: 30,
      priceMinor: null,
      providerIds: [k.doctor.id],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      durationMinutes: 30,
      bufferMinutes: 5,
      priceMinor: null,
      providerIds: [k.doctor.id],
    });
    const [audit] = await auditOf(k.t.app.ctx.db, 'service.update', checkUp.id);
    expect(audit?.details).toMatchObject({
      before: { durationMinutes: 20, priceMinor: 4500, providerIds: [k.doctor.id, k.nurse.id].sort() },
      patch: { durationMinutes: 30, providerIds: [k.doctor.id] },
    });
  });

  it('refuses bad input and keeps the service as it was', async () => {
    const before = [
      await snapshot(k.t.app.ctx.db, services),
      await snapshot(k.t.app.ctx.db, serviceProviders),
    ];
    const url = `/api/services/${checkUp.id}`;
    const cases: [object, string][] = [
      [{ name: 'Cleaning' }, 'body.name'],
      [{ durationMinutes: 0 }, 'body.durationMinutes'],
      [{ priceMinor: -500 }, 'body.priceMinor'],
      [{ providerIds: [k.pharmacist.id] }, 'body.providerIds.0'],
      [{ durationMinutes: 40, providerIds: [k.accountant.id] }, 'body.providerIds.0'],
      [{ departmentKey: 'nowhere' }, 'body.departmentKey'],
      [{ id: checkUp.id }, 'body.id'],
    ];
    for (const [payload, path] of cases) {
      const res = await k.send('PATCH', url, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res), JSON.stringify(payload)).toEqual([path]);
    }
    expect(
      (await k.send('PATCH', '/api/services/00000000-0000-4000-8000-000000000000', { name: 'x' })).statusCode,
    ).toBe(404);
    expect(errorPaths(await k.send('PATCH', '/api/services/42', { name: 'x' }))).toEqual(['params.id']);
    expect([
      await snapshot(k.t.app.ctx.db, services),
      await snapshot(k.t.app.ctx.db, serviceProviders),
    ]).toEqual(before);
  });

  it('answers 401 and 403', async () => {
    expect((await k.send('PATCH', `/api/services/${checkUp.id}`, { name: 'x' }, null)).statusCode).toBe(401);
    for (const u of [k.receptionist, k.doctor, k.patient]) {
      expect((await k.send('PATCH', `/api/services/${checkUp.id}`, { name: 'x' }, u.cookie)).statusCode).toBe(
        403,
      );
    }
  });
});

describe('GET /api/services', () => {
  it('lists every service to staff, with filters', async () => {
    const all = await k.send('GET', '/api/services', undefined, k.receptionist.cookie);
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((s: ServiceBody) => s.name)).toEqual([
      'Check-up',
      'Cleaning',
      'Edge',
      'Edge low',
      'Minor surgery',
    ]);
    const dental = await k.send('GET', '/api/services?department=dental');
    expect(dental.json().items.map((s: ServiceBody) => s.name)).toEqual(['Cleaning']);
    const byDoctor = await k.send('GET', `/api/services?provider=${k.doctor.id}&active=true`);
    expect(byDoctor.json().items.map((s: ServiceBody) => s.name)).toEqual(['Check-up', 'Minor surgery']);
    const inactive = await k.send('GET', '/api/services?active=false');
    expect(inactive.json().items.map((s: ServiceBody) => s.name)).toEqual(['Edge low']);
    expect(errorPaths(await k.send('GET', '/api/services?provider=bob'))).toEqual(['query.provider']);
  });

  it('shows the portal only active, self-bookable services', async () => {
    const res = await k.send('GET', '/api/services', undefined, k.patient.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((s: ServiceBody) => s.name)).toEqual(['Check-up', 'Cleaning', 'Edge']);
    const asked = await k.send('GET', '/api/services?active=false', undefined, k.patient.cookie);
    expect(asked.json().items).toEqual([]);
  });

  it('answers 401 and 403', async () => {
    expect((await k.send('GET', '/api/services', undefined, null)).statusCode).toBe(401);
    expect((await k.send('GET', '/api/services', undefined, k.pharmacist.cookie)).statusCode).toBe(403);
  });
});

describe('GET /api/providers', () => {
  it('lists active clinical users with their services and emails for staff', async () => {
    const res = await k.send('GET', '/api/providers', undefined, k.receptionist.cookie);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; roles: string[]; serviceIds: string[]; email?: string }[];
    const ids = items.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([k.doctor.id, k.dentist.id, k.nurse.id]));
    for (const other of [k.admin, k.receptionist, k.pharmacist, k.accountant, k.patient]) {
      expect(ids).not.toContain(other.id);
    }
    const doctor = items.find((p) => p.id === k.doctor.id);
    expect(doctor).toMatchObject({ roles: ['doctor'], email: k.doctor.email });
    expect(doctor?.serviceIds.sort()).toEqual([checkUp.id, hidden.id].sort());
    const byService = await k.send('GET', `/api/providers?service=${cleaning.id}`);
    expect(byService.json().items.map((p: { id: string }) => p.id)).toEqual([k.dentist.id]);
  });

  it('gives the portal names and bookable services only, never emails', async () => {
    const res = await k.send('GET', '/api/providers', undefined, k.patient.cookie);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    for (const p of items) expect(Object.keys(p).sort()).toEqual(['id', 'name', 'roles', 'serviceIds']);
    expect(items.find((p) => p.id === k.doctor.id)?.serviceIds).toEqual([checkUp.id]);
  });

  it('leaves out deactivated users', async () => {
    const nurse2 = await k.t.userWithRoles(['nurse']);
    expect((await k.send('GET', '/api/providers')).json().items.map((p: { id: string }) => p.id)).toContain(
      nurse2.id,
    );
    await k.send('PATCH', `/api/users/${nurse2.id}`, { active: false });
    expect(
      (await k.send('GET', '/api/providers')).json().items.map((p: { id: string }) => p.id),
    ).not.toContain(nurse2.id);
  });

  it('answers 400, 401 and 403', async () => {
    expect(errorPaths(await k.send('GET', '/api/providers?service=x'))).toEqual(['query.service']);
    expect((await k.send('GET', '/api/providers', undefined, null)).statusCode).toBe(401);
    expect((await k.send('GET', '/api/providers', undefined, k.pharmacist.cookie)).statusCode).toBe(403);
  });
});
