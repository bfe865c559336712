#!/usr/bin/env node
// The carebase command. Runs the compiled server (server/dist: one JavaScript file, built by `npm start`
// and `npm run build`) when it is up to date with the sources; otherwise, or with CAREBASE_FROM_SOURCE=1,
// runs the TypeScript sources directly through tsx (slower to start, always current).
import { freshBuild, runCompiled } from './compiled.mjs';

if (process.env.CAREBASE_FROM_SOURCE !== '1' && freshBuild()) {
  runCompiled();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
