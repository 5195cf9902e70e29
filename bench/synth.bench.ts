/*
 * `npm run bench`: how synth's cost grows with the fleet. Prints figures; asserts nothing.
 * Each fleet is the example fleet's clusters repeated with fresh names and address ranges.
 */
import { performance } from 'perf_hooks';
import { fleet } from '../apps/fleet';
import { Cluster, Fleet, resolveFleet } from '../lib/fleet';
import { renderFleet } from '../lib/synth';

function syntheticFleet(size: number): Fleet {
  const clusters: Cluster[] = [];
  for (let i = 0; i < size; i++) {
    const template = fleet.clusters[(i % (fleet.clusters.length - 1)) + 1];
    // 10.<i>.0.0/16 nodes, 100.<64+i>.0.0/16 (EKS) or 20.<4i>.0.0/14 pods, a /20 of 172.16/12 for services
    clusters.push({
      ...template,
      name: `${template.cloud}-c${i}`,
      role: i === 0 ? 'management' : 'workload',
      network: {
        nodeCidr: `10.${i}.0.0/16`,
        podCidr: template.cloud === 'aws' ? `100.${64 + i}.0.0/16` : `20.${i * 4}.0.0/14`,
        serviceCidr: `172.${16 + Math.floor(i / 16)}.${(i % 16) * 16}.0/20`,
      },
    });
  }
  return { ...fleet, clusters };
}

function measure(label: string, fn: () => unknown): number {
  const start = performance.now();
  fn();
  const ms = performance.now() - start;
  console.log(`${label.padEnd(40)} ${ms.toFixed(0).padStart(7)} ms`);
  return ms;
}

const started = performance.now();
const warm = resolveFleet(fleet);
renderFleet(warm, { outputs: new Map() });
console.log(`${'modules loaded + first render'.padEnd(40)} ${(performance.now() - started).toFixed(0).padStart(7)} ms  (process ${(process.uptime() * 1000).toFixed(0)} ms)`);

const results: { size: number; ms: number; files: number }[] = [];
for (const size of [4, 16, 48]) {
  const f = resolveFleet(syntheticFleet(size));
  let files = 0;
  const ms = measure(`render ${size} clusters`, () => {
    files = renderFleet(f, { outputs: new Map() }).files.length;
  });
  results.push({ size, ms, files });
}
for (const r of results) console.log(`${`per cluster at ${r.size}`.padEnd(40)} ${(r.ms / r.size).toFixed(1).padStart(7)} ms  (${r.files} files)`);
console.log(`${'heap used'.padEnd(40)} ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0).padStart(7)} MiB`);
console.log(`${'rss'.padEnd(40)} ${(process.memoryUsage().rss / 2 ** 20).toFixed(0).padStart(7)} MiB`);
