import zlib from 'node:zlib';
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

/** A real PNG of one colour (what a browser can show), for uploads. */
export function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat()),
  ]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
