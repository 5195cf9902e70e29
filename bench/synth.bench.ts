/*
 * `npm run bench`: how synth's cost grows with the fleet. Prints figures; asserts nothing.
 * Each fleet repeats the example fleet's workload clusters with fresh names and address ranges,
 * keeps its first app (without per-cluster overrides) and a mesh service across three clusters.
 * GKE control planes take 192.168.<i>.0/28.
 */
import { performance } from 'perf_hooks';
import { fleet } from '../test/full-fleet';
import type { Fleet } from '../lib/addons';
import { Cluster, resolveFleet } from '../lib/fleet';
import { renderFleet, schemaProblems } from '../lib/synth';

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
        ...(template.cloud === 'gcp' ? { controlPlaneCidr: `192.168.${i}.0/28` } : {}),
      },
    });
  }
  const [podinfo] = fleet.apps!;
  const [api] = fleet.meshServices!;
  return {
    ...fleet,
    clusters,
    apps: [{ ...podinfo, overrides: {} }],
    meshServices: [{ ...api, endpoints: clusters.slice(1, 4).map((c) => ({ address: `api.${c.name}.example.com`, cluster: c.name })), failover: {} }],
  };
}

const row = (label: string, value: string) => console.log(`${label.padEnd(44)} ${value}`);

const started = performance.now();
renderFleet(resolveFleet(fleet), { outputs: new Map() });
row('modules loaded + first render', `${(performance.now() - started).toFixed(0).padStart(7)} ms  (process ${(process.uptime() * 1000).toFixed(0)} ms)`);

for (const size of [4, 16, 48]) {
  const f = resolveFleet(syntheticFleet(size));
  let t = performance.now();
  const rendered = renderFleet(f, { outputs: new Map() });
  const renderMs = performance.now() - t;
  const objects = rendered.files.flatMap((file) => (file.objects ?? []).map((object) => ({ file: file.path, object })));
  t = performance.now();
  const problems = schemaProblems(objects);
  const validateMs = performance.now() - t;
  row(`${size} clusters: render`, `${renderMs.toFixed(0).padStart(7)} ms  (${(renderMs / size).toFixed(1)} ms/cluster, ${rendered.files.length} files)`);
  row(`${size} clusters: validate against schemas`, `${validateMs.toFixed(0).padStart(7)} ms  (${objects.length} objects, ${problems.length} problems)`);
}
row('heap used', `${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0).padStart(7)} MiB`);
row('rss', `${(process.memoryUsage().rss / 2 ** 20).toFixed(0).padStart(7)} MiB`);
