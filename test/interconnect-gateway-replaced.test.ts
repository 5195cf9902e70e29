import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { synth } from '../lib/synth';
import { fileCache } from './file-cache';
import { refused, synthesizedFullFleet } from './fleets';
import { readTree } from './tree';

const withCache = fileCache();

/*
 * The saved `interconnect_links` (terraform-outputs/interconnect-<pair>.json) is not compared with the
 * gateways the cluster stacks output now (README, "Interconnect", "A gateway replaced"). A GCP gateway
 * back with new addresses makes the pair stacks replace their tunnels and external gateways: refused
 * at platform.interconnect.clusters, nothing written. An AWS gateway's new id is taken in place
 * (terraform-provider-aws internal/service/ec2/vpnsite_connection.go resourceVPNConnectionUpdate:
 * vpn_gateway_id through ModifyVpnConnection, not ForceNew), and the saved entry keeps the link on.
 */
describe('a cluster\'s VPN gateway replaced under applied links', () => {
  const PRIVATE = 'istio-eastwestgateway-private.istio-system.svc.cluster.local';
  const PUBLIC = 'istio-eastwestgateway.istio-system.svc.cluster.local';
  const gatewayTo = (out: string, cluster: string, network: string): string =>
    parse(readTree(out)[`k8s/aws/mgmt/argocd/clusters/${cluster}/application.argoproj.io_${cluster}-istiod.yaml`]).spec.source.helm.valuesObject.global.meshNetworks[network].gateways[0].registryServiceName;
  const save = (outputsDir: string, file: string, edit: (values: Record<string, { value: unknown }>) => void) => {
    const at = path.join(outputsDir, file);
    const values = fs.existsSync(at) ? JSON.parse(fs.readFileSync(at, 'utf8')) : {};
    edit(values);
    fs.writeFileSync(at, JSON.stringify(values, null, 2));
  };

  // gcp-prod's HA VPN gateway as created again: new interface addresses.
  const newGcpAddresses = (outputsDir: string) =>
    save(outputsDir, 'gcp-prod.json', (v) => {
      v.interconnect_ha_vpn_ip_0 = { value: '198.51.100.10' };
      v.interconnect_ha_vpn_ip_1 = { value: '198.51.100.11' };
    });

  /** The full fleet with interconnect-aws-gcp's links saved as applied: gcp-prod reaches aws-prod through its internal gateway. */
  function appliedFleet() {
    const made = synthesizedFullFleet(withCache);
    save(made.outputsDir, 'interconnect-aws-gcp.json', (v) => {
      v.interconnect_links = { value: { 'aws-prod-gcp-prod': ['vpn-0aaa'], 'mgmt-gcp-prod': ['vpn-0bbb'] } };
    });
    synth(made.fleet, { outDir: made.out, outputsDir: made.outputsDir, ...withCache });
    expect(gatewayTo(made.out, 'gcp-prod', 'aws-prod-net')).toBe(PRIVATE);
    return made;
  }

  test('a GCP gateway with new addresses: the next synth refuses the pair stacks at platform.interconnect.clusters and writes nothing', () => {
    const { fleet, out, outputsDir } = appliedFleet();
    newGcpAddresses(outputsDir);
    const problems = refused(out, () => synth(fleet, { outDir: out, outputsDir, ...withCache })) as { path: string; allowed?: string }[];
    expect(problems.length).toBeGreaterThan(0);
    expect(new Set(problems.map((p) => p.path))).toEqual(new Set(['platform.interconnect.clusters']));
    expect(problems.map((p) => p.allowed).join('\n')).toEqual(expect.stringContaining('--allow-replace interconnect-aws-gcp'));
  });

  test('the links dropped from the saved output in the synth that allows the pair stacks: the istiods go back to the public gateways with that commit', () => {
    const { fleet, out, outputsDir } = appliedFleet();
    newGcpAddresses(outputsDir);
    fs.rmSync(path.join(outputsDir, 'interconnect-aws-gcp.json'));
    synth(fleet, { outDir: out, outputsDir, ...withCache, allowReplace: ['interconnect-aws-gcp', 'interconnect-azure-gcp'] });
    expect(gatewayTo(out, 'gcp-prod', 'aws-prod-net')).toBe(PUBLIC);
    expect(gatewayTo(out, 'aws-prod', 'gcp-prod-net')).toBe(PUBLIC);
  });

  test('an AWS virtual private gateway with a new id: not refused (terraform-provider-aws resourceVPNConnectionUpdate moves a VPN connection with ModifyVpnConnection), and the saved entry still carries mesh traffic', () => {
    const { fleet, out, outputsDir } = appliedFleet();
    save(outputsDir, 'aws-prod.json', (v) => {
      v.interconnect_vpn_gateway_id = { value: 'vgw-0feedfacecafe0001' };
    });
    synth(fleet, { outDir: out, outputsDir, ...withCache });
    const connections = Object.values(JSON.parse(readTree(out)['terraform/stacks/interconnect-aws-gcp/cdk.tf.json']).resource.aws_vpn_connection) as { vpn_gateway_id: string }[];
    expect(connections.map((c) => c.vpn_gateway_id)).toContain('vgw-0feedfacecafe0001');
    expect(gatewayTo(out, 'gcp-prod', 'aws-prod-net')).toBe(PRIVATE);
  });
});
