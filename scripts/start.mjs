// `npm start`: build the web app and the server when their sources are newer than the last build, then
// serve. `--build-only` builds and stops (the start-up benchmark uses it).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'web/dist/index.html');

/** The newest modification time of a file, or of the files under a folder (0 when missing). */
function newestMtime(file) {
  if (!fs.existsSync(file)) return 0;
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, name)));
  return newest;
}

const webInputs = [
  path.join(root, 'web/src'),
  path.join(root, 'packages/contracts/src'),
  path.join(root, 'web/public'),
  path.join(root, 'web/index.html'),
  path.join(root, 'web/vite.config.ts'),
  path.join(root, 'web/vite-precompress.ts'),
];
const built = fs.existsSync(dist) ? fs.statSync(dist).mtimeMs : 0;
if (fs.existsSync(path.join(root, 'web/src')) && webInputs.some((p) => newestMtime(p) > built)) {
  console.log('Building the web app…');
  const r = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// The server, compiled to one file (server/dist), starts in a fraction of the time its sources take.
// Without it (a failed build) carebase runs the sources instead: slower to start, same server.
const compiled = spawnSync(process.execPath, [path.join(root, 'server/scripts/build.mjs'), '--if-stale'], {
  cwd: root,
  stdio: 'inherit',
});
if (compiled.status !== 0) console.warn('Could not compile the server: running it from its sources.');
if (process.argv.includes('--build-only')) process.exit(0);

const r = spawnSync(
  process.execPath,
  [path.join(root, 'server/bin/carebase.mjs'), 'start', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(r.status ?? 1);
