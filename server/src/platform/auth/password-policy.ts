import { PASSWORD_MIN_LENGTH } from '@carebase/contracts';
import { dictionary } from '@zxcvbn-ts/language-common';

const COMMON = new Set<string>(dictionary.passwords.map((p: string) => p.toLowerCase()));

/** Returns why a new password is refused, or null when it is acceptable. */
export function passwordProblem(
  password: string,
  context: { email?: string; name?: string } = {},
): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'is on the list of commonly used passwords; choose another';
  // "password123456" and "qwerty!!!!!!" are as weak as the word they are built on.
  const stem = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (stem.length > 0 && stem.length < lower.length && COMMON.has(stem)) {
    return 'is a commonly used password with digits or symbols added; choose another';
  }
  if (new Set(lower).size < 4) return 'has too few different characters';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'must not contain your email address';
  return null;
}
