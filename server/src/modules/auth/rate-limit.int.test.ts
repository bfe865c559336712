import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 3 });
});
afterAll(async () => t?.close());

it('limits sign-in attempts per IP and answers 429 as problem+json', async () => {
  const attempt = () =>
    t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@example.org', password: 'whatever-it-is' },
    });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await attempt()).statusCode);
  expect(statuses).toEqual([401, 401, 401, 429]);
  const limited = await attempt();
  expect(limited.headers['content-type']).toContain('application/problem+json');
  expect(limited.json()).toMatchObject({ code: 'rate_limited', status: 429 });
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
});
