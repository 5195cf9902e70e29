import { fakeOutputs, fakeOutputsWithAddons, fakeStackOutputsWithAddons, renderWithAddons, testFleet } from '../../test/fleets';
import { fullTestFleet } from '../../test/full-fleet';
import { synthFleetStack } from '../../test/stack-fixture';
import { clusterAutoscalerRoleName } from '../addons/cluster-autoscaler';
import { globalDnsCloudNames } from '../addons/global-dns/names';
import { interconnectCloudNames } from '../addons/interconnect/names';
import { clusterCloudNames, gkeArgocdFederationCloudNames } from '../fleet';

/*
 * The names validation checks (lib/fleet/cloud-names.ts) are the names the stacks emit: every name
 * attribute of every resource type is either derived there, or the type is listed as having none.
 */
const NAME_ATTRIBUTES: Record<string, string[]> = {
  aws_eks_cluster: ['name'],
  aws_eks_node_group: ['node_group_name_prefix'],
  aws_iam_role: ['name'],
  aws_kms_alias: ['name'],
  google_container_cluster: ['name'],
  google_container_node_pool: ['name'],
  google_service_account: ['account_id'],
  google_compute_network: ['name'],
  google_compute_subnetwork: ['name'],
  google_compute_router: ['name'],
  google_compute_router_nat: ['name'],
  google_compute_firewall: ['name'],
  google_compute_address: ['name'],
  google_iam_workload_identity_pool: ['workload_identity_pool_id'],
  google_iam_workload_identity_pool_provider: ['workload_identity_pool_provider_id'],
  azurerm_resource_group: ['name'],
  azurerm_virtual_network: ['name'],
  azurerm_subnet: ['name'],
  azurerm_kubernetes_cluster: ['name', 'dns_prefix', 'default_node_pool.name'],
  azurerm_kubernetes_cluster_node_pool: ['name'],
  azurerm_user_assigned_identity: ['name'],
  azurerm_public_ip: ['name'],
  // The interconnect's (lib/addons/interconnect/names.ts).
  google_compute_ha_vpn_gateway: ['name'],
  google_compute_external_vpn_gateway: ['name'],
  google_compute_vpn_tunnel: ['name'],
  google_compute_router_interface: ['name'],
  google_compute_router_peer: ['name'],
  azurerm_virtual_network_gateway: ['name'],
  azurerm_local_network_gateway: ['name'],
  azurerm_virtual_network_gateway_connection: ['name'],
};
// Resource types whose only names are fixed strings in lib/infra (a policy name, a federated credential
// named after Argo CD's service account) or that have none at all.
const UNNAMED = new Set([
  'aws_autoscaling_group_tag', 'aws_eip', 'aws_eks_access_entry', 'aws_eks_access_policy_association', 'aws_eks_addon', 'aws_eks_pod_identity_association',
  'aws_iam_openid_connect_provider', 'aws_iam_role_policy', 'aws_iam_role_policy_attachment', 'aws_internet_gateway', 'aws_kms_key', 'aws_nat_gateway',
  'aws_route', 'aws_route_table', 'aws_route_table_association', 'aws_subnet', 'aws_vpc', 'aws_vpc_ipv4_cidr_block_association',
  'google_project_iam_member', 'google_project_service', 'google_service_account_iam_member',
  'azurerm_federated_identity_credential', 'azurerm_role_assignment',
  // The in-cluster binding of Argo CD's Google identity: a fixed Kubernetes name, `fleetsynth-argocd`.
  'kubernetes_cluster_role_binding_v1',
  // The interconnect's AWS ends (Name tags only) and its pre-shared keys; global DNS's health checks (Name tags only).
  'aws_vpn_gateway', 'aws_vpn_gateway_route_propagation', 'aws_customer_gateway', 'aws_vpn_connection', 'random_password', 'aws_route53_health_check',
  // An EKS cluster's control-plane log group: the name EKS sends to, /aws/eks/<cluster>/cluster; a valid cluster name
  // (letters, digits, - and _, at most 100) always makes a valid group name (CloudWatch: [.-_/#A-Za-z0-9], at most 512).
  'aws_cloudwatch_log_group',
  // A node pool's launch template: name_prefix <cluster>-<pool>-, which a valid cluster name (a DNS label) and EKS pool name
  // (at most 34, for its groups' name prefix) always make valid (the provider: [0-9A-Za-z()./_-], at most 99; EksNodeLaunchTemplate checks).
  'aws_launch_template',
  // Global DNS's records: named by the endpoint's host as written (an EKS member's own, <cluster>._members.<host>), which global DNS checks itself (a DNS name in its zone).
  'aws_route53_record',
]);
// The secrets service's stack: Vault's objects (mounts, auth roles, policies), not a cloud's.
const notACloud = (type: string) => type.startsWith('vault_');

const get = (body: any, attr: string) => attr.split('.').reduce((v, k) => v?.[k], body);

describe('the names validation checks are the names the stacks emit', () => {
  for (const management of ['aws', 'gcp', 'azure'] as const) {
    test(`fleet managed from ${management}: every emitted name is derived by the naming table, and every derived name is emitted`, () => {
      const f = testFleet(management);
      const outputs = fakeOutputs(f);
      const derived = new Set(
        f.clusters.flatMap((c: any) => [
          ...clusterCloudNames(c, f.name),
          ...gkeArgocdFederationCloudNames(c),
          ...(c.cloud === 'aws' ? [{ rule: 'iamRoleName', value: clusterAutoscalerRoleName(c) }] : []),
        ]).filter((n: any) => !['kubernetesLabelValue', 'gcpLabelValue'].includes(n.rule)).map((n: any) => n.value),
      );
      const emitted = new Set<string>();
      for (const c of f.clusters) {
        const tf = synthFleetStack(f, c.name, outputs);
        for (const [type, bodies] of Object.entries(tf.resource as Record<string, Record<string, any>>)) {
          if (!NAME_ATTRIBUTES[type]) {
            expect({ type, listed: UNNAMED.has(type) }).toEqual({ type, listed: true });
            continue;
          }
          for (const body of Object.values(bodies)) for (const attr of NAME_ATTRIBUTES[type]) emitted.add(get(body, attr));
        }
      }
      expect([...emitted].filter((n) => !derived.has(n)).sort()).toEqual([]);
      expect([...derived].filter((n) => !emitted.has(n)).sort()).toEqual([]);
    });
  }
});

describe('with every platform service on (fullTestFleet: interconnect, global DNS, secrets, observability)', () => {
  test('every name any stack emits (cluster, interconnect-<pair>, global-dns) is derived by the naming table, and every derived name is emitted', () => {
    const f = fullTestFleet();
    const derived = new Set(
      [
        ...f.clusters.flatMap((c: any) => [
          ...clusterCloudNames(c, f.name),
          ...gkeArgocdFederationCloudNames(c),
          ...(c.cloud === 'aws' ? [{ rule: 'iamRoleName', value: clusterAutoscalerRoleName(c) }] : []),
        ]),
        ...interconnectCloudNames(f),
        ...globalDnsCloudNames(f),
      ].filter((n: any) => !['kubernetesLabelValue', 'gcpLabelValue'].includes(n.rule)).map((n: any) => n.value),
    );
    const { stacks, heldBack } = renderWithAddons(f, fakeOutputsWithAddons(f), fakeStackOutputsWithAddons(f));
    expect(heldBack).toEqual([]);
    expect(Object.keys(stacks)).toEqual(expect.arrayContaining(['global-dns', 'interconnect-aws-azure', 'interconnect-aws-gcp', 'interconnect-azure-gcp']));
    const emitted = new Set<string>();
    for (const tf of Object.values(stacks)) {
      for (const [type, bodies] of Object.entries((tf.resource ?? {}) as Record<string, Record<string, any>>)) {
        if (!NAME_ATTRIBUTES[type]) {
          expect({ type, listed: UNNAMED.has(type) || notACloud(type) }).toEqual({ type, listed: true });
          continue;
        }
        for (const body of Object.values(bodies)) for (const attr of NAME_ATTRIBUTES[type]) emitted.add(get(body, attr));
      }
    }
    expect([...emitted].filter((n) => !derived.has(n)).sort()).toEqual([]);
    expect([...derived].filter((n) => !emitted.has(n)).sort()).toEqual([]);
  });
});
