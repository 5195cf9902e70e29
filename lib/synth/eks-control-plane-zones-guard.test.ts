import * as path from 'path';
import { ClusterOutputs, EKS_CONTROL_PLANE_ZONES_OUTPUT, FleetError, resolveFleet } from '../fleet';
import { clusterOf, fullFleet, LooseFleet } from '../../test/fleet-fixture';
import { fakeOutputs, outputsFolder, testFleet } from '../../test/fleets';
import { tempDir } from '../../test/tree';
import { eksControlPlaneZoneRemovals } from './eks-control-plane-zones-guard';
import { synth } from './synth';

// The full test fleet (test/full-fleet.ts): aws-prod and mgmt on EKS in us-west-2 (zones a, b, c by default).
function check(edit: (f: LooseFleet) => void, controlPlaneZones?: unknown) {
  const f = fullFleet();
  edit(f);
  const values = controlPlaneZones === undefined ? {} : { [EKS_CONTROL_PLANE_ZONES_OUTPUT]: controlPlaneZones };
  const outputs = new Map<string, ClusterOutputs>([['aws-prod', { clusterName: 'aws-prod', endpoint: 'https://x', caCertificate: 'x', oidcIssuer: 'https://x', values }]]);
  return eksControlPlaneZoneRemovals(resolveFleet(f), outputs);
}

describe('eksControlPlaneZoneRemovals', () => {
  test('fails when an EKS cluster drops a zone its control plane was created in, at the field, with the zones, why no flag helps, and the way out', () => {
    expect(check((f) => { clusterOf(f, 'aws-prod').zones = ['us-west-2a', 'us-west-2b', 'us-west-2d']; }, 'us-west-2a,us-west-2b,us-west-2c')).toEqual([{
      path: 'clusters[aws-prod].zones',
      message: 'the EKS control plane of aws-prod was created in the zones us-west-2a, us-west-2b, us-west-2c (terraform-outputs/aws-prod.json: eks_control_plane_zones) and keeps its network interfaces in their private subnets: EKS takes no subnets outside that set of zones, so without us-west-2c the apply would drain and delete the node groups there, then fail on the subnet the control plane holds; --allow-replace does not change that',
      given: '["us-west-2a","us-west-2b","us-west-2d"]',
      allowed: 'zones including ["us-west-2a","us-west-2b","us-west-2c"] (a zone added after the cluster was created may go); for fewer or other zones, create a cluster with them beside this one, move the workloads over, and decommission this one (README, "Decommissioning a cluster")',
    }]);
  });

  test('a zone added after the cluster was created may be added and removed again: the control plane is not in it', () => {
    expect(check((f) => { clusterOf(f, 'aws-prod').zones = ['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d']; }, 'us-west-2a,us-west-2b,us-west-2c')).toEqual([]);
    expect(check((f) => { clusterOf(f, 'aws-prod').zones = ['us-west-2a', 'us-west-2b', 'us-west-2c']; }, 'us-west-2a,us-west-2b,us-west-2c')).toEqual([]);
  });

  test('a stack applied before the output existed is not judged here (the replacement guard refuses the removed subnets)', () => {
    expect(check((f) => { clusterOf(f, 'aws-prod').zones = ['us-west-2a', 'us-west-2b']; })).toEqual([]);
  });

  test('fails when the output is not a list of zones, at the file and output', () => {
    expect(check(() => undefined, ['us-west-2a'])).toEqual([expect.objectContaining({ path: 'terraform-outputs/aws-prod.json: eks_control_plane_zones.value', allowed: 'AWS zone names separated by ","' })]);
  });

  /** testFleet() synthesized with t-aws's control plane in eu-west-1a, b and c (its stack applied with the output). */
  function appliedTestFleet() {
    const fleet = testFleet();
    const aws = clusterOf(fleet, 't-aws');
    aws.zones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
    const outputs = fakeOutputs(fleet);
    outputs.set('t-aws', { ...outputs.get('t-aws')!, values: { ...outputs.get('t-aws')!.values, [EKS_CONTROL_PLANE_ZONES_OUTPUT]: 'eu-west-1a,eu-west-1b,eu-west-1c' } });
    const outDir = path.join(tempDir(), 'dist');
    const outputsDir = outputsFolder(outputs);
    synth(fleet, { outDir, outputsDir, cache: false });
    const problems = (allowReplace?: string[]) => {
      try {
        synth(fleet, { outDir, outputsDir, cache: false, ...(allowReplace ? { allowReplace } : {}) });
        return [];
      } catch (e) {
        expect(e).toBeInstanceOf(FleetError);
        return (e as FleetError).problems;
      }
    };
    return { aws, problems };
  }

  test('synth refuses it before writing, even with --allow-replace', () => {
    const { aws, problems } = appliedTestFleet();
    aws.zones = ['eu-west-1a', 'eu-west-1b'];
    expect(problems(['t-aws'])).toEqual([expect.objectContaining({ path: 'clusters[t-aws].zones', message: expect.stringMatching(/^the EKS control plane of t-aws was created in the zones eu-west-1a, eu-west-1b, eu-west-1c/) })]);
  });

  test('not when the edit makes a new control plane (the cluster replaced, or its stack moved to another region): the replacement guard refuses that, and --allow-replace lets it through', () => {
    const replaced = appliedTestFleet();
    // service_ipv4_cidr is ForceNew (terraform-provider-aws internal/service/eks/cluster.go): the new cluster is created in the new zones' subnets.
    replaced.aws.network.serviceCidr = '172.24.0.0/16';
    replaced.aws.zones = ['eu-west-1a', 'eu-west-1b'];
    expect(replaced.problems().map((p) => p.message).filter((m) => m.startsWith('the EKS control plane'))).toEqual([]);
    expect(replaced.problems().map((p) => p.path)).toContain('clusters[t-aws].network.serviceCidr');
    expect(replaced.problems(['t-aws'])).toEqual([]);
    const moved = appliedTestFleet();
    moved.aws.region = 'eu-central-1';
    moved.aws.zones = ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'];
    expect(moved.problems().map((p) => p.path)).toContain('clusters[t-aws].region');
    expect(moved.problems().filter((p) => p.message.startsWith('the EKS control plane'))).toEqual([]);
    expect(moved.problems(['t-aws'])).toEqual([]);
  });
});
