import { FleetError } from '../../fleet';
import { fakeOutputsWithAddons, renderWithAddons, testFleet } from '../../../test/fleets';
import { eksMemberZonesProblem } from './eks-member-zones';

/*
 * An EKS member's zones against the Elastic IPs its last apply exported (one per zone its ingress NLB
 * was created in): the in-tree service controller never changes an NLB's subnets, so a zone edit under
 * a live NLB is refused at the cluster's zones.
 */

const aws = { name: 't-aws', cloud: 'aws' as const, zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] };
const applied = (n: number) => ({ ips: Array.from({ length: n }, (_, i) => `198.51.100.${i + 1}`), allocationIds: Array.from({ length: n }, (_, i) => `eipalloc-0${i}`) });

test('the zones the NLB was created in: no problem', () => {
  expect(eksMemberZonesProblem(aws, applied(3))).toBeUndefined();
});

test('a zone added or removed under a live NLB: refused at the cluster\'s zones, naming the output and the way out', () => {
  for (const n of [2, 4]) {
    const p = eksMemberZonesProblem(aws, applied(n))!;
    expect(p.path).toBe('clusters[t-aws].zones');
    expect(p.message).toContain('terraform-outputs/t-aws.json: global_dns_ingress_eip_allocations');
    expect(p.allowed).toBe(`${n} zones, as applied; or take t-aws out of platform.globalDns first (synth, apply: its gateway and NLB go), then change its zones (a zone its control plane was created in stays: eks_control_plane_zones) and add it back`);
  }
});

test('with the applied zones exported: one zone swapped for another is refused too (the count is the same), their order is not a change', () => {
  const withZones = { ...applied(3), zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] };
  expect(eksMemberZonesProblem({ ...aws, zones: ['eu-west-1c', 'eu-west-1a', 'eu-west-1b'] }, withZones)).toBeUndefined();
  const p = eksMemberZonesProblem({ ...aws, zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1d'] }, withZones)!;
  expect(p.path).toBe('clusters[t-aws].zones');
  expect(p.message).toContain('the zones eu-west-1a, eu-west-1b, eu-west-1c it was created in (terraform-outputs/t-aws.json: global_dns_ingress_zones)');
  expect(p.allowed).toMatch(/^\["eu-west-1a","eu-west-1b","eu-west-1c"\], as applied; or take t-aws out of platform\.globalDns first/);
});

test('GKE and AKS members have one address whatever their zones', () => {
  expect(eksMemberZonesProblem({ ...aws, cloud: 'gcp' }, { ips: ['203.0.113.5'] })).toBeUndefined();
  expect(eksMemberZonesProblem({ ...aws, cloud: 'azure' }, { ips: ['192.0.2.5'] })).toBeUndefined();
});

test('synth refuses a zone removed from an EKS member whose NLB exists, and not one that serves no endpoint', () => {
  const fleet: any = testFleet();
  fleet.platform = { globalDns: { endpoints: [{ name: 'shop', host: 'shop.example.com', zone: 'example.com', policy: 'weighted', members: [{ cluster: 't-aws', weight: 1 }], backend: { service: 'shop', namespace: 'shop', port: 8080 } }] } };
  const outputs = fakeOutputsWithAddons(fleet);
  const eks = fleet.clusters.find((c: any) => c.name === 't-aws');
  expect(String(outputs.get('t-aws')!.values!.global_dns_ingress_eip_allocations).split(',')).toHaveLength(3);
  // The stack exports the zones its EIPs are in, and synth reads them back.
  const appliedZones = String(outputs.get('t-aws')!.values!.global_dns_ingress_zones).split(',');
  expect(appliedZones).toHaveLength(3);
  eks.zones = appliedZones.slice(0, 2);
  let error: FleetError | undefined;
  try {
    renderWithAddons(fleet, outputs);
  } catch (e) {
    error = e as FleetError;
  }
  expect(error?.problems.map((p) => p.path)).toEqual(['clusters[t-aws].zones']);
  fleet.platform.globalDns.endpoints[0].members = [{ cluster: 't-gcp', weight: 1 }];
  expect(() => renderWithAddons(fleet, outputs)).not.toThrow();
});
