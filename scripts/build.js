// `npm run build` (and `prepare`, which npm runs on `npm ci`/`npm install` in this repository and
// on `npm pack`): compiles lib/ to build/ with declarations (tsconfig.build.json), copies the files
// the library reads at run time that tsc does not emit, removes outputs whose source is gone, and
// stamps the result. Not dist/: that is the GitOps output.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.join(__dirname, '..');
const BUILD = path.join(ROOT, 'build');
const STAMP = path.join(BUILD, '.built');
/** Files read at run time by path, not imported: copied as they are. */
const ASSETS = ['lib/synth/schema-worker.mjs'];
/** What a build depends on besides lib/**. */
const INPUTS = ['schema/fleet.schema.json', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'scripts/build.js'];

function sources(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__snapshots__') sources(file, out);
    } else if (/\.(ts|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) out.push(file);
  }
  return out;
}

/**
 * Whether build/ is older than a source, or missing. The stamp's time is when its build started (build()):
 * a source written at that time or after, while tsc ran, may not be in build/. Equal times count as newer,
 * as file times are as coarse as the kernel's clock tick.
 */
function isStale() {
  if (!fs.existsSync(STAMP)) return true;
  const built = fs.statSync(STAMP).mtimeMs;
  return [...sources(path.join(ROOT, 'lib')), ...INPUTS.map((f) => path.join(ROOT, f))].some((f) => fs.existsSync(f) && fs.statSync(f).mtimeMs >= built);
}

/** Removes compiled files whose source was deleted or renamed (tsc never does). */
function prune(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      prune(file);
      if (fs.readdirSync(file).length === 0) fs.rmdirSync(file);
      continue;
    }
    const rel = path.relative(BUILD, file);
    const source = rel.replace(/\.d\.ts$|\.js$|\.js\.map$/, '.ts');
    if (rel.startsWith('lib') && /\.(js|d\.ts|js\.map)$/.test(rel) && !fs.existsSync(path.join(ROOT, source))) fs.rmSync(file);
    if (rel.startsWith('lib') && rel.endsWith('.mjs') && !fs.existsSync(path.join(ROOT, rel))) fs.rmSync(file);
  }
}

function build() {
  // The stamp is written before tsc starts and put in place once the build succeeded, so its time is the
  // build's start, taken from the file system's clock as the sources' times are: a source saved while tsc
  // runs (20-30 s), perhaps after tsc read it, is newer than the stamp and the next check builds again.
  // Stamped at the end, the build would pass for newer than that edit, and run without it until the next.
  const starting = `${STAMP}.starting`;
  fs.mkdirSync(BUILD, { recursive: true });
  fs.writeFileSync(starting, `${new Date().toISOString()}\n`);
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  const run = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (run.status !== 0) {
    fs.rmSync(STAMP, { force: true });
    fs.rmSync(starting, { force: true });
    throw new Error(`tsc -p tsconfig.build.json failed (exit ${run.status})`);
  }
  for (const asset of ASSETS) fs.copyFileSync(path.join(ROOT, asset), path.join(BUILD, asset));
  prune(path.join(BUILD, 'lib'));
  fs.renameSync(starting, STAMP); // a rename keeps the file's times
}

/** Builds when build/ is stale (for bin/fleetsynth.js and jest's global setup in this repository). */
function ensureBuilt() {
  if (!isStale()) return;
  process.stderr.write('fleetsynth: lib/ changed since the last build; building (npm run build)…\n');
  build();
}

module.exports = { build, ensureBuilt, isStale };

if (require.main === module) {
  try {
    build();
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
