/*
 * Runs a synth that SIGKILLs itself at a chosen point, as a crash or an OOM kill would:
 *   node -r ./test/built.js test/kill-synth.ts <outDir> <outputsDir> render|commit
 * (test/built.js: against the compiled library in build/, which jest's global setup keeps fresh)
 * No catch block or finally runs after SIGKILL, so what is left on disk is what a real kill leaves.
 */
import { fleet } from './full-fleet';
import { synth } from '../lib/synth';

const [outDir, outputsDir, when] = process.argv.slice(2);
const die = () => process.kill(process.pid, 'SIGKILL');
let steps = 0;
synth(fleet, {
  outDir,
  outputsDir,
  hooks: {
    onClusterRendered: () => (when === 'render' ? die() : undefined),
    commitStep: () => (when === 'commit' && ++steps === 3 ? die() : undefined),
  },
});
