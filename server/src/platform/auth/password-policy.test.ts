import { PASSWORD_MIN_LENGTH } from '@carebase/contracts';
import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.ts';

describe('passwordProblem', () => {
  it('accepts long passphrases', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('Vivid-Otter-Lamp-42')).toBeNull();
  });

  it(`refuses fewer than ${PASSWORD_MIN_LENGTH} characters, counting characters not bytes`, () => {
    expect(passwordProblem('a1b2c3d4e5f')).toMatch(/at least 12/);
    expect(passwordProblem('ñandú-çé-ü1')).toMatch(/at least 12/);
    expect(passwordProblem('ñandú-çé-ü12')).toBeNull();
  });

  it('refuses common passwords, in any case', () => {
    expect(passwordProblem('password1234')).toMatch(/commonly used/);
    expect(passwordProblem('qwertyuiop123')).toMatch(/commonly used/);
    expect(passwordProblem('QWERTYUIOP123')).toMatch(/commonly used/);
  });

  it('refuses a common password padded with digits or symbols', () => {
    expect(passwordProblem('iloveyou2024!')).toMatch(/digits or symbols added/);
    expect(passwordProblem('!!!sunshine!!!')).toMatch(/digits or symbols added/);
  });

  it('refuses too few different characters', () => {
    expect(passwordProblem('aaaaaaaaaaaaaaa')).toMatch(/too few different/);
    expect(passwordProblem('abcabcabcabc')).toMatch(/too few different/);
  });

  it('refuses a password containing the email name', () => {
    expect(passwordProblem('my-drsmith-is-safe', { email: 'drsmith@example.org' })).toMatch(/email/);
    expect(passwordProblem('my-drsmith-is-safe', { email: 'jo@example.org' })).toBeNull();
  });
});
