import { SESSION_HINT_COOKIE } from '@carebase/contracts';

/**
 * True when the browser holds the cookie the server sets beside the HttpOnly session cookie (and clears with
 * it). An expired session still answers 401 once; without the hint there is certainly no session.
 */
export function hasSessionHint(cookieHeader: string): boolean {
  return cookieHeader.split(';').some((part) => part.trim().startsWith(`${SESSION_HINT_COOKIE}=1`));
}

/** Set as document.cookie, forgets the hint once the server said the session is over (expired or revoked). */
export const FORGET_SESSION_HINT = `${SESSION_HINT_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax`;
