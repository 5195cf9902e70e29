import { fakeOutputs, testFleet } from '../../test/fleets';
import { resourcesOf, synthFleetStack } from '../../test/stack-fixture';
import { App } from './cdktf';
import { fleetClusterStack } from './cluster-stack';
import { resolveFleet } from '../fleet';

/*
 * The API's public endpoint on every cloud: off unless ranges are known; open only to the fleet's
 * apiAccess.publicCidrs and, on workload clusters, the management cluster's egress addresses.
 */
const MGMT_EGRESS = ['198.51.100.1/32', '198.51.100.2/32'];

function fleetWith(access?: unknown, management: 'aws' | 'gcp' | 'azure' = 'aws') {
  const f = testFleet(management);
  if (access) for (const c of f.clusters) c.apiAccess = access;
  // EKS workload clusters need an EKS management cluster (Argo CD's IAM role): leave them out otherwise.
  if (management !== 'aws') f.clusters = f.clusters.filter((c: { cloud: string; role: string }) => !(c.cloud === 'aws' && c.role === 'workload'));
  return f;
}

describe('API access: workload clusters once the management cluster\'s outputs exist', () => {
  const fleet = fleetWith({ publicCidrs: ['203.0.113.0/24'] });
  const outputs = fakeOutputs(fleet);

  test('EKS: public endpoint on, admitting the fleet\'s ranges and the management cluster\'s egress only', () => {
    const [cluster] = resourcesOf(synthFleetStack(fleet, 't-aws', outputs), 'aws_eks_cluster');
    expect(cluster.vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: [...MGMT_EGRESS, '203.0.113.0/24'] });
  });

  test('GKE: master authorized networks with the same ranges, no Google Cloud addresses, public endpoint on', () => {
    const [cluster] = resourcesOf(synthFleetStack(fleet, 't-gcp', outputs), 'google_container_cluster');
    expect(cluster.private_cluster_config.enable_private_endpoint).toBe(false);
    expect(cluster.master_authorized_networks_config).toEqual({
      gcp_public_cidrs_access_enabled: false,
      cidr_blocks: [...MGMT_EGRESS, '203.0.113.0/24'].map((c) => ({ cidr_block: c, display_name: c })),
    });
  });

  test('AKS: authorized IP ranges with the same ranges, through one local that the plan-time check reads too', () => {
    const tf = synthFleetStack(fleet, 't-azure', outputs);
    const [cluster] = resourcesOf(tf, 'azurerm_kubernetes_cluster');
    expect(cluster.private_cluster_enabled).toBe(false);
    const local = cluster.api_server_access_profile.authorized_ip_ranges.replace(/^\$\{local\.(.+)\}$/, '$1');
    expect(tf.locals[local]).toEqual([...MGMT_EGRESS, '203.0.113.0/24']);
    expect(cluster.lifecycle.precondition[0].condition).toBe(`\${length(local.${local}) > 0}`);
  });
});

describe('API access: private by default', () => {
  const fleet = fleetWith();

  test('EKS and GKE workload clusters have no public endpoint while the management cluster\'s outputs are missing, and say so', () => {
    const [eks] = resourcesOf(synthFleetStack(fleet, 't-aws'), 'aws_eks_cluster');
    expect(eks.vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: false });
    expect(eks.vpc_config.public_access_cidrs).toBeUndefined();
    const [gke] = resourcesOf(synthFleetStack(fleet, 't-gcp'), 'google_container_cluster');
    expect(gke.private_cluster_config.enable_private_endpoint).toBe(true);
    expect(gke.master_authorized_networks_config.cidr_blocks).toEqual([]);
  });

  test('an AKS workload cluster cannot be private (Argo CD reaches it over the internet): with no range known, its plan stops at the precondition', () => {
    const tf = synthFleetStack(fleet, 't-azure');
    const [cluster] = resourcesOf(tf, 'azurerm_kubernetes_cluster');
    expect(Object.values(tf.locals)).toEqual([[]]);
    expect(cluster.lifecycle.precondition[0].error_message).toMatch(/would be open to the whole internet/);
  });

  test('management clusters are private without ranges: EKS endpoint off, AKS a private cluster', () => {
    const [eks] = resourcesOf(synthFleetStack(fleet, 't-mgmt', fakeOutputs(fleet)), 'aws_eks_cluster');
    expect(eks.vpc_config.endpoint_public_access).toBe(false);
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
    expect(eks.vpc_config.public_access_cidrs).toEqual(['0.0.0.0/0', ...MGMT_EGRESS]);
  });
});

describe('the management cluster\'s static egress addresses are outputs, on every cloud', () => {
  test('EKS: the NAT gateways\' Elastic IPs', () => {
    const tf = synthFleetStack(fleetWith(), 't-mgmt');
    expect(tf.output.egress_cidrs.value).toEqual(resourcesOf(tf, 'aws_eip').map((_, i) => expect.stringMatching(new RegExp(`^\\$\\{aws_eip\\.network_nat-eu-west-1${'abc'[i]}-ip_[0-9A-F]+\\.public_ip\\}/32$`))));
    expect(resourcesOf(tf, 'aws_eip')).toHaveLength(3);
  });

  test('GKE: Cloud NAT on reserved addresses (MANUAL_ONLY), one per zone; workload clusters keep AUTO_ONLY', () => {
    const fleet = fleetWith(undefined, 'gcp');
    const tf = synthFleetStack(fleet, 't-mgmt');
    const addresses = resourcesOf(tf, 'google_compute_address');
    expect(addresses.map((a) => [a.name, a.address_type])).toEqual([['t-mgmt-net-nat-0', 'EXTERNAL'], ['t-mgmt-net-nat-1', 'EXTERNAL'], ['t-mgmt-net-nat-2', 'EXTERNAL']]);
    const [nat] = resourcesOf(tf, 'google_compute_router_nat');
    expect(nat.nat_ip_allocate_option).toBe('MANUAL_ONLY');
    expect(nat.nat_ips).toHaveLength(3);
    expect(tf.output.egress_cidrs.value).toEqual(addresses.map(() => expect.stringMatching(/^\$\{google_compute_address\..+\.address\}\/32$/)));
    expect(resourcesOf(synthFleetStack(fleet, 't-gcp', fakeOutputs(fleet)), 'google_compute_router_nat')[0].nat_ip_allocate_option).toBe('AUTO_ONLY');
  });

  test('AKS: a static Standard public IP as the load balancer\'s outbound IP, its control plane allowed to use it', () => {
    const tf = synthFleetStack(fleetWith(undefined, 'azure'), 't-mgmt');
    const [ip] = resourcesOf(tf, 'azurerm_public_ip');
    expect(ip).toMatchObject({ name: 't-mgmt-egress', allocation_method: 'Static', sku: 'Standard' });
    const [cluster] = resourcesOf(tf, 'azurerm_kubernetes_cluster');
    expect(cluster.network_profile.load_balancer_profile.outbound_ip_address_ids).toEqual([expect.stringMatching(/^\$\{azurerm_public_ip\..+\.id\}$/)]);
    expect(resourcesOf(tf, 'azurerm_role_assignment').filter((r) => r.role_definition_name === 'Network Contributor').map((r) => r.scope)).toContainEqual(expect.stringMatching(/azurerm_public_ip\..+\.id/));
    expect(tf.output.egress_cidrs.value).toEqual([expect.stringMatching(/^\$\{azurerm_public_ip\..+\.ip_address\}\/32$/)]);
  });

  test('workload clusters output no egress addresses', () => {
    const fleet = fleetWith();
    for (const name of ['t-aws', 't-gcp', 't-azure']) expect(synthFleetStack(fleet, name, fakeOutputs(fleet)).output.egress_cidrs).toBeUndefined();
  });
});
