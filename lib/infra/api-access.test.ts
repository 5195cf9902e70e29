import { fakeOutputs, renderWithAddons, testFleet, testFleetWithSecrets } from '../../test/fleets';
import { resourcesOf, synthFleetStack } from '../../test/stack-fixture';
import { App } from './cdktf';
import { fleetClusterStack } from './cluster-stack';
import { resolveFleet } from '../fleet';

/*
 * The API's public endpoint on every cloud: open only to the fleet's apiAccess.publicCidrs and the
 * static egress of the API's clients (Argo CD on the management cluster; with the mesh, every
 * peer's istiod), plus the cluster's own egress once it has clients; off when it has none.
 */
const MGMT_EGRESS = ['198.51.100.1/32', '198.51.100.2/32'];
const OWN = {
  aws: /^\$\{aws_eip\.network_nat-.+\.public_ip\}\/32$/,
  gcp: /^\$\{google_compute_address\.network_nat-address-\d_[0-9A-F]+\.address\}\/32$/,
  azure: /^\$\{azurerm_public_ip\.aks_egress_[0-9A-F]+\.ip_address\}\/32$/,
};
/** In address order, as the stacks list them (all in 198.51.100.0/24 here). */
const byAddress = (cidrs: string[]) => [...cidrs].sort((a, b) => Number(a.split(/[./]/)[3]) - Number(b.split(/[./]/)[3]));
const own = (cloud: keyof typeof OWN, n: number) => Array.from({ length: n }, () => expect.stringMatching(OWN[cloud]));

function fleetWith(access?: unknown, management: 'aws' | 'gcp' | 'azure' = 'aws', mesh = false) {
  const f = mesh ? testFleetWithSecrets(management) : testFleet(management);
  if (access) for (const c of f.clusters) c.apiAccess = access;
  // EKS workload clusters need an EKS management cluster (Argo CD's IAM role): leave them out otherwise.
  if (management !== 'aws') f.clusters = f.clusters.filter((c: { cloud: string; role: string }) => !(c.cloud === 'aws' && c.role === 'workload'));
  return f;
}

describe('API access: workload clusters once the management cluster\'s outputs exist', () => {
  const fleet = fleetWith({ publicCidrs: ['203.0.113.0/24'] });
  const outputs = fakeOutputs(fleet);

  test('EKS: public endpoint on, admitting the fleet\'s ranges, the management cluster\'s egress and its own NAT addresses only', () => {
    const [cluster] = resourcesOf(synthFleetStack(fleet, 't-aws', outputs), 'aws_eks_cluster');
    expect(cluster.vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: [...MGMT_EGRESS, '203.0.113.0/24', ...own('aws', 3)] });
  });

  test('GKE: master authorized networks with the same ranges, no Google Cloud addresses, public endpoint on', () => {
    const [cluster] = resourcesOf(synthFleetStack(fleet, 't-gcp', outputs), 'google_container_cluster');
    expect(cluster.private_cluster_config.enable_private_endpoint).toBe(false);
    expect(cluster.master_authorized_networks_config.gcp_public_cidrs_access_enabled).toBe(false);
    expect(cluster.master_authorized_networks_config.cidr_blocks.map((b: { cidr_block: string }) => b.cidr_block)).toEqual([...MGMT_EGRESS, '203.0.113.0/24', ...own('gcp', 3)]);
  });

  test('GKE: a client\'s egress address is named after the client, a range the fleet lists by itself (the pipeline\'s range guard tells them apart)', () => {
    const [cluster] = resourcesOf(synthFleetStack(fleet, 't-gcp', outputs), 'google_container_cluster');
    const names = cluster.master_authorized_networks_config.cidr_blocks.slice(0, 3).map((b: { display_name: string }) => b.display_name);
    expect(names).toEqual(['egress of t-mgmt', 'egress of t-mgmt', '203.0.113.0/24']);
  });

  test('AKS: authorized IP ranges with the same ranges, through one local that the plan-time check reads too', () => {
    const tf = synthFleetStack(fleet, 't-azure', outputs);
    const [cluster] = resourcesOf(tf, 'azurerm_kubernetes_cluster');
    expect(cluster.private_cluster_enabled).toBe(false);
    const local = cluster.api_server_access_profile.authorized_ip_ranges.replace(/^\$\{local\.(.+)\}$/, '$1');
    expect(tf.locals[local]).toEqual([...MGMT_EGRESS, '203.0.113.0/24', ...own('azure', 1)]);
    expect(cluster.lifecycle.precondition[0].condition).toBe(`\${length(local.${local}) > 0}`);
  });
});

describe('API access before the management cluster\'s outputs exist', () => {
  const fleet = fleetWith();

  test('EKS and GKE workload clusters admit only their own egress meanwhile, and say what they wait for', () => {
    const [eks] = resourcesOf(synthFleetStack(fleet, 't-aws'), 'aws_eks_cluster');
    expect(eks.vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: own('aws', 3) });
    const [gke] = resourcesOf(synthFleetStack(fleet, 't-gcp'), 'google_container_cluster');
    expect(gke.private_cluster_config.enable_private_endpoint).toBe(false);
    expect(gke.master_authorized_networks_config.cidr_blocks.map((b: { cidr_block: string }) => b.cidr_block)).toEqual(own('gcp', 3));
  });

  test('an AKS workload cluster is public (Argo CD reaches it over the internet), its list never empty: its own outbound IP at least', () => {
    const tf = synthFleetStack(fleet, 't-azure');
    const [cluster] = resourcesOf(tf, 'azurerm_kubernetes_cluster');
    expect(cluster.private_cluster_enabled).toBe(false);
    expect(Object.values(tf.locals)).toEqual([own('azure', 1)]);
    // The precondition stays as the guard should the list ever be empty (AKS reads that as "everyone").
    expect(cluster.lifecycle.precondition[0].error_message).toMatch(/would be open to the whole internet/);
  });

  test('management clusters without clients are private without ranges: EKS endpoint off, GKE private endpoint, AKS a private cluster', () => {
    const [eks] = resourcesOf(synthFleetStack(fleet, 't-mgmt', fakeOutputs(fleet)), 'aws_eks_cluster');
    expect(eks.vpc_config.endpoint_public_access).toBe(false);
    expect(eks.vpc_config.public_access_cidrs).toBeUndefined();
    const gcp = fleetWith(undefined, 'gcp');
    const [gke] = resourcesOf(synthFleetStack(gcp, 't-mgmt', fakeOutputs(gcp)), 'google_container_cluster');
    expect(gke.private_cluster_config.enable_private_endpoint).toBe(true);
    expect(gke.master_authorized_networks_config.cidr_blocks).toEqual([]);
    const azure = fleetWith(undefined, 'azure');
    const [aks] = resourcesOf(synthFleetStack(azure, 't-mgmt', fakeOutputs(azure)), 'azurerm_kubernetes_cluster');
    expect(aks.private_cluster_enabled).toBe(true);
    expect(aks.api_server_access_profile).toBeUndefined();
  });

  test('a workload stack lists the missing management egress as held back', () => {
    const resolved = resolveFleet(fleet);
    const stack = fleetClusterStack(new App({ stackTraces: false }), resolved, resolved.clusters.find((c) => c.name === 't-aws')!, new Map());
    expect(stack.heldBack).toEqual([expect.objectContaining({ subject: 't-aws', waitingFor: 'output egress_cidrs in terraform-outputs/t-mgmt.json' })]);
  });

  test('the whole internet only when the fleet says so', () => {
    const open = fleetWith({ publicCidrs: ['0.0.0.0/0'], allowWholeInternet: true });
    const [eks] = resourcesOf(synthFleetStack(open, 't-aws', fakeOutputs(open)), 'aws_eks_cluster');
    expect(eks.vpc_config.public_access_cidrs).toEqual(['0.0.0.0/0', ...MGMT_EGRESS, ...own('aws', 3)]);
  });
});

describe('API access with the mesh: every istiod reads every peer\'s API (remote secrets)', () => {
  test.each(['aws', 'gcp', 'azure'] as const)('management cluster on %s: public from the first apply, admitting its own egress, then every peer\'s as its outputs arrive', (cloud) => {
    const fleet = fleetWith(undefined, cloud, true);
    const ranges = (tf: any): unknown[] => {
      if (cloud === 'aws') return resourcesOf(tf, 'aws_eks_cluster')[0].vpc_config.public_access_cidrs;
      if (cloud === 'gcp') return resourcesOf(tf, 'google_container_cluster')[0].master_authorized_networks_config.cidr_blocks.map((b: { cidr_block: string }) => b.cidr_block);
      return Object.values(tf.locals)[0] as unknown[];
    };
    const first = synthFleetStack(fleet, 't-mgmt');
    expect(ranges(first)).toEqual(own(cloud, cloud === 'azure' ? 1 : 3));
    if (cloud === 'azure') expect(resourcesOf(first, 'azurerm_kubernetes_cluster')[0].private_cluster_enabled).toBe(false);
    if (cloud === 'gcp') expect(resourcesOf(first, 'google_container_cluster')[0].private_cluster_config.enable_private_endpoint).toBe(false);
    const outputs = fakeOutputs(fleet);
    const peers = fleet.clusters.filter((c: { name: string }) => c.name !== 't-mgmt').flatMap((c: { name: string }) => outputs.get(c.name)!.values!.egress_cidrs as string[]);
    expect(ranges(synthFleetStack(fleet, 't-mgmt', outputs))).toEqual([...byAddress(peers), ...own(cloud, cloud === 'azure' ? 1 : 3)]);
  });

  test('a workload cluster admits the management cluster and every peer; each missing one is held back', () => {
    const fleet = fleetWith(undefined, 'aws', true);
    const outputs = fakeOutputs(fleet);
    const [eks] = resourcesOf(synthFleetStack(fleet, 't-aws', outputs), 'aws_eks_cluster');
    const others = ['t-azure', 't-gcp', 't-mgmt'].flatMap((n) => outputs.get(n)!.values!.egress_cidrs as string[]);
    expect(eks.vpc_config.public_access_cidrs).toEqual([...byAddress(others), ...own('aws', 3)]);
    const { heldBack } = renderWithAddons(fleet, new Map([['t-mgmt', outputs.get('t-mgmt')!]]));
    expect(heldBack.filter((h) => h.subject === 't-aws' && /API access list/.test(h.what)).map((h) => h.what)).toEqual([
      'the egress addresses of t-azure (istiod endpoint discovery) in the API access list',
      'the egress addresses of t-gcp (istiod endpoint discovery) in the API access list',
    ]);
  });

  test('an allow list over the cloud\'s limit fails synth at the cluster\'s apiAccess, before anything is written', () => {
    const fleet = fleetWith(undefined, 'aws', true);
    (fleet.clusters.find((c: { name: string }) => c.name === 't-aws') as any).apiAccess = { publicCidrs: Array.from({ length: 34 }, (_, i) => `203.0.${i}.0/24`) };
    expect(() => renderWithAddons(fleet)).toThrow(/clusters\[t-aws\]\.apiAccess\.publicCidrs.*more than EKS accepts/s);
  });
});

describe('every cluster\'s static egress addresses are outputs, on every cloud', () => {
  test('EKS: the NAT gateways\' Elastic IPs', () => {
    for (const name of ['t-mgmt', 't-aws']) {
      const tf = synthFleetStack(fleetWith(), name);
      expect(tf.output.egress_cidrs.value).toEqual(resourcesOf(tf, 'aws_eip').map((_, i) => expect.stringMatching(new RegExp(`^\\$\\{aws_eip\\.network_nat-eu-west-1${'abc'[i]}-ip_[0-9A-F]+\\.public_ip\\}/32$`))));
      expect(resourcesOf(tf, 'aws_eip')).toHaveLength(3);
    }
  });

  test('GKE: Cloud NAT on reserved addresses (MANUAL_ONLY), one per zone, workload clusters too', () => {
    const fleet = fleetWith(undefined, 'gcp');
    for (const name of ['t-mgmt', 't-gcp']) {
      const tf = synthFleetStack(fleet, name);
      const addresses = resourcesOf(tf, 'google_compute_address');
      expect(addresses.map((a) => [a.name, a.address_type])).toEqual([0, 1, 2].map((i) => [`${name}-net-nat-${i}`, 'EXTERNAL']));
      const [nat] = resourcesOf(tf, 'google_compute_router_nat');
      expect(nat.nat_ip_allocate_option).toBe('MANUAL_ONLY');
      expect(nat.nat_ips).toHaveLength(3);
      expect(tf.output.egress_cidrs.value).toEqual(addresses.map(() => expect.stringMatching(/^\$\{google_compute_address\..+\.address\}\/32$/)));
    }
  });

  test('AKS: a static Standard public IP as the load balancer\'s outbound IP, its control plane allowed to use it', () => {
    const fleet = fleetWith(undefined, 'azure');
    for (const name of ['t-mgmt', 't-azure']) {
      const tf = synthFleetStack(fleet, name);
      const [ip] = resourcesOf(tf, 'azurerm_public_ip');
      expect(ip).toMatchObject({ name: `${name}-egress`, allocation_method: 'Static', sku: 'Standard' });
      const [cluster] = resourcesOf(tf, 'azurerm_kubernetes_cluster');
      expect(cluster.network_profile.load_balancer_profile.outbound_ip_address_ids).toEqual([expect.stringMatching(/^\$\{azurerm_public_ip\..+\.id\}$/)]);
      expect(resourcesOf(tf, 'azurerm_role_assignment').filter((r) => r.role_definition_name === 'Network Contributor').map((r) => r.scope)).toContainEqual(expect.stringMatching(/azurerm_public_ip\..+\.id/));
      expect(tf.output.egress_cidrs.value).toEqual([expect.stringMatching(/^\$\{azurerm_public_ip\..+\.ip_address\}\/32$/)]);
    }
  });
});
