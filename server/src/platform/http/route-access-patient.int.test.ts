import { randomUUID } from 'node:crypto';
import type { Patient } from '@carebase/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerPatient, TINY_PNG } from '../../modules/patients/patient-test-fixtures.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { type AuditRow, auditOf } from '../../test/test-queries.ts';

let t: TestApp;
let admin: TestUser;
let receptionist: TestUser;
let patient: Patient;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  admin = await t.userWithRoles(['admin']);
  receptionist = await t.userWithRoles(['receptionist']);
  patient = await registerPatient(t);
});
afterAll(async () => t?.close());

/** A URL for the route pattern: patient params get the patient's id, other params a made-up value. */
function urlOf(pattern: string, patientId: string): string {
  const segments = pattern.split('/');
  return segments
    .map((segment, i) => {
      if (!segment.startsWith(':')) return segment;
      const name = segment.slice(1);
      if (name === 'patientId' || segments[i - 1] === 'patients') return patientId;
      if (name === 'tooth') return '11';
      return randomUUID();
    })
    .join('/');
}

/** Routes whose URL names a patient: under /api/patients/:id… or with a :patientId param. */
const patientRoutes = () =>
  [...t.app.routeAccess().keys()].filter((route) => /\/api\/patients\/:|:patientId\b/.test(route));

const auditOfPatient = async (patientId: string) => {
  const res = await t.request({
    method: 'GET',
    url: `/api/audit?patient=${patientId}&action=access.denied&pageSize=100`,
    cookie: admin.cookie,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as AuditRow[];
};

describe('a denied attempt on a patient-scoped route', () => {
  it("is audited with the patient's id, the path tried and the resource, and shows in the patient's access report", async () => {
    const routes = patientRoutes();
    expect(routes).toContain('GET /api/patients/:patientId/encounters');
    const denied: { route: string; path: string }[] = [];
    for (const route of routes) {
      const [method, pattern] = route.split(' ') as [string, string];
      const url = urlOf(pattern, patient.id);
      const res = await t.request({
        method: method as 'GET',
        url,
        cookie: receptionist.cookie,
        ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
      });
      if (res.statusCode === 403) denied.push({ route, path: url });
    }
    // The receptionist sees demographics, not the chart: every chart route of the patient is refused.
    expect(denied.map((d) => d.route)).toEqual(
      expect.arrayContaining([
        'GET /api/patients/:patientId/encounters',
        'GET /api/patients/:patientId/vitals',
        'GET /api/patients/:patientId/prescriptions',
        'GET /api/patients/:patientId/attachments',
        'GET /api/patients/:patientId/dental/chart',
        'GET /api/patients/:id/record.pdf',
        'POST /api/patients/:id/allergies',
      ]),
    );

    const rows = (await auditOf(t.app.ctx.db, 'access.denied')).filter((r) => r.actorId === receptionist.id);
    expect(rows).toHaveLength(denied.length);
    for (const { route, path } of denied) {
      const row = rows.find((r) => r.details.route === route);
      expect(row, route).toMatchObject({
        outcome: 'denied',
        patientId: patient.id,
        actorEmail: receptionist.email,
        details: { route, path },
      });
    }
    const encounters = rows.find((r) => r.details.route === 'GET /api/patients/:patientId/encounters');
    expect(encounters).toMatchObject({ resourceType: 'patient', resourceId: patient.id });
    const tooth = rows.find(
      (r) => r.details.route === 'GET /api/patients/:patientId/dental/teeth/:tooth/history',
    );
    if (tooth)
      expect(tooth).toMatchObject({ resourceType: 'tooth', resourceId: '11', patientId: patient.id });

    // The patient's access report (the audit filtered by patient) lists every attempt.
    const report = await auditOfPatient(patient.id);
    expect(report.map((r) => r.details.path).sort()).toEqual(denied.map((d) => d.path).sort());
    expect(report.every((r) => r.actorId === receptionist.id && r.outcome === 'denied')).toBe(true);
  });

  it('names the patient given in the query string or the body of a refused request', async () => {
    const other = await registerPatient(t);
    const pharmacist = await t.userWithRoles(['pharmacist']);
    const accountant = await t.userWithRoles(['accountant']);
    const listed = await t.request({
      method: 'GET',
      url: `/api/appointments?patientId=${other.id}&from=2030-01-01T00:00:00Z`,
      cookie: pharmacist.cookie,
    });
    expect(listed.statusCode).toBe(403);
    const checkIn = await t.request({
      method: 'POST',
      url: '/api/queue/check-in',
      cookie: accountant.cookie,
      payload: { patientId: other.id.toUpperCase(), departmentKey: 'general' },
    });
    expect(checkIn.statusCode).toBe(403);
    const report = await auditOfPatient(other.id);
    expect(report.map((r) => [r.actorId, r.details.route, r.details.path]).sort()).toEqual(
      [
        [pharmacist.id, 'GET /api/appointments', '/api/appointments'],
        [accountant.id, 'POST /api/queue/check-in', '/api/queue/check-in'],
      ].sort(),
    );
    // No patient in the URL: the resource is the route, as before.
    expect(report.find((r) => r.actorId === pharmacist.id)).toMatchObject({
      resourceType: 'route',
      resourceId: 'GET /api/appointments',
    });
  });

  it('names the resource of a refused route that is not under a patient, without a patient', async () => {
    const id = randomUUID();
    const res = await t.request({ method: 'GET', url: `/api/encounters/${id}`, cookie: receptionist.cookie });
    expect(res.statusCode).toBe(403);
    const [row] = await auditOf(t.app.ctx.db, 'access.denied', id);
    expect(row).toMatchObject({
      resourceType: 'encounter',
      resourceId: id,
      patientId: null,
      details: { route: 'GET /api/encounters/:id', path: `/api/encounters/${id}` },
    });
  });
});

describe('Cache-Control', () => {
  const closedGets = () =>
    [...t.app.routeAccess()]
      .filter(([route, access]) => access !== 'public' && route.startsWith('GET /api/'))
      .map(([route]) => route.slice(4))
      // WebSocket routes answer upgrades only.
      .filter((pattern) => pattern !== '/api/events' && !pattern.endsWith('/socket'));

  it('is no-store on every response of a signed-in route, whatever its status', async () => {
    const patterns = closedGets();
    expect(patterns).toEqual(
      expect.arrayContaining([
        '/api/patients',
        '/api/patients/:id',
        '/api/patients/:patientId/encounters',
        '/api/encounters/:id',
        '/api/patients/:patientId/vitals',
        '/api/patients/:patientId/prescriptions',
        '/api/patients/:patientId/attachments',
        '/api/patients/:patientId/dental/chart',
        '/api/patients/:patientId/certificates',
        '/api/appointments',
        '/api/queue',
        '/api/patients/:id/record.pdf',
      ]),
    );
    const missing: string[] = [];
    const statuses = new Map<string, number>();
    for (const pattern of patterns) {
      const res = await t.request({ method: 'GET', url: urlOf(pattern, patient.id), cookie: admin.cookie });
      statuses.set(pattern, res.statusCode);
      const header = String(res.headers['cache-control'] ?? '');
      if (!header.split(/,\s*/).includes('no-store'))
        missing.push(`${pattern} → ${res.statusCode} ${header}`);
    }
    expect(missing, `responses without no-store: ${missing.join(', ')}`).toEqual([]);
    // Patient data itself came back (not only refusals), and still carried no-store.
    expect(statuses.get('/api/patients/:id')).toBe(200);
    expect(statuses.get('/api/patients/:patientId/encounters')).toBe(200);
    expect(statuses.get('/api/patients/:id/record.pdf')).toBe(200);
    // Refused and failed answers too.
    const refused = await t.request({
      method: 'GET',
      url: `/api/patients/${patient.id}/encounters`,
      cookie: receptionist.cookie,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['cache-control']).toBe('no-store');
  });

  it('keeps the header a route sets itself, and leaves public routes to anonymous callers alone', async () => {
    const put = await t.request({
      method: 'PUT',
      url: `/api/patients/${patient.id}/photo`,
      cookie: admin.cookie,
      headers: { 'content-type': 'image/png' },
      payload: TINY_PNG,
    });
    expect(put.statusCode, put.body).toBe(200);
    const photo = await t.request({ method: 'GET', url: put.json().photoUrl, cookie: admin.cookie });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['cache-control']).toBe('private, no-store');
    const anonymous = await t.request({ method: 'GET', url: '/api/settings/public' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.headers['cache-control']).toBeUndefined();
    const signedIn = await t.request({ method: 'GET', url: '/api/settings/public', cookie: admin.cookie });
    expect(signedIn.headers['cache-control']).toBe('no-store');
  });
});
