import { fleetAddons } from '../addons/fleet-addons';
import { resolveFleet } from '../fleet';
import { fullFleet } from '../../test/fleet-fixture';
import { fakeOutputsWithAddons, fakeStackOutputsWithAddons } from '../../test/fleets';
import { tempDir } from '../../test/tree';
import { RenderCache } from './render-cache';
import { renderFleet } from './render-fleet';
import { SynthCache } from './synth-cache';
import { DEFAULT_VPN_CONNECTION_QUOTA, vpnConnectionQuotaWarnings, vpnConnectionUses } from './vpn-connection-quota';

const connections = (n: number, gateway: string, provider?: string) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`c-${gateway}-${i}`, { vpn_gateway_id: gateway, ...(provider ? { provider } : {}) }]));
/** A pair stack's file as a render hands it over: its path and what vpnConnectionUses found in its JSON. */
const stack = (name: string, json: unknown) => ({ path: `terraform/stacks/${name}/cdk.tf.json`, vpnConnections: vpnConnectionUses(json) });

describe('VPN connections per AWS virtual private gateway against AWS\'s default quota (10)', () => {
  test('counted per gateway across the pair stacks; more than 10 on one: a warning naming the gateway, its cluster, the count per stack and the quota to raise', () => {
    expect(DEFAULT_VPN_CONNECTION_QUOTA).toBe(10);
    const warnings = vpnConnectionQuotaWarnings([
      stack('interconnect-aws-gcp', { resource: { aws_vpn_connection: { ...connections(6, 'vgw-1', 'aws.aws-prod'), ...connections(2, 'vgw-2', 'aws.mgmt') } } }),
      stack('interconnect-aws-azure', { resource: { aws_vpn_connection: connections(6, 'vgw-1', 'aws.aws-prod') } }),
    ]);
    expect(warnings).toEqual([expect.stringMatching(/^AWS virtual private gateway vgw-1 \(cluster aws-prod\): the stacks attach 12 VPN connections \(interconnect-aws-azure 6, interconnect-aws-gcp 6\), more than AWS's default quota of 10 per gateway: .*L-B91E5754/)]);
  });

  test('exactly 10 on a gateway, references and files other than stacks: no warning', () => {
    expect(vpnConnectionQuotaWarnings([stack('interconnect-aws-gcp', { resource: { aws_vpn_connection: connections(10, 'vgw-1') } })])).toEqual([]);
    expect(vpnConnectionUses({ resource: { aws_vpn_connection: { x: { vpn_gateway_id: 5 } } } })).toEqual([]);
    expect(vpnConnectionQuotaWarnings([{ path: 'k8s/aws/mgmt/x.yaml', vpnConnections: [{ gateway: 'vgw-1', count: 11 }] }])).toEqual([]);
  });

  test('a render keeps each pair stack\'s count with its file, and a render from the cache gives the same without reading the stack again', () => {
    const f = fullFleet();
    const { addons } = fleetAddons(f);
    const inputs = { outputs: fakeOutputsWithAddons(f), stackOutputs: fakeStackOutputsWithAddons(f), addons, definition: f };
    const cache = new RenderCache(new SynthCache(tempDir()));
    const counts = (files: readonly { path: string; vpnConnections?: unknown }[]) => files.filter((x) => x.vpnConnections).map((x) => [x.path, x.vpnConnections]);
    const cold = renderFleet(resolveFleet(f), { ...inputs, cache });
    const warm = renderFleet(resolveFleet(f), { ...inputs, cache });
    // Every unit but fleet.md's (not worth caching) from the cache.
    expect(warm.units).toEqual(expect.objectContaining({ rendered: 1, cached: cold.units.rendered - 1 }));
    // The full fleet: mgmt and aws-prod on AWS, each linked to gcp-prod and azure-prod, two connections a link.
    expect(counts(cold.files)).toEqual([
      ...['interconnect-aws-azure', 'interconnect-aws-gcp'].map((pair) => [
        `terraform/stacks/${pair}/cdk.tf.json`,
        expect.arrayContaining([expect.objectContaining({ cluster: 'aws-prod', count: 2 }), expect.objectContaining({ cluster: 'mgmt', count: 2 })]),
      ]),
    ]);
    expect(counts(warm.files)).toEqual(counts(cold.files));
  }, 120_000);
});
