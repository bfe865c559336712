import { createRequire } from 'node:module';

/** This build's version, from the server's package.json. */
export const CAREBASE_VERSION: string = (
  createRequire(import.meta.url)('../../package.json') as { version: string }
).version;
