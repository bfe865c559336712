import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Without a hash, still spend the time of one check so response time does not reveal the account.
  if (!passwordHash) {
    await hash(password, OPTIONS);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * One throwaway hash, run in the background when the server starts. A process's first argon2id hash takes
 * several times as long as the next ones (measured 350–500 ms against 50–100 ms), and would otherwise land on
 * the first sign-in or the first user created. Hashing runs on libuv's thread pool, not the event loop.
 */
export async function warmPasswordHashing(): Promise<void> {
  await hash(randomBytes(16).toString('hex'), OPTIONS);
}
