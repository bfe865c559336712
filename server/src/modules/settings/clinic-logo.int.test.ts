import { MAX_LOGO_BYTES } from '@carebase/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobs } from '../../platform/files/files.schema.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, countRows, errorPaths, snapshot } from '../../test/test-queries.ts';
import { systemSettings } from './settings.schema.ts';

let t: TestApp;
let admin: TestUser;
let doctor: TestUser;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  admin = await t.userWithRoles(['admin']);
  doctor = await t.userWithRoles(['doctor']);
});
afterAll(async () => t?.close());

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('clinic logo body')]);
const WEBP = Buffer.concat([Buffer.from('RIFF\x20\x00\x00\x00WEBPVP8 ', 'latin1'), Buffer.from('webp body')]);
const JPEG = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.from('jfif body')]);

/** As the admin unless another cookie is given; null sends no session. */
const upload = (bytes: Buffer | string, contentType: string, cookie: string | null = admin.cookie) =>
  t.request({
    method: 'PUT',
    url: '/api/settings/logo',
    cookie: cookie ?? undefined,
    headers: { 'content-type': contentType },
    payload: bytes,
  });
const remove = (cookie: string | null = admin.cookie) =>
  t.request({ method: 'DELETE', url: '/api/settings/logo', cookie: cookie ?? undefined });
const fetchLogo = (url: string) => t.request({ method: 'GET', url });
const shaOf = (logoUrl: string) => logoUrl.replace('/api/settings/logo/', '');

describe('PUT /api/settings/logo', () => {
  it('stores the image, makes it the logo (audited), and anyone may fetch it, for good', async () => {
    const res = await upload(PNG, 'image/png');
    expect(res.statusCode, res.body).toBe(200);
    const { logoUrl } = res.json();
    expect(logoUrl).toMatch(/^\/api\/settings\/logo\/[0-9a-f]{64}$/);
    expect(res.json()).toMatchObject({ clinicName: expect.any(String), timeZone: 'UTC' });
    expect((await t.request({ method: 'GET', url: '/api/settings/public' })).json().logoUrl).toBe(logoUrl);

    const got = await fetchLogo(logoUrl);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(got.headers['x-content-type-options']).toBe('nosniff');

    const [event] = (await auditOf(t.app.ctx.db, 'settings.system.update')).slice(-1);
    expect(event).toMatchObject({ actorId: admin.id, details: { changed: ['logoUrl'] } });
  });

  it('takes WebP and JPEG too, each served with its own type', async () => {
    for (const [bytes, type] of [
      [WEBP, 'image/webp'],
      [JPEG, 'image/jpeg'],
    ] as const) {
      const res = await upload(bytes, type);
      expect(res.statusCode, res.body).toBe(200);
      const got = await fetchLogo(res.json().logoUrl);
      expect(got.headers['content-type'], got.body).toBe(type);
      expect(got.rawPayload.equals(bytes)).toBe(true);
    }
  });

  it('refuses what is not a PNG, JPEG or WebP sent as itself, or too large, naming the body; changes nothing', async () => {
    expect((await upload(PNG, 'image/png')).statusCode).toBe(200);
    const before = await snapshot(t.app.ctx.db, systemSettings);
    const stored = await countRows(t.app.ctx.db, blobs);
    const text = await upload('just some text, not an image', 'image/png');
    expect(text.statusCode).toBe(415);
    expect(errorPaths(text)).toEqual(['body']);
    expect(text.json().detail).toContain('clinic logo');
    const svg = await upload('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'image/svg+xml');
    expect(svg.statusCode).toBe(415);
    expect(errorPaths(svg)).toEqual(['body']);
    const mislabelled = await upload(JPEG, 'image/png');
    expect(mislabelled.statusCode).toBe(415);
    expect(errorPaths(mislabelled)).toEqual(['body']);
    expect(mislabelled.json().detail).toContain('image/jpeg');
    const json = await t.request({
      method: 'PUT',
      url: '/api/settings/logo',
      cookie: admin.cookie,
      payload: { logo: 'base64…' },
    });
    expect(json.statusCode).toBe(415);
    expect(errorPaths(json)).toEqual(['body']);
    const big = await upload(Buffer.concat([PNG, Buffer.alloc(MAX_LOGO_BYTES)]), 'image/png');
    expect(big.statusCode).toBe(413);
    expect(errorPaths(big)).toEqual(['body']);
    expect(big.json().detail).toContain('1 MB');
    const empty = await upload(Buffer.alloc(0), 'image/png');
    expect(empty.statusCode).toBe(400);
    expect(await snapshot(t.app.ctx.db, systemSettings)).toEqual(before);
    expect(await countRows(t.app.ctx.db, blobs)).toBe(stored);
  });

  it('answers 401 without a session and 403 to a doctor', async () => {
    expect((await upload(PNG, 'image/png', null)).statusCode).toBe(401);
    expect((await upload(PNG, 'image/png', doctor.cookie)).statusCode).toBe(403);
    expect((await remove(null)).statusCode).toBe(401);
    expect((await remove(doctor.cookie)).statusCode).toBe(403);
  });
});

describe('GET /api/settings/logo/:sha', () => {
  it("serves no blob but the clinic's logo (the store also holds patients' files)", async () => {
    await upload(PNG, 'image/png');
    const other = (await t.app.ctx.blobs.put(t.app.ctx.db, JPEG, { contentType: 'image/jpeg' })).sha256;
    const res = await fetchLogo(`/api/settings/logo/${other}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('jfif');
    expect((await fetchLogo(`/api/settings/logo/${'0'.repeat(64)}`)).statusCode).toBe(404);
  });

  it('refuses an address that is not a sha256, naming the parameter', async () => {
    for (const sha of ['abc', 'A'.repeat(64), `${'a'.repeat(63)}g`, '..%2F..%2Fetc%2Fpasswd']) {
      const res = await fetchLogo(`/api/settings/logo/${sha}`);
      expect(res.statusCode, sha).toBe(400);
      expect(errorPaths(res)).toEqual(['params.sha']);
    }
  });

  it('may not be pointed at another blob by typing its address into the settings', async () => {
    const current = (await upload(PNG, 'image/png')).json().logoUrl as string;
    const other = (await t.app.ctx.blobs.put(t.app.ctx.db, JPEG, { contentType: 'image/jpeg' })).sha256;
    const typed = await t.request({
      method: 'PATCH',
      url: '/api/settings/system',
      cookie: admin.cookie,
      payload: { logoUrl: `/api/settings/logo/${other}` },
    });
    expect(typed.statusCode).toBe(400);
    expect(errorPaths(typed)).toEqual(['body.logoUrl']);
    const same = await t.request({
      method: 'PATCH',
      url: '/api/settings/system',
      cookie: admin.cookie,
      payload: { logoUrl: current, address: 'Calle 5' },
    });
    expect(same.statusCode, same.body).toBe(200);
    expect((await fetchLogo(`/api/settings/logo/${other}`)).statusCode).toBe(404);
  });
});

describe('DELETE /api/settings/logo', () => {
  it('removes the logo (audited): its old address answers 404', async () => {
    const { logoUrl } = (await upload(PNG, 'image/png')).json();
    const res = await remove();
    expect(res.statusCode).toBe(200);
    expect(res.json().logoUrl).toBeNull();
    expect((await t.request({ method: 'GET', url: '/api/settings/public' })).json().logoUrl).toBeNull();
    expect((await fetchLogo(logoUrl)).statusCode).toBe(404);
    expect(await t.app.ctx.blobs.stat(shaOf(logoUrl))).not.toBeNull();
    const [event] = (await auditOf(t.app.ctx.db, 'settings.system.update')).slice(-1);
    expect(event).toMatchObject({ actorId: admin.id, details: { changed: ['logoUrl'] } });
  });
});
