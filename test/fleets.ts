import type { Fleet } from '../lib/addons';
import * as path from 'path';
import { fleetAddons } from '../lib/addons/fleet-addons';
import { Cloud, ClusterOutputs, FleetError, HeldBack, resolveFleet } from '../lib/fleet';
import { renderFleet } from '../lib/synth/render-fleet';
import { tempDir, writeTree } from './tree';

/*
 * Fleets for the project's own tests, independent of the example in apps/fleet.ts (which users
 * edit): a management cluster and one workload cluster per cloud, small and valid, built fresh on
 * every call so tests can change them.
 */

const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----\n').toString('base64');

const SHAPES: Record<Cloud, { region: string; machineType: string; project?: string }> = {
  aws: { region: 'eu-west-1', machineType: 'm7i.large' },
  gcp: { region: 'europe-west4', machineType: 'e2-standard-4', project: 'test-fleet-project' },
  azure: { region: 'westeurope', machineType: 'Standard_D4s_v5' },
};

/** A cluster of `cloud` whose ranges are numbered by `n` (1-based), so that no two overlap. */
export function testCluster(name: string, cloud: Cloud, n: number, role: 'management' | 'workload' = 'workload'): any {
  const shape = SHAPES[cloud];
  return {
    name,
    cloud,
    region: shape.region,
    kubernetesVersion: '1.35',
    role,
    labels: { env: 'test' },
    network: { nodeCidr: `10.${n * 8}.0.0/16`, podCidr: `10.${n * 8 + 4}.0.0/16`, serviceCidr: `172.${16 + n}.0.0/16` },
    nodePools: [{ name: 'system', machineType: shape.machineType, minSize: 1, maxSize: 3 }],
    ...(shape.project ? { project: shape.project } : {}),
  };
}

/** Management on `management` (default AWS), and one workload cluster per cloud: `t-mgmt`, `t-aws`, `t-gcp`, `t-azure`. */
export function testFleet(management: Cloud = 'aws'): Fleet & { clusters: any[] } {
  return {
    name: 'test-fleet',
    gitops: { repoURL: 'https://git.example.com/platform/gitops.git' },
    clusters: [
      testCluster('t-mgmt', management, 1, 'management'),
      testCluster('t-aws', 'aws', 2),
      testCluster('t-gcp', 'gcp', 3),
      testCluster('t-azure', 'azure', 4),
    ],
  };
}

/** Deterministic Terraform outputs for every cluster of a fleet, as if every stack had been applied. */
export function fakeOutputs(fleet: { clusters: readonly { name: string; cloud: Cloud; role: string; region: string; project?: string }[] }): Map<string, ClusterOutputs> {
  return new Map(
    fleet.clusters.map((c, i) => {
      const id = `${(i + 1).toString(16).padStart(6, '0').toUpperCase()}`;
      const common = { clusterName: c.name, caCertificate: CA };
      const byCloud: Record<Cloud, Omit<ClusterOutputs, 'clusterName' | 'caCertificate'>> = {
        aws: { endpoint: `https://${id}.gr7.${c.region}.eks.amazonaws.com`, oidcIssuer: `https://oidc.eks.${c.region}.amazonaws.com/id/${id}`, ...(c.role === 'workload' ? { argocdIdentity: `arn:aws:iam::111122223333:role/${c.name}-argocd` } : {}) },
        gcp: { endpoint: `https://10.250.0.${i + 1}`, oidcIssuer: `https://container.googleapis.com/v1/projects/${c.project}/locations/${c.region}/clusters/${c.name}`, ...(c.role === 'workload' ? { argocdIdentity: `${c.name}-argocd@${c.project}.iam.gserviceaccount.com` } : {}) },
        azure: { endpoint: `https://${c.name}-${id.toLowerCase()}.hcp.${c.region}.azmk8s.io:443`, oidcIssuer: `https://${c.region}.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/${id}/`, tenantId: '00000000-0000-0000-0000-000000000000', ...(c.role === 'workload' ? { argocdIdentity: `00000000-0000-0000-0000-${id.padStart(12, '0').toLowerCase()}` } : {}) },
      };
      return [c.name, { ...common, ...byCloud[c.cloud] }];
    }),
  );
}

/** A folder of `<cluster>.json` files in the shape `terraform output -json` prints, for synth's `outputsDir`. */
export function outputsFolder(outputs: ReadonlyMap<string, ClusterOutputs>, extra: Record<string, Record<string, unknown>> = {}): string {
  const dir = path.join(tempDir(), 'terraform-outputs');
  const entry = (value: unknown) => ({ sensitive: false, type: typeof value === 'string' ? 'string' : 'dynamic', value });
  const files: Record<string, string> = {};
  for (const [name, o] of outputs) {
    files[`${name}.json`] = JSON.stringify({
      cluster_name: entry(o.clusterName),
      cluster_endpoint: entry(o.endpoint),
      cluster_ca_certificate: entry(o.caCertificate),
      oidc_issuer_url: entry(o.oidcIssuer),
      ...(o.argocdIdentity ? { argocd_identity: entry(o.argocdIdentity) } : {}),
      ...(o.tenantId ? { tenant_id: entry(o.tenantId) } : {}),
      ...Object.fromEntries(Object.entries(o.values ?? {}).map(([k, v]) => [k, entry(v)])),
    });
  }
  for (const [stack, values] of Object.entries(extra)) files[`${stack}.json`] = JSON.stringify(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, entry(v)])));
  writeTree(dir, files);
  return dir;
}

/**
 * `fakeOutputs` plus what the interconnect and global-dns add-ons declare in each cluster's stack
 * (gateway ids, public IPs from the documentation ranges of RFC 5737), as if every stack had been
 * applied with both add-ons on.
 */
export function fakeOutputsWithAddons(fleet: { clusters: readonly { name: string; cloud: Cloud; role: string; region: string; project?: string; zones?: readonly string[] }[] }): Map<string, ClusterOutputs> {
  const base = fakeOutputs(fleet);
  return new Map(
    fleet.clusters.map((c, i) => {
      const n = i + 1;
      const zones = c.zones?.length ?? 3;
      const byCloud: Record<Cloud, Record<string, string>> = {
        aws: {
          interconnect_vpn_gateway_id: `vgw-0${n}a1b2c3d4e5f6a7b8`,
          global_dns_ingress_ips: Array.from({ length: zones }, (_, z) => `198.51.100.${n * 10 + z}`).join(','),
          global_dns_ingress_eip_allocations: Array.from({ length: zones }, (_, z) => `eipalloc-0${n}${z}b2c3d4e5f6a7b8`).join(','),
        },
        gcp: {
          interconnect_ha_vpn_gateway: `https://www.googleapis.com/compute/v1/projects/${c.project}/regions/${c.region}/vpnGateways/${c.name}-net-vpn`,
          interconnect_router: `${c.name}-net-vpn-router`,
          interconnect_ha_vpn_ip_0: `203.0.113.${n * 10}`,
          interconnect_ha_vpn_ip_1: `203.0.113.${n * 10 + 1}`,
          global_dns_ingress_ips: `203.0.113.${n * 10 + 5}`,
        },
        azure: {
          interconnect_vpn_gateway_id: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${c.name}-rg/providers/Microsoft.Network/virtualNetworkGateways/${c.name}-vpn`,
          interconnect_vpn_gateway_ip_0: `192.0.2.${n * 10}`,
          interconnect_vpn_gateway_ip_1: `192.0.2.${n * 10 + 1}`,
          global_dns_ingress_ips: `192.0.2.${n * 10 + 5}`,
        },
      };
      const o = base.get(c.name)!;
      return [c.name, { ...o, values: { ...(o.values ?? {}), ...byCloud[c.cloud] } }];
    }),
  );
}

/**
 * Renders a fleet with its add-ons in memory, as synth does before its checks: every file by path
 * (Terraform stacks parsed), and what was held back. Throws the FleetError of a bad fleet.
 */
export function renderWithAddons(fleet: unknown, outputs: ReadonlyMap<string, ClusterOutputs> = new Map()): { files: Record<string, string>; stacks: Record<string, any>; heldBack: readonly HeldBack[] } {
  const { addons, problems } = fleetAddons(fleet);
  if (problems.length > 0) throw new FleetError(problems);
  const rendered = renderFleet(resolveFleet(fleet), { outputs, addons });
  const files = Object.fromEntries(rendered.files.map((f) => [f.path, f.content]));
  const stacks = Object.fromEntries(rendered.files.filter((f) => f.path.endsWith('cdk.tf.json')).map((f) => [f.path.split('/')[2], JSON.parse(f.content)]));
  return { files, stacks, heldBack: rendered.heldBack };
}
