/**
 * The block printed once, on the first start, with what the first administrator needs to sign in. Boxed so it
 * stands out among log lines; plain ASCII so every terminal and log collector shows it intact. The
 * `email:` and `password:` labels are what scripts (the e2e harness) read.
 */
export function firstStartBanner(url: string, email: string, password: string): string {
  const lines = [
    'CAREBASE FIRST START: an administrator account was created.',
    '',
    `  open:      ${url}`,
    `  email:     ${email}`,
    `  password:  ${password}`,
    '',
    'This one-time password is shown only now. You must choose a new',
    'password when you first sign in; then set up two-factor',
    'authentication and follow the set-up guide.',
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const edge = `+${'-'.repeat(width + 4)}+`;
  const body = lines.map((l) => `|  ${l.padEnd(width)}  |`);
  return ['', edge, ...body, edge, ''].join('\n');
}
