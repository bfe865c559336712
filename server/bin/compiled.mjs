// The compiled server (server/dist, made by server/scripts/build.mjs): where it lives, whether it is up
// to date with its sources, and how to run it with V8's code cache. No dependencies, so the CLI can ask
// before deciding how to run.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export const SERVER_DIR = path.resolve(import.meta.dirname, '..');
export const REPO_ROOT = path.resolve(SERVER_DIR, '..');
export const DIST_DIR = path.join(SERVER_DIR, 'dist');
export const ENTRY = path.join(DIST_DIR, 'carebase.cjs');
export const MANIFEST = path.join(DIST_DIR, 'build.json');
export const CODE_CACHE_SUFFIX = '.v8-cache';

/**
 * The build's manifest when the compiled entry is up to date with every file it was built from, else
 * null. The manifest maps those files (relative to the repository) to their modification times at the
 * build, and is written last, so its presence means a whole build: an edited, replaced or deleted source
 * makes the build stale, and so does a new file, since only an edited file can import it. Dependencies
 * count through node_modules/.package-lock.json, which npm rewrites on every install.
 */
export function freshBuild() {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
  } catch {
    return null;
  }
  if (manifest?.format !== 3 || typeof manifest.inputs !== 'object' || manifest.inputs === null) return null;
  for (const [input, mtimeMs] of Object.entries(manifest.inputs)) {
    try {
      if (fs.statSync(path.join(REPO_ROOT, input)).mtimeMs !== mtimeMs) return null;
    } catch {
      return null;
    }
  }
  return fs.existsSync(ENTRY) ? manifest : null;
}

function writeAtomically(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

/**
 * Runs the compiled entry (CommonJS) as Node would, but through vm.Script with V8's code cache: the
 * parsed and compiled functions of earlier runs are reused instead of parsing megabytes of JavaScript on
 * every start. The cache belongs to one build: its name carries the file's identity (V8 itself only checks
 * the source's length), and the build deletes the old ones. `carebase start` writes it when it is missing
 * or refused by V8 (another Node version), ten seconds in or at exit, so that it holds what a server's
 * start-up compiled; the other commands only read it. A cache that cannot be written is skipped.
 */
export function runCompiled() {
  // One open file for both its identity and its text, so a build replacing it meanwhile cannot mix them.
  const fd = fs.openSync(ENTRY, 'r');
  const { ino, size, mtimeMs } = fs.fstatSync(fd);
  const source = fs.readFileSync(fd, 'utf8');
  fs.closeSync(fd);
  const cacheFile = path.join(DIST_DIR, `carebase.${ino}-${size}-${Math.round(mtimeMs)}${CODE_CACHE_SUFFIX}`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: ENTRY,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if ((!cachedData || script.cachedDataRejected) && process.argv[2] === 'start') {
    let saved = false;
    const save = () => {
      if (saved) return;
      saved = true;
      try {
        writeAtomically(cacheFile, script.createCachedData());
      } catch {
        // A read-only install: start without the cache.
      }
    };
    setTimeout(save, 10_000).unref();
    process.once('exit', save);
  }
  const module = { exports: {}, id: ENTRY, filename: ENTRY };
  script.runInThisContext()(module.exports, createRequire(ENTRY), module, ENTRY, DIST_DIR);
}
