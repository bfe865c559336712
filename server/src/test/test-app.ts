import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type BuildOptions, buildApp } from '../app.ts';
import type { Config } from '../config.ts';
import { loadConfig } from '../config.ts';
import { updateUser } from '../modules/users/users.repository.ts';
import { createUser } from '../modules/users/users.service.ts';
import { SYSTEM_ACTOR } from '../platform/audit/audit.writer.ts';
import { currentTotp, newTotpSecret } from '../platform/auth/totp.ts';
import type { Database } from '../platform/db/database.ts';
import { createTestDatabase } from './test-database.ts';

export const ORIGIN = 'http://localhost:8080';
export const PASSWORD = 'correct horse battery staple';

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  config: Config;
  /** app.inject with the Origin header a browser would send. */
  request(
    opts: InjectOptions & { cookie?: string | undefined; token?: string | undefined },
  ): Promise<LightMyRequestResponse>;
  /** Creates a user with these roles and returns its session cookie; admins get TOTP enrolled, as their role requires. */
  userWithRoles(roles: string[], email?: string): Promise<TestUser>;
  login(email: string, password?: string, otp?: string): Promise<string>;
  close(): Promise<void>;
};

let counter = 0;

export type TestUser = { id: string; email: string; cookie: string; totpSecret: string | null };

export async function createTestApp(
  overrides: Partial<Config> = {},
  build: Pick<BuildOptions, 'logStream' | 'heartbeat'> = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'carebase-test-'));
  const config: Config = {
    ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '8080' }),
    // On PostgreSQL, the address of this file's own database (backups dump it with pg_dump).
    databaseUrl: database.url,
    ...overrides,
  };
  const app = await buildApp(config, { database, startJobs: false, heartbeat: false, ...build });
  await app.ready();

  const request: TestApp['request'] = ({ cookie, token, headers, ...opts }) =>
    app.inject({
      ...opts,
      headers: {
        origin: ORIGIN,
        ...(cookie ? { cookie } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
    });

  async function login(email: string, password = PASSWORD, otp?: string): Promise<string> {
    const res = await request({ method: 'POST', url: '/api/auth/login', payload: { email, password, otp } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    const set = res.cookies.find((c) => c.name === 'carebase_session');
    if (!set) throw new Error('no session cookie');
    return `carebase_session=${set.value}`;
  }

  return {
    app,
    database,
    config,
    request,
    login,
    async userWithRoles(roles, email) {
      const address = email ?? `user${++counter}-${roles.join('-')}@example.org`;
      const user = await createUser(app.ctx, SYSTEM_ACTOR, {
        email: address,
        name: `Test ${roles.join(' ')}`,
        roles,
        password: PASSWORD,
      });
      if (!roles.includes('admin'))
        return { id: user.id, email: address, cookie: await login(address), totpSecret: null };
      const totpSecret = newTotpSecret();
      await updateUser(app.ctx.db, user.id, { totpSecret, totpEnabled: true });
      return {
        id: user.id,
        email: address,
        cookie: await login(address, PASSWORD, currentTotp(totpSecret)),
        totpSecret,
      };
    },
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
