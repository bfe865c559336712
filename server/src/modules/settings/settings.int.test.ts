import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/audit/audit.schema.ts';
import { createTestApp, type TestApp, type TestUser } from '../../test/test-app.ts';
import { auditOf, errorPaths, snapshot } from '../../test/test-queries.ts';
import { users } from '../users/users.schema.ts';
import { writeSystemSettingsRow } from './settings.repository.ts';
import { systemSettings } from './settings.schema.ts';
import { readSystemSettings } from './settings.service.ts';

let t: TestApp;
let admin: TestUser;
let doctor: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.userWithRoles(['admin']);
  doctor = await t.userWithRoles(['doctor']);
});
afterAll(async () => t?.close());

/** As the admin unless another cookie is given; null sends no session. */
const patchSystem = (payload: object, cookie: string | null = admin.cookie) =>
  t.request({ method: 'PATCH', url: '/api/settings/system', cookie: cookie ?? undefined, payload });

describe('/api/settings/me', () => {
  it('answers the defaults, then keeps a changed language', async () => {
    const first = await t.request({ method: 'GET', url: '/api/settings/me', cookie: doctor.cookie });
    expect(first.json()).toMatchObject({
      language: 'en',
      theme: 'light',
      notifications: { email: true, inApp: true },
    });
    const res = await t.request({
      method: 'PATCH',
      url: '/api/settings/me',
      cookie: doctor.cookie,
      payload: { language: 'es', notifications: { email: false, inApp: true } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ language: 'es', notifications: { email: false } });
    const again = await t.request({ method: 'GET', url: '/api/settings/me', cookie: doctor.cookie });
    expect(again.json()).toMatchObject({
      language: 'es',
      theme: 'light',
      notifications: { email: false, inApp: true },
    });
    const me = await t.request({ method: 'GET', url: '/api/auth/me', cookie: doctor.cookie });
    expect(me.json().settings.language).toBe('es');
    const [event] = await auditOf(t.app.ctx.db, 'settings.user.update', doctor.id);
    expect(event?.details).toEqual({ changed: ['language', 'notifications'] });
  });

  it('refuses a bad language or an unknown key, naming the field, and changes nothing', async () => {
    const before = await snapshot(t.app.ctx.db, users);
    const bad = await t.request({
      method: 'PATCH',
      url: '/api/settings/me',
      cookie: doctor.cookie,
      payload: { language: 'xx' },
    });
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad)).toEqual(['body.language']);
    const unknown = await t.request({
      method: 'PATCH',
      url: '/api/settings/me',
      cookie: doctor.cookie,
      payload: { colour: 'red' },
    });
    expect(errorPaths(unknown)).toEqual(['body.colour']);
    expect(await snapshot(t.app.ctx.db, users)).toEqual(before);
  });

  it('answers 401 without a session', async () => {
    expect((await t.request({ method: 'GET', url: '/api/settings/me' })).statusCode).toBe(401);
    expect(
      (await t.request({ method: 'PATCH', url: '/api/settings/me', payload: { language: 'es' } })).statusCode,
    ).toBe(401);
  });
});

describe('GET /api/settings/public', () => {
  it('is open to anyone and shows only the public fields', async () => {
    await patchSystem({ clinicName: 'Clínica Norte', address: 'Calle 1' });
    const res = await t.request({ method: 'GET', url: '/api/settings/public' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      clinicName: 'Clínica Norte',
      logoUrl: null,
      timeZone: 'UTC',
      currency: 'USD',
      defaultPhoneRegion: 'US',
      country: null,
      attachmentMaxBytes: 10 * 1024 * 1024,
    });
  });
});

describe('/api/settings/system', () => {
  it('merges a nested patch, keeping the other fields of the group, with an audit event', async () => {
    await patchSystem({ mail: { smtpUser: 'mailer', from: 'Clinic <c@example.org>', smtpPort: 2525 } });
    const res = await patchSystem({
      mail: { smtpHost: 'smtp.example.org' },
      timeZone: 'America/Mexico_City',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().mail).toEqual({
      smtpHost: 'smtp.example.org',
      smtpPort: 2525,
      smtpSecure: false,
      smtpUser: 'mailer',
      from: 'Clinic <c@example.org>',
    });
    const got = await t.request({ method: 'GET', url: '/api/settings/system', cookie: admin.cookie });
    expect(got.json()).toMatchObject({
      timeZone: 'America/Mexico_City',
      mail: { smtpHost: 'smtp.example.org', smtpUser: 'mailer' },
    });
    const events = await auditOf(t.app.ctx.db, 'settings.system.update');
    expect(events.at(-1)).toMatchObject({ actorId: admin.id, details: { secrets: {} } });
    expect((events.at(-1)!.details.changed as string[]).sort()).toEqual(['mail', 'timeZone']);
  });

  it('refuses bad values naming the field and changes nothing', async () => {
    const before = await snapshot(t.app.ctx.db, systemSettings);
    const cases: [object, string][] = [
      [{ timeZone: 'Mars/Olympus' }, 'body.timeZone'],
      [{ currency: 'dollars' }, 'body.currency'],
      [{ mail: { smtpPort: 70000 } }, 'body.mail.smtpPort'],
      [{ mail: { smtpHots: 'typo' } }, 'body.mail.smtpHots'],
      [{ secrets: { rootPassword: 'x' } }, 'body.secrets.rootPassword'],
      [{ clinicName: '   ' }, 'body.clinicName'],
    ];
    for (const [payload, path] of cases) {
      const res = await patchSystem(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res)).toEqual([path]);
    }
    expect(await snapshot(t.app.ctx.db, systemSettings)).toEqual(before);
  });

  it('checks every field by its meaning, naming the field, and changes nothing', async () => {
    const before = await snapshot(t.app.ctx.db, systemSettings);
    const cases: [object, string][] = [
      [{ email: 'not-an-email' }, 'body.email'],
      [{ logoUrl: 'javascript:alert(1)' }, 'body.logoUrl'],
      [{ logoUrl: 'JavaScript:alert(1)' }, 'body.logoUrl'],
      [{ logoUrl: 'data:image/svg+xml,<svg onload=alert(1)>' }, 'body.logoUrl'],
      [{ logoUrl: '//evil.example/logo.png' }, 'body.logoUrl'],
      [{ logoUrl: '/\\evil.example/logo.png' }, 'body.logoUrl'],
      [{ logoUrl: 'https://exa mple.org/logo.png' }, 'body.logoUrl'],
      [{ phone: 'call me maybe' }, 'body.phone'],
      [{ phone: '12' }, 'body.phone'],
      [{ timeZone: 'Europe/Atlantis' }, 'body.timeZone'],
      [{ currency: 'XYZ' }, 'body.currency'],
      [{ currency: 'usd' }, 'body.currency'],
      [{ defaultPhoneRegion: 'ZZ' }, 'body.defaultPhoneRegion'],
      [{ clinicName: 'Two\nlines' }, 'body.clinicName'],
      [{ mail: { smtpHost: 'smtp example org' } }, 'body.mail.smtpHost'],
      [{ mail: { smtpHost: '999.1.1.1' } }, 'body.mail.smtpHost'],
      [{ mail: { from: 'Clinic <not an address>' } }, 'body.mail.from'],
      [{ mail: { from: 'c@example.org\r\nBcc: all@example.org' } }, 'body.mail.from'],
      [{ sms: { url: 'ftp://sms.example.org/send' } }, 'body.sms.url'],
      [{ sms: { sender: 'A sender id that is far too long' } }, 'body.sms.sender'],
      [{ defaultLanguage: 'fr' }, 'body.defaultLanguage'],
      [{ certificates: { selfApprovalAllowed: 'no' } }, 'body.certificates.selfApprovalAllowed'],
      [{ pacs: { aeTitle: 'CAREBASE' } }, 'body.pacs'],
      [{ ai: { url: 'http://10.0.0.5:8000/infer' } }, 'body.ai'],
    ];
    for (const [payload, path] of cases) {
      const res = await patchSystem(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(errorPaths(res), JSON.stringify(payload)).toEqual([path]);
    }
    const both = await patchSystem({ email: 'not-an-email', logoUrl: 'javascript:alert(1)' });
    expect(errorPaths(both).sort()).toEqual(['body.email', 'body.logoUrl']);
    expect(await snapshot(t.app.ctx.db, systemSettings)).toEqual(before);
  });

  it('accepts the forms each field is written in, and empty for the optional ones', async () => {
    const sha = 'a'.repeat(64);
    const good: object[] = [
      { email: 'front.desk@clinic.example.org' },
      { email: '' },
      { logoUrl: 'https://cdn.example.org/clinic/logo.png?v=2' },
      { logoUrl: `/api/files/${sha}` },
      { logoUrl: `blob:${sha}` },
      { logoUrl: null },
      { phone: '+52 55 1234 5678' },
      { phone: '(555) 010-0200 ext. 12' },
      { phone: '' },
      { currency: 'MXN', timeZone: 'America/Mexico_City', defaultPhoneRegion: 'MX' },
      { mail: { smtpHost: 'smtp.example.org', from: 'Clínica Norte <citas@example.org>' } },
      { mail: { smtpHost: '192.0.2.10', from: 'citas@example.org' } },
      { mail: { smtpHost: '[2001:db8::1]', from: '' } },
      { sms: { provider: 'http', url: 'https://sms.example.org/send', sender: 'CLINICA' } },
      { sms: { sender: '+15550100200' } },
      { defaultLanguage: 'es' },
      { certificates: { selfApprovalAllowed: false } },
    ];
    for (const payload of good) {
      const res = await patchSystem(payload);
      expect(res.statusCode, `${JSON.stringify(payload)}: ${res.body}`).toBe(200);
    }
  });

  it('reads a value stored before its rule existed as the default: never served, never in the way', async () => {
    const { settings, secrets } = await readSystemSettings(t.app.ctx.db);
    await writeSystemSettingsRow(
      t.app.ctx.db,
      {
        ...settings,
        clinicName: 'Old Clinic',
        logoUrl: 'javascript:alert(1)',
        email: 'not-an-email',
        mail: { ...settings.mail, from: 'x\r\nBcc: y' },
      },
      secrets,
    );
    // What the announcement of the write does, a moment later.
    t.app.ctx.settings.clear();
    const pub = await t.request({ method: 'GET', url: '/api/settings/public' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ clinicName: 'Old Clinic', logoUrl: null });
    const got = await t.request({ method: 'GET', url: '/api/settings/system', cookie: admin.cookie });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({
      clinicName: 'Old Clinic',
      logoUrl: null,
      email: '',
      mail: { from: '' },
    });
    const next = await patchSystem({ address: 'Calle 2' });
    expect(next.statusCode).toBe(200);
    expect(next.json()).toMatchObject({ address: 'Calle 2', email: '', logoUrl: null });
  });

  it('reads the remote PACS and AI settings of an older version harmlessly, and drops their secret on the next change', async () => {
    const { settings } = await readSystemSettings(t.app.ctx.db);
    const old = {
      ...settings,
      pacs: { aeTitle: 'ORTHANC', host: 'pacs.local', port: 104 },
      ai: { url: 'http://ai' },
    };
    await writeSystemSettingsRow(t.app.ctx.db, old, {
      aiApiKey: 'old-ai-key',
      smsApiKey: 'sms-key',
    } as Record<string, string>);
    t.app.ctx.settings.clear();
    const got = await t.request({ method: 'GET', url: '/api/settings/system', cookie: admin.cookie });
    expect(got.statusCode).toBe(200);
    expect(got.json()).not.toHaveProperty('pacs');
    expect(got.json()).not.toHaveProperty('ai');
    expect(got.json().secretsSet).toEqual({ smtpPassword: false, smsApiKey: true });
    expect((await patchSystem({ address: 'Calle 3' })).statusCode).toBe(200);
    const row = await t.app.ctx.db.select().from(systemSettings);
    expect(row[0]?.secrets).toEqual({ smsApiKey: 'sms-key' });
    expect(row[0]?.value).not.toHaveProperty('pacs');
    await patchSystem({ secrets: { smsApiKey: null } });
  });

  it('keeps secrets write-only: reported as set, never shown, never audited, and clearable', async () => {
    const secret = 'hunter2-very-secret-smtp-pass';
    const res = await patchSystem({ secrets: { smtpPassword: secret } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(secret);
    expect(res.json().secretsSet).toEqual({ smtpPassword: true, smsApiKey: false });
    const got = await t.request({ method: 'GET', url: '/api/settings/system', cookie: admin.cookie });
    expect(got.body).not.toContain(secret);
    expect(got.json().secretsSet.smtpPassword).toBe(true);
    const audit = await t.app.ctx.db.select().from(auditEvents);
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect(audit.at(-1)?.details).toMatchObject({ secrets: { smtpPassword: 'set' } });
    const auditApi = await t.request({ method: 'GET', url: '/api/audit?pageSize=200', cookie: admin.cookie });
    expect(auditApi.body).not.toContain(secret);

    const cleared = await patchSystem({ secrets: { smtpPassword: null } });
    expect(cleared.json().secretsSet.smtpPassword).toBe(false);
    expect((await auditOf(t.app.ctx.db, 'settings.system.update')).at(-1)?.details).toMatchObject({
      secrets: { smtpPassword: 'cleared' },
    });
  });

  it('answers 401 without a session and 403 to a doctor', async () => {
    expect((await t.request({ method: 'GET', url: '/api/settings/system' })).statusCode).toBe(401);
    expect((await patchSystem({ clinicName: 'X' }, null)).statusCode).toBe(401);
    expect(
      (await t.request({ method: 'GET', url: '/api/settings/system', cookie: doctor.cookie })).statusCode,
    ).toBe(403);
    expect((await patchSystem({ clinicName: 'X' }, doctor.cookie)).statusCode).toBe(403);
  });
});

describe("the clinic's default language", () => {
  it('is the language of everyone who has not chosen one; a choice stays', async () => {
    const chose = await t.userWithRoles(['nurse']);
    const choice = await t.request({
      method: 'PATCH',
      url: '/api/settings/me',
      cookie: chose.cookie,
      payload: { language: 'en' },
    });
    expect(choice.statusCode).toBe(200);
    expect((await patchSystem({ defaultLanguage: 'es' })).statusCode).toBe(200);
    const fresh = await t.userWithRoles(['nurse']);
    const language = async (cookie: string) =>
      (await t.request({ method: 'GET', url: '/api/auth/me', cookie })).json().settings.language;
    expect(await language(fresh.cookie)).toBe('es');
    expect(await language(chose.cookie)).toBe('en');
    const mine = await t.request({ method: 'GET', url: '/api/settings/me', cookie: fresh.cookie });
    expect(mine.json().language).toBe('es');
    expect((await patchSystem({ defaultLanguage: 'en' })).statusCode).toBe(200);
    expect(await language(fresh.cookie)).toBe('en');
  });
});
