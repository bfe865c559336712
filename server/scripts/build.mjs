// Compiles the server (src/main.ts, the contracts and the dependencies) into one CommonJS file,
// server/dist/carebase.cjs, with esbuild, so a start loads one file instead of compiling TypeScript and
// resolving hundreds of small modules one by one; bin/compiled.mjs runs it with V8's code cache.
//   node server/scripts/build.mjs [--if-stale] [--meta]
// --if-stale builds only when the last build is out of date; --meta also writes esbuild's metafile
// (dist/meta.json) to see what the bundle holds.
//
// Files read from beside the code stay where they are: in every bundled file, `import.meta.url`
// (`dirname`, `filename`), `__dirname` and `__filename` are that file's own location, worked out from the
// bundle's location at run time. So the migrations, the ICD-10 starter lists and the built web app are
// found as from src/, and a dependency's data files (fonts, templates, static assets) as from
// node_modules, and the bundle keeps working if the repository moves.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CODE_CACHE_SUFFIX,
  DIST_DIR,
  ENTRY,
  freshBuild,
  MANIFEST,
  REPO_ROOT,
  SERVER_DIR,
} from '../bin/compiled.mjs';

/** Loaded from node_modules at run time rather than bundled. */
const EXTERNAL = [
  '@electric-sql/pglite', // the PostgreSQL wasm module, its data files and extensions, found by URL
  '@node-rs/argon2', // a native addon, picked per platform at run time
  'pg-native', // pg's optional native binding (not installed)
];

const isExternal = (specifier) =>
  EXTERNAL.some((name) => specifier === name || specifier.startsWith(`${name}/`));

const LOCATION = /\bimport\.meta\.(url|dirname|filename)\b|\b__dirname\b|\b__filename\b/;

/** A JavaScript expression, valid in the bundle, for the file URL of `file` (an absolute path). */
function urlExpression(file) {
  const fromDist = path.relative(DIST_DIR, file).split(path.sep).join('/');
  return `__carebaseUrl(${JSON.stringify(fromDist)})`;
}

/**
 * Gives each bundled file its own location (see the top). Definitions go on the first line (after a
 * "use strict" directive or a #! line), so line numbers in the source map stay right.
 */
function keepLocations(file, text) {
  if (!LOCATION.test(text)) return text;
  const url = urlExpression(file);
  const filename = `__carebaseFileURLToPath(${url})`;
  const dirname = `__carebaseDirname(${filename})`;
  let body = text
    .replace(/\bimport\.meta\.url\b/g, url)
    .replace(/\bimport\.meta\.filename\b/g, filename)
    .replace(/\bimport\.meta\.dirname\b/g, dirname);
  // A file that declares its own (from import.meta.url, now rewritten) keeps it.
  const wanted = { __dirname: dirname, __filename: filename };
  const head = Object.entries(wanted)
    .filter(([name]) => new RegExp(`\\b${name}\\b`).test(body))
    .filter(([name]) => !new RegExp(`\\b(var|let|const|function)\\s+${name}\\b`).test(body))
    .map(([name, value]) => `var ${name} = ${value}; `)
    .join('');
  let lead = /^(#![^\n]*\n)?(\s*(['"])use strict\3;?)?/.exec(body)?.[0] ?? '';
  body = body.slice(lead.length);
  if (lead.trim() && !lead.endsWith(';') && !lead.endsWith('\n')) lead += ';';
  return `${lead}${head}${body}`;
}

const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.js': 'js', '.mjs': 'js', '.cjs': 'js' };

const plugins = [
  {
    name: 'externals',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (args.path.startsWith('node:') || isExternal(args.path))
          return { path: args.path, external: true };
        return undefined;
      });
      build.onResolve({ filter: /\.node$/ }, (args) => ({ path: args.path, external: true }));
    },
  },
  {
    name: 'keep-locations',
    setup(build) {
      build.onLoad({ filter: /\.[mc]?[jt]s$/ }, async (args) => {
        const text = await fs.promises.readFile(args.path, 'utf8');
        const loader = LOADERS[path.extname(args.path)];
        return { contents: keepLocations(args.path, text), loader };
      });
    },
  },
];

// The helpers keepLocations refers to, defined once for the bundle (the bundle's own __dirname comes from
// the CommonJS wrapper that runs it).
const BANNER = [
  "const { dirname: __carebaseDirname, resolve: __carebaseResolve } = require('node:path');",
  "const { fileURLToPath: __carebaseFileURLToPath, pathToFileURL: __carebasePathToURL } = require('node:url');",
  'const __carebaseUrl = (fromBundle) => __carebasePathToURL(__carebaseResolve(__dirname, fromBundle)).href;',
].join('\n');

function writeAtomically(file, contents) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

const rel = (file) => path.relative(REPO_ROOT, file).split(path.sep).join('/');

const SOURCE_DIRS = [path.join(SERVER_DIR, 'src'), path.join(REPO_ROOT, 'packages')];

/** Modification time of every file under `dirs` (but node_modules), by path relative to the repository. */
function mtimesUnder(dirs) {
  const mtimes = new Map();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else mtimes.set(rel(full), fs.statSync(full).mtimeMs);
    }
  };
  for (const dir of dirs) if (fs.existsSync(dir)) walk(dir);
  return mtimes;
}

/** Builds server/dist/carebase.cjs and its manifest (see bin/compiled.mjs); returns the entry's path. */
export async function buildServer({ writeMeta = false } = {}) {
  const { build } = await import('esbuild');
  const before = mtimesUnder(SOURCE_DIRS);
  const result = await build({
    entryPoints: [path.join(SERVER_DIR, 'src/main.ts')],
    outfile: ENTRY,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20.19',
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    banner: { js: BANNER },
    plugins,
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  fs.mkdirSync(DIST_DIR, { recursive: true });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  // The code caches of earlier builds (see bin/compiled.mjs) belong to files that are gone.
  for (const name of fs.readdirSync(DIST_DIR)) {
    if (name.endsWith(CODE_CACHE_SUFFIX)) fs.rmSync(path.join(DIST_DIR, name), { force: true });
  }
  if (writeMeta) fs.writeFileSync(path.join(DIST_DIR, 'meta.json'), JSON.stringify(result.metafile));
  const files = Object.keys(result.metafile.inputs)
    .map((input) => rel(path.resolve(input)))
    .filter((input) => !input.includes('node_modules/'));
  // Dependencies count through npm's own record of the install; the build through its two scripts.
  files.push(rel(fileURLToPath(import.meta.url)), 'server/bin/compiled.mjs');
  if (fs.existsSync(path.join(REPO_ROOT, 'node_modules/.package-lock.json')))
    files.push('node_modules/.package-lock.json');
  // A source changed while the build read it gets no valid time, so the next check rebuilds.
  const inputs = Object.fromEntries(
    files.map((file) => {
      const mtimeMs = fs.statSync(path.join(REPO_ROOT, file)).mtimeMs;
      return [file, (before.get(file) ?? mtimeMs) === mtimeMs ? mtimeMs : -1];
    }),
  );
  // Written last: a manifest means a whole build.
  writeAtomically(MANIFEST, `${JSON.stringify({ format: 3, inputs }, null, 1)}\n`);
  return ENTRY;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--if-stale') && freshBuild()) process.exit(0);
  const started = performance.now();
  await buildServer({ writeMeta: process.argv.includes('--meta') });
  console.log(`Compiled the server in ${Math.round(performance.now() - started)} ms (${rel(ENTRY)}).`);
}
