import type { Permission, RouteAccess } from '@carebase/contracts';

/** Who is making the request, as established by a session cookie or an API token. */
export type Principal = {
  userId: string;
  email: string;
  name: string;
  roles: string[];
  permissions: Permission[];
  via: 'session' | 'token';
  sessionId: string | null;
  tokenId: string | null;
  mfaEnrollmentRequired: boolean;
  passwordChangeRequired: boolean;
};

export function can(principal: Principal | null, access: RouteAccess): boolean {
  if (access === 'public') return true;
  if (!principal) return false;
  if (access === 'authenticated') return true;
  if (typeof access === 'string') return principal.permissions.includes(access);
  return access.some((p) => principal.permissions.includes(p));
}
