import * as fs from 'fs';
import * as path from 'path';
import { FleetError } from '../fleet';
import { clusterOf } from '../../test/fleet-fixture';
import { fakeOutputs, outputsFolder, testFleet } from '../../test/fleets';
import { tempDir } from '../../test/tree';
import { GKE_API_RANGE_REMOVAL } from './gke-api-range-guard';
import { synth } from './synth';

/** testFleet() synthesized with every stack applied and t-gcp (a GKE workload cluster) admitting `ranges`; then `edit`ed and synthesized again. */
function resynth(ranges: string[], edit: (fleet: ReturnType<typeof testFleet>) => void, options: { allowChanges?: string[]; egressGone?: boolean; gcpNeverApplied?: boolean; unnamed?: boolean } = {}) {
  const fleet = testFleet();
  clusterOf(fleet, 't-gcp').apiAccess = { publicCidrs: ranges };
  const outputs = fakeOutputs(fleet);
  // Its stack written (Argo CD's binding in it, the management cluster's outputs being there), never applied.
  if (options.gcpNeverApplied) outputs.delete('t-gcp');
  const outDir = path.join(tempDir(), 'dist');
  synth(fleet, { outDir, outputsDir: outputsFolder(outputs), cache: false });
  // The stack as a fleetsynth before client names wrote it: every range named by itself.
  if (options.unnamed) {
    const file = path.join(outDir, 'terraform', 'stacks', 't-gcp', 'cdk.tf.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/"display_name": "egress of [^"]*"/g, '"display_name": "x"'));
  }
  edit(fleet);
  // A client whose egress changed (its NAT addresses replaced): its old addresses leave the list.
  if (options.egressGone) outputs.set('t-mgmt', { ...outputs.get('t-mgmt')!, values: { ...outputs.get('t-mgmt')!.values, egress_cidrs: ['198.51.100.200/32'] } });
  try {
    synth(fleet, { outDir, outputsDir: outputsFolder(outputs), cache: false, ...(options.allowChanges ? { allowChanges: options.allowChanges } : {}) });
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(FleetError);
    return (e as FleetError).problems;
  }
}

describe('gkeApiRangeRemovals', () => {
  test('fails when a range leaves the API allow list of a GKE cluster whose stack writes into it, at the field, with the range, why, and the way out', () => {
    const problems = resynth(['192.0.2.0/28', '203.0.113.0/24'], (f) => { clusterOf(f, 't-gcp').apiAccess = { publicCidrs: ['203.0.113.0/24'] }; });
    expect(problems).toEqual([{
      path: 'clusters[t-gcp].apiAccess.publicCidrs',
      message: "192.0.2.0/28 would leave the API allow list of t-gcp, whose stack writes Argo CD's RBAC binding through the cluster's API and reads it back at every plan: if the pipeline reaches the API from there, this apply succeeds and every later plan of the stack fails reading the binding (a timeout dialing the API)",
      given: '["203.0.113.0/24"]',
      allowed: `the range kept while the pipeline reaches the API from it; once it reaches the API from a range still listed (or runs on the management cluster, whose egress every workload cluster admits), synth with --allow-change ${GKE_API_RANGE_REMOVAL} (README, "API access")`,
    }]);
  });

  test(`--allow-change ${GKE_API_RANGE_REMOVAL} lets it through`, () => {
    expect(resynth(['192.0.2.0/28'], (f) => { clusterOf(f, 't-gcp').apiAccess = { publicCidrs: [] }; }, { allowChanges: [GKE_API_RANGE_REMOVAL] })).toEqual([]);
  });

  test('a range added or widened, or a client\'s egress address leaving the list, passes', () => {
    expect(resynth(['192.0.2.0/28'], (f) => { clusterOf(f, 't-gcp').apiAccess = { publicCidrs: ['192.0.2.0/28', '203.0.113.0/24'] }; })).toEqual([]);
    expect(resynth(['192.0.2.0/28'], (f) => { clusterOf(f, 't-gcp').apiAccess = { publicCidrs: ['192.0.2.0/27'] }; })).toEqual([]);
    expect(resynth(['192.0.2.0/28'], () => undefined, { egressGone: true })).toEqual([]);
  });

  test('fails when the range leaving is the egress of a cluster that is no client (the pipeline may run there): only a stack written before the client names knows no better', () => {
    // testFleet() has no mesh: t-aws is no client of t-gcp, its egress (198.51.100.5/32, fakeOutputs) is listed by hand.
    const problems = resynth(['198.51.100.5/32'], (f) => { clusterOf(f, 't-gcp').apiAccess = { publicCidrs: [] }; });
    expect(problems.map((p) => [p.path, p.message.split(' ')[0]])).toEqual([['clusters[t-gcp].apiAccess.publicCidrs', '198.51.100.5/32']]);
  });

  test('in a stack written before client names, an address leaving passes only while a saved outputs file gives it as egress', () => {
    expect(resynth(['198.51.100.5/32'], (f) => { clusterOf(f, 't-gcp').apiAccess = { publicCidrs: [] }; }, { unnamed: true })).toEqual([]);
    // The management cluster's former addresses are in no outputs file any more: nothing tells them from listed ones.
    expect(resynth(['192.0.2.0/28'], () => undefined, { egressGone: true, unnamed: true }).map((p) => p.message.split(' ')[0])).toEqual(['198.51.100.1/32,']);
  });

  test('a range leaving a GKE cluster never applied (no saved outputs) passes: no binding to read back yet', () => {
    expect(resynth(['192.0.2.0/28'], (f) => { clusterOf(f, 't-gcp').apiAccess = { publicCidrs: ['203.0.113.0/24'] }; }, { gcpNeverApplied: true })).toEqual([]);
  });

  test('a range leaving an EKS or AKS cluster passes: their stacks never call the cluster\'s API', () => {
    const fleet = testFleet();
    for (const name of ['t-aws', 't-azure']) clusterOf(fleet, name).apiAccess = { publicCidrs: ['192.0.2.0/28'] };
    const outputsDir = outputsFolder(fakeOutputs(fleet));
    const outDir = path.join(tempDir(), 'dist');
    synth(fleet, { outDir, outputsDir, cache: false });
    for (const name of ['t-aws', 't-azure']) clusterOf(fleet, name).apiAccess = { publicCidrs: [] };
    expect(() => synth(fleet, { outDir, outputsDir, cache: false })).not.toThrow();
  });
});

test('is reported with the other refusals of the stacks, at once', () => {
  const problems = resynth(['192.0.2.0/28'], (f) => {
    const gcp = clusterOf(f, 't-gcp');
    gcp.apiAccess = { publicCidrs: [] };
    gcp.kubernetesVersion = `1.${Number(gcp.kubernetesVersion.split('.')[1]) - 1}`;
  });
  expect(problems.map((p) => p.path)).toEqual(['clusters[t-gcp].kubernetesVersion', 'clusters[t-gcp].apiAccess.publicCidrs']);
});
