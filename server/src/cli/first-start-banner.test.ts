import { describe, expect, it } from 'vitest';
import { firstStartBanner } from './first-start-banner.ts';

describe('firstStartBanner', () => {
  it('boxes the address, email and password in lines of one width', () => {
    const text = firstStartBanner('http://clinic.example:8080', 'admin@carebase.local', 'Abc23def45GHJ');
    const boxed = text.split('\n').filter((l) => l.length > 0);
    expect(new Set(boxed.map((l) => l.length)).size).toBe(1);
    expect(boxed[0]).toMatch(/^\+-+\+$/);
    expect(boxed.at(-1)).toBe(boxed[0]);
    expect(text).toContain('open:      http://clinic.example:8080');
    expect(/email:\s+(\S+)/.exec(text)?.[1]).toBe('admin@carebase.local');
    expect(/password:\s+(\S+)/.exec(text)?.[1]).toBe('Abc23def45GHJ');
    expect(text).toMatch(/must choose a new\s*\|\n\|\s+password when you first sign in/);
  });

  it('grows with a long address', () => {
    const url = `https://${'a'.repeat(80)}.example`;
    const text = firstStartBanner(url, 'admin@carebase.local', 'x');
    expect(text.split('\n').find((l) => l.includes(url))).toMatch(
      /^\| {4}open: {6}https:\/\/a+\.example {2}\|$/,
    );
  });
});
