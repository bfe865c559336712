import { randomBytes } from 'node:crypto';
import { BUILT_IN_ROLE_PERMISSIONS } from '@carebase/contracts';
import type { AppContext } from '../app-context.ts';
import { createToken } from '../modules/auth/auth.service.ts';
import { countUsers, findUserByEmail } from '../modules/users/users.repository.ts';
import { createUser, principalOfUser } from '../modules/users/users.service.ts';
import type { Principal } from '../platform/access/principal.ts';
import { SYSTEM_ACTOR } from '../platform/audit/audit.writer.ts';

export const FIRST_ADMIN_EMAIL = 'admin@carebase.local';

/** A random password that passes the policy: 20 characters from an unambiguous alphabet. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return [...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** On an empty database, creates the first administrator and returns its one-time password. */
export async function ensureFirstAdmin(ctx: AppContext): Promise<{ email: string; password: string } | null> {
  if ((await countUsers(ctx.db)) > 0) return null;
  const password = generatePassword();
  await createUser(
    ctx,
    SYSTEM_ACTOR,
    { email: FIRST_ADMIN_EMAIL, name: 'Administrator', roles: ['admin'], password },
    { temporaryPassword: true },
  );
  return { email: FIRST_ADMIN_EMAIL, password };
}

export async function createAdmin(ctx: AppContext, email: string, password: string, name = 'Administrator') {
  return createUser(ctx, SYSTEM_ACTOR, { email: email.toLowerCase(), name, roles: ['admin'], password });
}

export async function createTokenFor(ctx: AppContext, email: string, name: string): Promise<string> {
  const user = await findUserByEmail(ctx.db, email);
  if (!user?.active) throw new Error(`No active account with the email ${email}.`);
  const acting = await principalOfUser(ctx.db, user);
  const principal: Principal = {
    ...acting,
    permissions: acting.permissions.length ? acting.permissions : [...BUILT_IN_ROLE_PERMISSIONS.patient],
  };
  const created = await createToken(ctx, SYSTEM_ACTOR, principal, { name });
  return created.token;
}
