// The CPU each test file costs, for profiling the suite (README, Performance: `npm test`), not part of
// any run by default:
//   FLEETSYNTH_TEST_CPU_LOG=/tmp/cpu.txt npm test -- --setupFilesAfterEnv ./test/cpu-per-file.js
// appends a line per file: CPU seconds, wall seconds, the worker's pid, the file. CPU is user+sys of the
// jest worker (its threads included) and of the processes it started and waited for (utime, stime,
// cutime, cstime of /proc/self/stat, Linux only), from before the file is loaded to its last afterAll
// hook that runs after this one: a process a test file stops later (the concurrency test's) is not
// counted. Wall clock is the machine's: on a loaded machine only the CPU compares.
'use strict';
const fs = require('fs');

const TICKS = 100; // USER_HZ, 100 on every Linux architecture Node runs on

function cpuSeconds() {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / TICKS;
}

const log = process.env.FLEETSYNTH_TEST_CPU_LOG;
if (log && fs.existsSync('/proc/self/stat')) {
  const cpu = cpuSeconds();
  const wall = Date.now();
  const file = expect.getState().testPath;
  afterAll(() => {
    fs.appendFileSync(log, `${(cpuSeconds() - cpu).toFixed(2)} ${((Date.now() - wall) / 1000).toFixed(2)} ${process.pid} ${file}\n`);
  });
}
