import { Testing } from './cdktf';
import { AksCluster } from './aks-cluster';
import { AwsNetwork } from './aws-network';
import { AzureNetwork } from './azure-network';
import { EksCluster } from './eks-cluster';
import { GcpNetwork } from './gcp-network';
import { GkeCluster } from './gke-cluster';
import { AwsProvider } from './providers/aws';
import { AzurermProvider } from './providers/azurerm';
import { GoogleProvider } from './providers/google';

// Each construct in any user's cdktf stack, without the fleet: cdktf's own Testing helpers.
const pool = { name: 'spot', machineType: 'm7i.large', minSize: 0, maxSize: 5, spot: true, labels: {}, taints: [], diskSizeGb: 50 };

describe('lib/infra constructs on their own', () => {
  test('AwsNetwork + EksCluster', () => {
    const tf = Testing.synthScope((scope) => {
      new AwsProvider(scope, 'aws', { region: 'eu-west-1' });
      const net = new AwsNetwork(scope, 'net', { name: 'demo-net', clusterName: 'demo', cidr: '10.1.0.0/16', podCidr: '100.64.0.0/16', zones: ['eu-west-1a', 'eu-west-1b'] });
      new EksCluster(scope, 'eks', {
        clusterName: 'demo', kubernetesVersion: '1.34', region: 'eu-west-1', subnetIds: net.privateSubnets.map((s) => s.id), serviceCidr: '172.20.0.0/16',
        podSubnets: net.podSubnets.map((p) => ({ zone: p.zone, subnetId: p.subnet.id })),
        nodeSubnets: net.privateSubnets.map((s, i) => ({ zone: net.podSubnets[i].zone, subnetId: s.id })),
        nodePools: [pool], clusterRoleName: 'demo-cluster', nodeRoleName: 'demo-nodes',
      });
    });
    expect(Testing.toHaveResourceWithProperties(tf, 'aws_vpc', { cidr_block: '10.1.0.0/16' })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(tf, 'aws_eks_cluster', { name: 'demo', version: '1.34' })).toBe(true);
    // One group per zone, maxSize 5 over two zones: 3 and 2.
    expect(Testing.toHaveResourceWithProperties(tf, 'aws_eks_node_group', { capacity_type: 'SPOT', node_group_name_prefix: 'spot-a-', scaling_config: { min_size: 0, max_size: 3 } })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(tf, 'aws_eks_node_group', { capacity_type: 'SPOT', node_group_name_prefix: 'spot-b-', scaling_config: { min_size: 0, max_size: 2 } })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(tf, 'aws_kms_key', { enable_key_rotation: true })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(tf, 'aws_iam_role', { name: 'demo-nodes' })).toBe(true);
  });

  test('GcpNetwork + GkeCluster', () => {
    const tf = Testing.synthScope((scope) => {
      new GoogleProvider(scope, 'google', { project: 'demo-project', region: 'europe-west4' });
      const net = new GcpNetwork(scope, 'net', { name: 'demo-net', region: 'europe-west4', nodeCidr: '10.2.0.0/20', podCidr: '10.8.0.0/14', serviceCidr: '10.12.0.0/20' });
      new GkeCluster(scope, 'gke', {
        clusterName: 'demo', project: 'demo-project', region: 'europe-west4', zones: ['europe-west4-a'], kubernetesVersion: '1.34',
        networkId: net.network.id, subnetworkId: net.subnetwork.id, nodePools: [{ ...pool, machineType: 'e2-standard-4' }], controlPlaneCidr: '172.16.0.0/28',
        nodeServiceAccountId: 'demo-nodes', releaseChannel: 'STABLE',
      });
    });
    expect(Testing.toHaveResourceWithProperties(tf, 'google_container_cluster', { release_channel: { channel: 'STABLE' }, workload_identity_config: { workload_pool: 'demo-project.svc.id.goog' } })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(tf, 'google_container_node_pool', { autoscaling: { total_min_node_count: 0, total_max_node_count: 5 } })).toBe(true);
    expect(Testing.toHaveResource(tf, 'google_compute_router_nat')).toBe(true);
  });

  test('AzureNetwork + AksCluster', () => {
    const tf = Testing.synthScope((scope) => {
      new AzurermProvider(scope, 'azurerm', { features: [{}] });
      const net = new AzureNetwork(scope, 'net', { name: 'demo-net', resourceGroupName: 'demo-rg', location: 'westeurope', nodeCidr: '10.3.0.0/16' });
      new AksCluster(scope, 'aks', {
        clusterName: 'demo', resourceGroupName: net.resourceGroup.name, location: 'westeurope', zones: ['1'], kubernetesVersion: '1.34',
        nodeSubnetId: net.nodeSubnet.id, podCidr: '10.64.0.0/14', serviceCidr: '10.96.0.0/20', egressPublicIpName: 'demo-egress',
        nodePools: [{ ...pool, name: 'system', spot: false, minSize: 1, machineType: 'Standard_D4s_v5' }, { ...pool, machineType: 'Standard_D4s_v5' }],
      });
    });
    expect(Testing.toHaveResourceWithProperties(tf, 'azurerm_kubernetes_cluster', { oidc_issuer_enabled: true, network_profile: { network_plugin_mode: 'overlay', dns_service_ip: '10.96.0.10' } })).toBe(true);
    expect(Testing.toHaveResourceWithProperties(tf, 'azurerm_kubernetes_cluster_node_pool', { priority: 'Spot', eviction_policy: 'Delete' })).toBe(true);
  });
});
