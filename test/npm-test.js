// `npm test`: the type check (tsc --noEmit, incremental, strict: jest only transpiles) and jest, at
// once instead of one after the other. tsc runs at a lower priority (nice 10): jest's workers keep
// the cores, and tsc takes what they leave idle (jest's start, the waits on the processes tests
// start, the last suites finishing alone). tsc's report is printed after jest's; the exit code is
// jest's, or tsc's when jest passed. Arguments go to jest (`npm test -- test/synth.test.ts`).
'use strict';
const { spawn } = require('child_process');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const TSC = ['--noEmit', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/tsc/test.tsbuildinfo', '-p', '.'];

function run(bin, args, options) {
  const child = spawn(process.execPath, [require.resolve(bin, { paths: [ROOT] }), ...args], { cwd: ROOT, ...options });
  const done = new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  return { child, done };
}

const tsc = run('typescript/bin/tsc', TSC, { stdio: ['ignore', 'pipe', 'pipe'] });
try {
  os.setPriority(tsc.child.pid, 10);
} catch {
  // not permitted here: it runs at jest's priority
}
let report = '';
tsc.child.stdout.on('data', (d) => (report += d));
tsc.child.stderr.on('data', (d) => (report += d));
const jest = run('jest/bin/jest', process.argv.slice(2), { stdio: 'inherit' });

// A signal sent to this process alone is passed on: npm passes SIGINT and SIGTERM on to the script it
// runs (npm 11.19.1: @npmcli/run-script 10.0.4 lib/signal-manager.js), a CI timeout or `kill` ends one process, and tsc and
// jest went on running without it. (Ctrl-C in a terminal reaches the three at once, one process group:
// one more SIGINT ends them alike.)
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    for (const { child } of [jest, tsc]) child.kill(signal);
    process.exit(128 + os.constants.signals[signal]);
  });
}

Promise.all([jest.done, tsc.done]).then(([jestCode, tscCode]) => {
  if (tscCode !== 0) process.stderr.write(`\ntsc --noEmit found type errors (jest transpiles without checking types):\n${report}`);
  else process.stderr.write('tsc --noEmit: no type errors\n');
  process.exit(jestCode !== 0 ? jestCode : tscCode);
});
