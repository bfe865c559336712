import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import { hashToken } from './secret-token.ts';

function totpFor(secretBase32: string, label = 'user', issuer = 'Carebase'): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export async function totpEnrollment(secret: string, label: string, issuer: string) {
  const otpauthUrl = totpFor(secret, label, issuer).toString();
  return { secret, otpauthUrl, qrCodeDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 240 }) };
}

/**
 * Accepts the current code and one step either side, for clocks that drift. Returns the time step the
 * code belongs to (so a code can be refused when its step was already used), or null when it is wrong.
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  const delta = totpFor(secret).validate({ token: code, window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 30_000) + delta;
}

export function checkTotp(secret: string, code: string): boolean {
  return totpStep(secret, code) !== null;
}

export function currentTotp(secret: string): string {
  return totpFor(secret).generate();
}

export function newRecoveryCodes(count = 10): { codes: string[]; hashes: string[] } {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const codes = Array.from({ length: count }, () => {
    const raw = [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
    return `${raw.slice(0, 4)}-${raw.slice(4)}`;
  });
  return { codes, hashes: codes.map(hashToken) };
}
