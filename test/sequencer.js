// Runs the suites that take longest first, so that none of them is left to finish alone at the end.
// jest orders by the durations it remembers from earlier runs, and without them (a fresh CI clone) by
// file size, which puts these small but slow suites (they wait on npm and on synth processes) last.
const Sequencer = require('@jest/test-sequencer').default;

const SLOW_FIRST = ['test/package.test.ts', 'test/concurrency.test.ts', 'test/synth.test.ts', 'test/corruption.test.ts', 'test/render-engine.test.ts', 'test/cli-configs.test.ts'];

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const rank = (t) => {
      const i = SLOW_FIRST.findIndex((suffix) => t.path.endsWith(suffix));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    // Array.prototype.sort is stable: everything else keeps jest's own order.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowFirstSequencer;
