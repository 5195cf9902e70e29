#!/usr/bin/env node
// The fleetsynth command (`fleetsynth synth|check|init`): runs the compiled CLI in build/.
'use strict';
const path = require('path');
const root = path.join(__dirname, '..');

// In fleetsynth's own repository (not in an installed package, which ships no sources), build/ is
// rebuilt first when a source is newer than it, so `npm run synth` never runs stale JavaScript.
if (require('fs').existsSync(path.join(root, 'tsconfig.build.json'))) require('../scripts/build.js').ensureBuilt();

let cli;
try {
  // First, before cdktf and cdk8s load: see lib/synth/inline-source-maps.ts.
  require('../build/lib/synth/inline-source-maps');
  // Before anything big is allocated: see lib/synth/heap-growth.ts.
  require('../build/lib/synth/heap-growth').limitHeapGrowth();
  cli = require('../build/lib/cli');
} catch (e) {
  // Only build/ itself missing (the message's first line; the rest is the require stack, which names
  // build/ for any package a built module cannot find: that is `npm ci`'s to fix, reported as is).
  if (e && e.code === 'MODULE_NOT_FOUND' && /Cannot find module '\.\.\/build\/lib\//.test(String(e.message).split('\n')[0])) {
    process.stderr.write('fleetsynth: not built (no build/): run `npm run build`\n');
    process.exit(4);
  }
  throw e;
}
process.exitCode = cli.main(process.argv.slice(2), { synthCommand: cli.synthInvocation(process.env) });
