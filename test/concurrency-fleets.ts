import { createHash } from 'crypto';
import { fleet } from '../apps/fleet';
import type { Fleet } from '../lib/addons';

/*
 * Two small fleets whose outputs differ in every file they share (the management cluster moves
 * region) and in the files they do not (b adds a workload cluster), for the concurrency test:
 * a folder that ends mixed can never equal either output.
 */
const mgmt = fleet.clusters.find((c) => c.name === 'mgmt')!;
const awsProd = fleet.clusters.find((c) => c.name === 'aws-prod')!;

export const FLEETS: Record<'a' | 'b', Fleet> = {
  a: { ...fleet, apps: [], meshServices: [], clusters: [mgmt] },
  b: { ...fleet, apps: [], meshServices: [], clusters: [{ ...mgmt, region: 'us-east-1' }, awsProd] },
};

/** One hash for a whole tree as `readTree` returns it. */
export function treeHash(tree: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const p of Object.keys(tree).sort()) hash.update(`${p}\0${tree[p]}\0`);
  return hash.digest('hex');
}
