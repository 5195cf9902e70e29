/*
 * The fleets `npm run bench` measures: the full test fleet (test/full-fleet.ts: a management cluster
 * and a workload cluster on each cloud, every platform service on; never the example, which users
 * replace: test/example-independence.test.ts), grown to any size by adding workload clusters made
 * from its three workload clusters (one per cloud) with fresh names and address ranges. Everything
 * else is the full fleet's: its platform services (observability, interconnect and global DNS
 * between its own clusters), its apps (the `env: prod` label puts `checkout` on every cluster) and
 * its mesh services. Except the secrets service: it gives every cluster a remote secret of every
 * other (the mesh's endpoint discovery), so its output grows with the square of the fleet (2,304 of
 * 4,120 files at 48 clusters), and no renderer's cost could double with the fleet. Without it, what
 * needs that discovery goes too (a fleet with it on is refused): observability and the mesh
 * services inside the mesh (podinfo); the external one (api) stays. The example
 * itself is measured with it (by the CLI, on its own fleet file). Terraform outputs are
 * written for every cluster, as if every stack had been applied: the largest output a fleet of that
 * size has, and the one a user lives with day to day.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fleet as example } from '../test/full-fleet';
import { fleetAddons } from '../lib/addons';
import type { Fleet } from '../lib/addons';
import { Cluster, FleetError, resolveFleet, terraformOutputJson } from '../lib/fleet';
import { completeFleetOutputs } from '../lib/synth/fake-outputs';
import { toStableJson } from '../lib/synth/serialize';

/** Clusters the address plan below has room for. */
export const MAX_BENCH_CLUSTERS = 900;

/**
 * Ranges of the i-th added cluster, outside every range of the full fleet (10.0-10.35, 100.64-100.65,
 * 172.16-172.23): nodes a /20 of 10.64.0.0/10, pods a /19 of 10.128.0.0/9 (GKE and AKS give each node
 * a /24 of it, and the templates' pools reach 28 nodes with upgrade surge), Services a /24 of
 * 172.24.0.0/13, GKE control planes a /28 of 192.168.0.0/16.
 */
function addedNetwork(i: number, cloud: Cluster['cloud']): Cluster['network'] {
  const twenty = (base: number) => `${base + (i >> 4)}.${(i & 15) << 4}.0/20`;
  return {
    nodeCidr: `10.${twenty(64)}`,
    podCidr: `10.${128 + (i >> 3)}.${(i & 7) << 5}.0/19`,
    serviceCidr: `172.${24 + (i >> 8)}.${i & 255}.0/24`,
    ...(cloud === 'gcp' ? { controlPlaneCidr: `192.168.${i >> 4}.${(i & 15) << 4}/28` } : {}),
  };
}

/** The full test fleet with `size` clusters (at least its own 4). */
export function benchFleet(size: number): Fleet {
  if (size < example.clusters.length || size > MAX_BENCH_CLUSTERS) throw new Error(`a bench fleet has ${example.clusters.length} to ${MAX_BENCH_CLUSTERS} clusters`);
  const templates = example.clusters.filter((c) => c.role === 'workload');
  const added: Cluster[] = [];
  for (let i = 0; i < size - example.clusters.length; i++) {
    const template = templates[i % templates.length];
    added.push({ ...template, name: `${template.cloud}-w${i}`, network: addedNetwork(i, template.cloud) });
  }
  // Without secrets, nothing that needs the mesh's endpoint discovery can be on (lib/addons/platform-dependencies.ts):
  // the workload clusters' telemetry (observability) and the mesh services inside the mesh.
  const { secrets: _quadratic, observability: _needsSecrets, ...platform } = example.platform ?? {};
  const meshServices = example.meshServices?.filter((s) => !('namespace' in s && s.namespace));
  return { ...example, platform, clusters: [...example.clusters, ...added], ...(meshServices ? { meshServices } : {}) };
}


/** Writes `<dir>/<cluster>.json` for every cluster of the fleet, as if every stack had been applied (fake values, lib/synth/fake-outputs.ts). */
export function writeBenchOutputs(definition: Fleet, dir: string): void {
  const { addons, problems } = fleetAddons(definition);
  if (problems.length > 0) throw new FleetError(problems);
  const { outputs } = completeFleetOutputs(resolveFleet(definition), new Map(), new Map(), addons);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, o] of outputs) fs.writeFileSync(path.join(dir, `${name}.json`), toStableJson(terraformOutputJson(o)));
}

/**
 * The smallest fleet the bench measures: the full test fleet as benchFleet makes it (no secrets
 * service), without its Azure workload cluster, so 3 clusters (a management cluster on EKS and a
 * workload cluster on EKS and on GKE), and without what named that cluster (its interconnect entry,
 * its place in a mesh service).
 */
export function threeClusterFleet(): Fleet {
  const four = benchFleet(example.clusters.length);
  const dropped = four.clusters.find((c) => c.cloud === 'azure' && c.role === 'workload')!;
  const clusters = four.clusters.filter((c) => c !== dropped);
  const platform = { ...four.platform };
  if (platform.interconnect) {
    const { [dropped.name]: _dropped, ...kept } = platform.interconnect.clusters;
    platform.interconnect = { ...platform.interconnect, clusters: kept };
  }
  const meshServices = four.meshServices?.map((s) => {
    if (!('clusters' in s) || !s.clusters) return s;
    const order = s.failover?.order?.filter((cloud) => clusters.some((c) => c.cloud === cloud && s.clusters!.includes(c.name)));
    return { ...s, clusters: s.clusters.filter((n) => n !== dropped.name), ...(s.failover ? { failover: { ...s.failover, ...(order ? { order } : {}) } } : {}) };
  });
  return { ...four, clusters, platform, ...(meshServices ? { meshServices } : {}) };
}
