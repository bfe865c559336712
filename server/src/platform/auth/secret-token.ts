import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** An opaque random token (URL-safe), with an optional readable prefix such as `cb_`. */
export function newToken(prefix = '', bytes = 32): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

/** Tokens are stored only as their sha256; a database leak does not hand out sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
