import { createHash } from 'crypto';
import type { Fleet } from '../lib/addons';
import { testFleet } from './fleets';

/*
 * Two small fleets whose outputs differ in every file they share (the management cluster moves
 * region) and in the files they do not (b adds a workload cluster), for the concurrency test:
 * a folder that ends mixed can never equal either output.
 */
const base = testFleet();
const mgmt = base.clusters.find((c) => c.role === 'management')!;
const aws = base.clusters.find((c) => c.name === 't-aws')!;

export const FLEETS: Record<'a' | 'b', Fleet> = {
  a: { ...base, clusters: [mgmt] },
  b: { ...base, clusters: [{ ...mgmt, region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] }, aws] },
};

/** One hash for a whole tree as `readTree` returns it. */
export function treeHash(tree: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const p of Object.keys(tree).sort()) hash.update(`${p}\0${tree[p]}\0`);
  return hash.digest('hex');
}
