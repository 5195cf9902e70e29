// Preload for the helper processes tests start (`node -r ./test/built.js test/<helper>.ts`): runs
// the helper, a TypeScript file of test/, against the compiled library in build/ (as the fleetsynth
// command does; jest's global setup has just brought build/ up to date with lib/), instead of
// compiling lib/ from its sources at every start (ts-node: seconds; this: under one).
//   - `../lib/…` imports of files in test/ and apps/ load build/lib/…: one copy of the library, compiled;
//   - test/*.ts files themselves are transpiled as the fleetsynth command loads a TypeScript fleet
//     file (build/lib/cli/load-fleet.js: sucrase, types stripped, line numbers kept), unless ts-node
//     is registered first (`node -r ts-node/register/transpile-only -r ./test/built.js apps/cdk8s.ts`:
//     an entry of apps/ through ts-node, as the cdk8s CLI runs it, without ts-node transpiling lib/
//     again, ~3 s of CPU; test/cli-configs.test.ts).
'use strict';
const Module = require('module');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const TEST = `${__dirname}${path.sep}`;
const APPS = `${path.join(ROOT, 'apps')}${path.sep}`;
const LIB = path.join(ROOT, 'lib');
const BUILD_LIB = path.join(ROOT, 'build', 'lib');

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if ((parent?.filename?.startsWith(TEST) || parent?.filename?.startsWith(APPS)) && request.startsWith('.')) {
    const target = path.resolve(path.dirname(parent.filename), request);
    if (target === LIB || target.startsWith(`${LIB}${path.sep}`)) request = path.join(BUILD_LIB, path.relative(LIB, target));
  }
  return resolveFilename.call(this, request, parent, ...rest);
};

require(path.join(BUILD_LIB, 'cli', 'load-fleet')).registerTypeScript();
