import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { redactUrl } from './access-log.ts';

type Line = { level: number; msg: string; url?: string; status?: number; ms?: number; reqId?: string };

async function appLogging(level: string): Promise<{ t: TestApp; lines: Line[]; raw: string[] }> {
  const raw: string[] = [];
  const t = await createTestApp({ logLevel: level as 'info' }, { logStream: { write: (l) => raw.push(l) } });
  return {
    t,
    raw,
    get lines() {
      return raw.map((l) => JSON.parse(l) as Line);
    },
  };
}

describe('access log', () => {
  let info: Awaited<ReturnType<typeof appLogging>>;
  let debug: Awaited<ReturnType<typeof appLogging>>;
  beforeAll(async () => {
    [info, debug] = [await appLogging('info'), await appLogging('debug')];
  });
  afterAll(async () => {
    await info?.t.close();
    await debug?.t.close();
  });

  it('writes one line per request with method, status and time, and none for health probes at info', async () => {
    const before = info.lines.length;
    const me = await info.t.request({ method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(401);
    for (const url of ['/healthz', '/readyz']) await info.t.request({ method: 'GET', url });
    const lines = info.lines.slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, msg: 'request', url: '/api/auth/me', status: 401 });
    expect(lines[0]!.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof lines[0]!.ms).toBe('number');
  });

  it('logs health probes at debug when debug is on', async () => {
    const before = debug.lines.length;
    await debug.t.request({ method: 'GET', url: '/healthz' });
    expect(debug.lines.slice(before).filter((l) => l.url === '/healthz')).toEqual([
      expect.objectContaining({ level: 20, status: 200 }),
    ]);
  });

  it('never writes the secrets of display tokens, reset links or other token-like parameters', async () => {
    const secrets = ['cbd_S3cretDisplayToken', 'r3setT0kenValue', 'otp-987654', 'apikeyvalue1'];
    const before = info.raw.length;
    await info.t.request({ method: 'GET', url: `/api/display/general?token=${secrets[0]}` });
    await info.t.request({ method: 'GET', url: `/reset-password?token=${secrets[1]}&lang=es` });
    await info.t.request({ method: 'GET', url: `/api/patients?q=x&otp=${secrets[2]}&api_key=${secrets[3]}` });
    const written = info.raw.slice(before).join('');
    for (const s of secrets) expect(written).not.toContain(s);
    expect(written).toContain('/reset-password?token=[redacted]&lang=es');
    expect(written).toContain('/api/patients?q=x&otp=[redacted]&api_key=[redacted]');
  });
});

describe('redactUrl', () => {
  it('keeps URLs without secrets as they are and redacts encoded parameter names too', () => {
    expect(redactUrl('/api/patients?q=smith&limit=5')).toBe('/api/patients?q=smith&limit=5');
    expect(redactUrl('/api/patients')).toBe('/api/patients');
    expect(redactUrl('/x?%74oken=abc')).toBe('/x?%74oken=[redacted]');
    expect(redactUrl('/x?%E0%A4%A=1&token=z')).toBe('/x?%E0%A4%A=1&token=[redacted]');
  });
});
