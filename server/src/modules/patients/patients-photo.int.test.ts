import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, snapshot } from '../../test/test-queries.ts';
import { registerPatient, TINY_JPEG, TINY_PNG } from './patient-test-fixtures.ts';
import { patients } from './patients.schema.ts';

let t: TestApp;
let clerk: TestUser;
let pharmacist: TestUser;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  clerk = await t.userWithRoles(['receptionist']);
  pharmacist = await t.userWithRoles(['pharmacist']);
});
afterAll(async () => t?.close());

const put = (id: string, body: Buffer, type: string, cookie: string | null = clerk.cookie) =>
  t.request({
    method: 'PUT',
    url: `/api/patients/${id}/photo`,
    cookie: cookie ?? undefined,
    headers: { 'content-type': type },
    payload: body,
  });

describe('PUT/GET/DELETE /api/patients/:id/photo', () => {
  it('stores a PNG or JPEG and serves it back with its type; audited', async () => {
    const p = await registerPatient(t);
    const res = await put(p.id, TINY_PNG, 'image/png');
    expect(res.statusCode, res.body).toBe(200);
    const photoUrl: string = res.json().photoUrl;
    expect(photoUrl).toMatch(new RegExp(`^/api/patients/${p.id}/photo\\?v=[0-9a-f]{16}$`));
    const got = await t.request({ method: 'GET', url: photoUrl, cookie: pharmacist.cookie });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(TINY_PNG)).toBe(true);
    expect((await put(p.id, TINY_JPEG, 'image/jpeg')).json().photoUrl).not.toBe(photoUrl);
    const jpeg = await t.request({ method: 'GET', url: `/api/patients/${p.id}/photo`, cookie: clerk.cookie });
    expect(jpeg.headers['content-type']).toBe('image/jpeg');
    expect(await auditOf(t.app.ctx.db, 'patient.photo.update', p.id)).toHaveLength(2);
    expect((await auditOf(t.app.ctx.db, 'patient.photo.read', p.id)).length).toBeGreaterThanOrEqual(2);
    const del = await t.request({
      method: 'DELETE',
      url: `/api/patients/${p.id}/photo`,
      cookie: clerk.cookie,
    });
    expect(del.statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: photoUrl, cookie: clerk.cookie })).statusCode).toBe(404);
  });

  it('refuses other types, bytes that are not what they claim, and more than 5 MB; nothing written', async () => {
    const p = await registerPatient(t);
    const before = await snapshot(t.app.ctx.db, patients);
    const big = Buffer.concat([TINY_JPEG, Buffer.alloc(5 * 1024 * 1024)]);
    const cases: [Buffer, string, number][] = [
      [Buffer.from('GIF89a....'), 'image/gif', 415],
      [TINY_PNG, 'image/jpeg', 415],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/png', 415],
      [Buffer.from('{"photo":1}'), 'application/json', 415],
      [big, 'image/jpeg', 413],
    ];
    for (const [body, type, status] of cases) {
      const res = await put(p.id, body, type);
      expect(res.statusCode, type).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await snapshot(t.app.ctx.db, patients)).toEqual(before);
  });

  it('answers 401, 403 without patients:write, 404 for an unknown patient or a missing photo', async () => {
    const p = await registerPatient(t);
    expect((await put(p.id, TINY_PNG, 'image/png', null)).statusCode).toBe(401);
    expect((await put(p.id, TINY_PNG, 'image/png', pharmacist.cookie)).statusCode).toBe(403);
    expect((await put('00000000-0000-4000-8000-000000000000', TINY_PNG, 'image/png')).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/patients/${p.id}/photo` })).statusCode).toBe(401);
    const none = await t.request({ method: 'GET', url: `/api/patients/${p.id}/photo`, cookie: clerk.cookie });
    expect(none.statusCode).toBe(404);
    const del = await t.request({
      method: 'DELETE',
      url: `/api/patients/${p.id}/photo`,
      cookie: pharmacist.cookie,
    });
    expect(del.statusCode).toBe(403);
  });
});
