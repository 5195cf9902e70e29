'use strict';
/*
 * Preloaded into every process `npm run bench` starts (NODE_OPTIONS=--require): at exit, the process
 * appends `<pid> <max RSS in KiB>` to the file named by FLEETSYNTH_BENCH_RSS. The max RSS is
 * getrusage(RUSAGE_SELF)'s: the process's peak resident memory, its worker threads included (threads
 * share the process's memory). Worker threads load this file too; only the main thread reports.
 */
const file = process.env.FLEETSYNTH_BENCH_RSS;
if (file && require('worker_threads').isMainThread) {
  process.on('exit', () => {
    try {
      require('fs').appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`);
    } catch {
      // a figure lost, never a run
    }
  });
}
