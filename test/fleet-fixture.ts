import { fullTestFleet } from './full-fleet';

/**
 * A deep copy of the full test fleet (test/full-fleet.ts), typed loosely on purpose: tests break one
 * field at a time, often into something the Fleet type would not allow (as a plain-JS fleet file could).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseFleet = any;

export function fullFleet(): LooseFleet {
  return fullTestFleet();
}

/** The cluster called `name` in a (copy of the) full test fleet, for mutation. */
export function clusterOf(f: LooseFleet, name: string): LooseFleet {
  const c = f.clusters.find((x: { name: string }) => x.name === name);
  if (!c) throw new Error(`no cluster ${name} in the fleet`);
  return c;
}

/** Removes a cluster from a (copy of the) full test fleet, from the in-mesh services that list it and from the platform settings that name clusters. */
export function withoutCluster(f: LooseFleet, name: string): void {
  f.clusters = f.clusters.filter((c: { name: string }) => c.name !== name);
  for (const s of f.meshServices ?? []) {
    if (!Array.isArray(s.clusters)) continue;
    s.clusters = s.clusters.filter((c: string) => c !== name);
    const clouds = new Set(f.clusters.filter((c: { name: string }) => s.clusters.includes(c.name)).map((c: { cloud: string }) => c.cloud));
    if (s.failover?.order) s.failover.order = s.failover.order.filter((c: string) => clouds.has(c));
  }
  if (f.platform?.interconnect?.clusters) delete f.platform.interconnect.clusters[name];
  if (f.platform?.globalDns?.endpoints) f.platform.globalDns.endpoints = f.platform.globalDns.endpoints.filter((e: { members: { cluster: string }[] }) => e.members.every((m) => m.cluster !== name));
}
