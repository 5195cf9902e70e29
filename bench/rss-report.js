'use strict';
/*
 * Preloaded into every process `npm run bench` starts (NODE_OPTIONS=--require): at exit, the process
 * appends `<pid> <max RSS in KiB> <its script's name>` to the file named by FLEETSYNTH_BENCH_RSS. The max RSS is
 * getrusage(RUSAGE_SELF)'s: the process's peak resident memory, its worker threads included (threads
 * share the process's memory). Worker threads load this file too; only the main thread reports.
 */
const file = process.env.FLEETSYNTH_BENCH_RSS;
if (file && require('worker_threads').isMainThread) {
  process.on('exit', () => {
    try {
      const script = require('path').basename(process.argv[1] || process.execPath);
      require('fs').appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS} ${script}\n`);
    } catch {
      // a figure lost, never a run
    }
  });
}
