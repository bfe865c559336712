import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encounterAddenda } from '../../modules/encounters/encounters.schema.ts';
import { patientAllergies, patientConditions } from '../../modules/patients/patients.schema.ts';
import { departments, rooms, services } from '../../modules/scheduling/scheduling.schema.ts';
import { systemSettings } from '../../modules/settings/settings.schema.ts';
import { roles, users } from '../../modules/users/users.schema.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { errorPaths, snapshot } from '../../test/test-queries.ts';

let t: TestApp;
let admin: TestUser;
let doctor: TestUser;
let patientId: string;
let allergyId: string;
let conditionId: string;
let roomId: string;
let serviceId: string;
let signedEncounterId: string;

/** As the admin unless another cookie is given; the payload is sent as written (JSON text keeps its escapes). */
const send = (
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: string | object,
  cookie = admin.cookie,
) =>
  t.request({
    method,
    url,
    cookie,
    ...(payload === undefined
      ? {}
      : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
    headers: payload === undefined ? {} : { 'content-type': 'application/json' },
  });

async function created(method: 'POST' | 'PATCH', url: string, payload: object, cookie = admin.cookie) {
  const res = await send(method, url, payload, cookie);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

/** Snapshots of these tables, to show a refused request changed nothing. */
async function snapshots(tables: PgTable[]): Promise<string[][]> {
  return Promise.all(tables.map((table) => snapshot(t.app.ctx.db, table)));
}

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  admin = await t.userWithRoles(['admin']);
  doctor = await t.userWithRoles(['doctor']);
  const patient = await created('POST', '/api/patients', {
    givenName: 'Edge',
    familyName: 'Case',
    sex: 'female',
    birthDate: '1985-02-03',
    allergies: [{ substance: 'Latex', severity: 'mild' }],
    conditions: [{ name: 'Migraine' }],
  });
  patientId = patient.id;
  const chart = (await send('GET', `/api/patients/${patientId}`)).json();
  allergyId = chart.allergies[0].id;
  conditionId = chart.conditions[0].id;
  await created('POST', '/api/departments', { key: 'edge', name: 'Edge', ticketPrefix: 'E' });
  roomId = (await created('POST', '/api/rooms', { name: 'Room 1', departmentKey: 'edge' })).id;
  serviceId = (
    await created('POST', '/api/services', { name: 'Check-up', departmentKey: 'edge', durationMinutes: 20 })
  ).id;
  const encounter = await created(
    'POST',
    `/api/patients/${patientId}/encounters`,
    { type: 'consultation' },
    doctor.cookie,
  );
  signedEncounterId = encounter.id;
  await created('PATCH', `/api/encounters/${encounter.id}`, { assessment: 'Fine' }, doctor.cookie);
  await created('POST', `/api/encounters/${encounter.id}/sign`, {}, doctor.cookie);
});
afterAll(async () => t?.close());

describe('a partial update that names nothing to change', () => {
  it('is refused with 400 naming the body on roles, allergies and conditions (it was a 500), and writes nothing', async () => {
    const before = await snapshots([roles, patientAllergies, patientConditions]);
    for (const url of [
      '/api/roles/nurse',
      `/api/patients/${patientId}/allergies/${allergyId}`,
      `/api/patients/${patientId}/conditions/${conditionId}`,
    ]) {
      const res = await send('PATCH', url, {});
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(errorPaths(res), url).toEqual(['body']);
    }
    expect(await snapshots([roles, patientAllergies, patientConditions])).toEqual(before);
  });

  it('is refused the same way by every PATCH route of the API', async () => {
    const doc = (await send('GET', '/api/openapi.json')).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const patchRoutes = Object.entries(doc.paths)
      .filter(([, ops]) => 'patch' in ops)
      .map(([path]) => path);
    expect(patchRoutes.length).toBeGreaterThanOrEqual(14);
    for (const path of patchRoutes) {
      // Any well-formed parameters do: the body is checked before anything is looked up.
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === 'key' ? 'nurse' : '00000000-0000-4000-8000-000000000000',
      );
      const res = await send('PATCH', url, {});
      expect(res.statusCode, `PATCH ${path}`).toBe(400);
      expect(errorPaths(res), `PATCH ${path}`).toEqual(['body']);
    }
  });

  it('is refused inside a group of settings too', async () => {
    const before = await snapshot(t.app.ctx.db, systemSettings);
    const res = await send('PATCH', '/api/settings/system', { mail: {} });
    expect(res.statusCode).toBe(400);
    expect(errorPaths(res)).toEqual(['body.mail']);
    expect(await snapshot(t.app.ctx.db, systemSettings)).toEqual(before);
    const me = await send('PATCH', '/api/settings/me', {});
    expect(errorPaths(me)).toEqual(['body']);
  });

  it('still reports an unknown field alone', async () => {
    const res = await send('PATCH', '/api/roles/nurse', { colour: 'red' });
    expect(errorPaths(res)).toEqual(['body.colour']);
  });
});

describe('text that is not valid Unicode (a lone UTF-16 surrogate)', () => {
  const LONE = '"a\\ud800b"';

  it('is refused with 400 naming the field wherever it is sent (these were 500s), and nothing is written', async () => {
    const tables = [roles, systemSettings, encounterAddenda, departments, rooms, services, users];
    const before = await snapshots(tables);
    const cases: [string, 'POST' | 'PATCH', string, string, string?][] = [
      ['role', 'POST', '/api/roles', `{"key":"odd-role","name":${LONE},"permissions":[]}`, 'body.name'],
      ['role edit', 'PATCH', '/api/roles/nurse', `{"description":${LONE}}`, 'body.description'],
      ['settings', 'PATCH', '/api/settings/system', `{"clinicName":${LONE}}`, 'body.clinicName'],
      [
        'addendum',
        'POST',
        `/api/encounters/${signedEncounterId}/addenda`,
        `{"reason":"Typo","text":${LONE}}`,
        'body.text',
      ],
      [
        'department',
        'POST',
        '/api/departments',
        `{"key":"odd","name":${LONE},"ticketPrefix":"O"}`,
        'body.name',
      ],
      ['department edit', 'PATCH', '/api/departments/edge', `{"name":${LONE}}`, 'body.name'],
      ['room', 'POST', '/api/rooms', `{"name":${LONE},"departmentKey":"edge"}`, 'body.name'],
      ['room edit', 'PATCH', `/api/rooms/${roomId}`, `{"name":${LONE}}`, 'body.name'],
      [
        'service',
        'POST',
        '/api/services',
        `{"name":${LONE},"departmentKey":"edge","durationMinutes":20}`,
        'body.name',
      ],
      ['service edit', 'PATCH', `/api/services/${serviceId}`, `{"name":${LONE}}`, 'body.name'],
      // Used to be stored as U+FFFD without a word.
      [
        'user',
        'POST',
        '/api/users',
        `{"email":"odd@example.org","name":${LONE},"roles":["nurse"]}`,
        'body.name',
      ],
      ['a low half alone', 'PATCH', '/api/settings/system', '{"address":"x\\udc00"}', 'body.address'],
      ['nested', 'PATCH', '/api/settings/system', `{"mail":{"smtpUser":${LONE}}}`, 'body.mail.smtpUser'],
      ['a field name', 'PATCH', '/api/settings/me', '{"\\ud800x":"en"}', 'body.\uFFFDx'],
    ];
    for (const [what, method, url, payload, path] of cases) {
      const res = await send(method, url, payload);
      expect(res.statusCode, what).toBe(400);
      expect(res.headers['content-type'], what).toContain('application/problem+json');
      expect(errorPaths(res), what).toEqual([path]);
      expect(res.json().errors[0].message, what).toMatch(/lone UTF-16 surrogate/);
    }
    expect(await snapshots(tables)).toEqual(before);
  });

  it('names every bad field of a nested body, in order', async () => {
    const res = await send(
      'POST',
      '/api/patients',
      `{"givenName":"A","familyName":${LONE},"sex":"female","birthDate":"1990-01-01",` +
        `"allergies":[{"substance":"Dust","severity":"mild","reaction":${LONE}}]}`,
    );
    expect(res.statusCode).toBe(400);
    expect(errorPaths(res)).toEqual(['body.allergies.0.reaction', 'body.familyName']);
  });

  it('accepts characters outside the basic plane written as a proper pair', async () => {
    const res = await send('PATCH', '/api/settings/system', '{"clinicName":"Cl\\u00ednica \\ud83e\\uddb7"}');
    expect(res.statusCode).toBe(200);
    expect(res.json().clinicName).toBe('Clínica 🦷');
  });

  it('cannot arrive through the address: a path part that is not UTF-8 is a 400 problem, a query value stays as sent', async () => {
    const path = await send('GET', '/api/roles/%ED%A0%80');
    expect(path.statusCode).toBe(400);
    expect(path.headers['content-type']).toContain('application/problem+json');
    expect(path.json()).toMatchObject({ code: 'bad_request', errors: [{ path: 'params' }] });
    const long = await send('GET', `/api/users/${'x'.repeat(300)}`);
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toContain('application/problem+json');
    const query = await send('GET', '/api/users?q=%ED%A0%80');
    expect(query.statusCode).toBe(200);
    const nul = await send('GET', '/api/users?q=a%00b');
    expect(errorPaths(nul)).toEqual(['query.q']);
  });
});
