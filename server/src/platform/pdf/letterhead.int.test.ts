import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { loadLetterhead } from './letterhead.ts';

let t: TestApp;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithRoles(['admin']);
});
afterAll(async () => t?.close());

const setSettings = (payload: object) =>
  t.request({ method: 'PATCH', url: '/api/settings/system', cookie: admin.cookie, payload });

describe('loadLetterhead', () => {
  it('takes the clinic identity from the settings and the logo from the blob store', async () => {
    const png = await QRCode.toBuffer('logo', { type: 'png', width: 64 });
    const sha = (await t.app.ctx.blobs.put(t.app.ctx.db, png, { contentType: 'image/png' })).sha256;
    await setSettings({
      clinicName: 'Clínica Norte',
      address: 'Calle 1',
      phone: '+52 55 0000 0000',
      email: 'hola@norte.mx',
      timeZone: 'America/Mexico_City',
      logoUrl: `/api/files/${sha}`,
    });
    const head = await loadLetterhead(t.app.ctx);
    expect(head).toMatchObject({
      clinicName: 'Clínica Norte',
      address: 'Calle 1',
      phone: '+52 55 0000 0000',
      email: 'hola@norte.mx',
      timeZone: 'America/Mexico_City',
    });
    expect(head.logo?.equals(png)).toBe(true);
  });

  it('prints without a logo that is elsewhere, missing, or not an image', async () => {
    await setSettings({ logoUrl: 'https://example.org/logo.png' });
    expect((await loadLetterhead(t.app.ctx)).logo).toBeNull();
    await setSettings({ logoUrl: `blob:${'0'.repeat(64)}` });
    expect((await loadLetterhead(t.app.ctx)).logo).toBeNull();
    const text = (
      await t.app.ctx.blobs.put(t.app.ctx.db, Buffer.from('not an image'), { contentType: 'text/plain' })
    ).sha256;
    await setSettings({ logoUrl: `blob:${text}` });
    expect((await loadLetterhead(t.app.ctx)).logo).toBeNull();
  });
});
