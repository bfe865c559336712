import * as OTPAuth from 'otpauth';
import { type APIRequestContext, request } from 'playwright-core';
import type { Server } from './harness.ts';

export function totp(secret: string): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
}

async function ok<T>(res: Awaited<ReturnType<APIRequestContext['post']>>): Promise<T> {
  if (!res.ok()) throw new Error(`${res.url()} answered ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** What the journeys' first admin changes the printed one-time password to. */
export const ADMIN_PASSWORD = 'signal-harbour-violet-58';

/**
 * Signs the first admin in through the API, replaces the printed password (required before anything else),
 * enrols TOTP, and returns a request context acting as that admin, with one recovery code for a browser sign-in.
 */
export async function adminSession(
  server: Server,
): Promise<{ api: APIRequestContext; recoveryCode: string }> {
  const api = await request.newContext({
    baseURL: server.baseUrl,
    extraHTTPHeaders: { origin: server.baseUrl },
  });
  await ok(
    await api.post('/api/auth/login', { data: { email: server.adminEmail, password: server.adminPassword } }),
  );
  await ok(
    await api.post('/api/auth/password', {
      data: { currentPassword: server.adminPassword, newPassword: ADMIN_PASSWORD },
    }),
  );
  const { secret } = await ok<{ secret: string }>(await api.post('/api/auth/mfa/enroll'));
  const { recoveryCodes } = await ok<{ recoveryCodes: string[] }>(
    await api.post('/api/auth/mfa/confirm', { data: { otp: totp(secret) } }),
  );
  return { api, recoveryCode: recoveryCodes[0] ?? '' };
}

/** The first admin's request context (see adminSession). */
export async function adminApi(server: Server): Promise<APIRequestContext> {
  return (await adminSession(server)).api;
}

export async function createStaff(
  api: APIRequestContext,
  user: { name: string; email: string; password: string; roles: string[]; licenceNumber?: string },
): Promise<{ id: string }> {
  return ok(await api.post('/api/users', { data: user }));
}

/** A JSON call as the admin that must succeed. */
export async function call<T>(
  api: APIRequestContext,
  method: 'post' | 'put' | 'patch',
  url: string,
  data: unknown,
): Promise<T> {
  return ok<T>(await api[method](url, { data }));
}
