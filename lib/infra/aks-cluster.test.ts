import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { resourcesOf, synthExampleStack } from '../../test/stack-fixture';
import { resolveFleet } from '../fleet';

describe('AKS stack (azure-prod)', () => {
  const tf = synthExampleStack('azure-prod');

  test('resource group, VNet and node subnet from the fleet', () => {
    expect(resourcesOf(tf, 'azurerm_resource_group')[0]).toMatchObject({ name: 'azure-prod-rg', location: 'eastus' });
    expect(resourcesOf(tf, 'azurerm_virtual_network')[0]).toMatchObject({ name: 'azure-prod-net', address_space: ['10.30.0.0/16'] });
  });

  test('OIDC issuer, workload identity, CNI overlay on the fleet\'s ranges, user-assigned control-plane identity, Entra RBAC', () => {
    expect(resourcesOf(tf, 'azurerm_kubernetes_cluster')[0]).toMatchObject({
      name: 'azure-prod',
      kubernetes_version: '1.35',
      oidc_issuer_enabled: true,
      workload_identity_enabled: true,
      local_account_disabled: true,
      identity: { type: 'UserAssigned' },
      network_profile: { network_plugin: 'azure', network_plugin_mode: 'overlay', pod_cidr: '10.32.0.0/14', service_cidr: '172.23.0.0/20', dns_service_ip: '172.23.0.10' },
      azure_active_directory_role_based_access_control: { azure_rbac_enabled: true },
      default_node_pool: { name: 'system', vm_size: 'Standard_D4s_v5', auto_scaling_enabled: true, min_count: 2, max_count: 4 },
    });
  });

  test('nodes are patched by AKS: a new node image every week (node_os_upgrade_channel NodeImage), the minor\'s Kubernetes patches (automatic_upgrade_channel patch), in no maintenance window of ours', () => {
    // None or Unmanaged would leave a node's image as it was created (AKS docs, "Auto-upgrade node OS images").
    const [cluster] = resourcesOf(tf, 'azurerm_kubernetes_cluster');
    expect(cluster).toMatchObject({ node_os_upgrade_channel: 'NodeImage', automatic_upgrade_channel: 'patch' });
    expect(cluster).not.toHaveProperty('maintenance_window_node_os');
    expect(cluster).not.toHaveProperty('maintenance_window_auto_upgrade');
  });

  test('user pools: Spot priority with Delete eviction, autoscaling, fleet taints plus the spot taint AKS adds', () => {
    const [spot] = resourcesOf(tf, 'azurerm_kubernetes_cluster_node_pool');
    expect(spot).toMatchObject({
      name: 'spot',
      mode: 'User',
      priority: 'Spot',
      eviction_policy: 'Delete',
      spot_max_price: -1,
      auto_scaling_enabled: true,
      min_count: 0,
      max_count: 20,
      node_taints: ['capacity=spot:PreferNoSchedule', 'kubernetes.azure.com/scalesetpriority=spot:NoSchedule'],
    });
  });

  test('a regular user pool states max_surge 10%, what AKS reports back from 1.32 on, so the plan after the apply is empty; a spot pool none', () => {
    // GIVEN azure-prod with a regular (not spot) user pool beside its spot pool
    const f = fullFleet();
    const pools = clusterOf(f, 'azure-prod').nodePools;
    pools.push({ ...pools[1], name: 'batch', spot: false });
    // WHEN
    const userPools = resourcesOf(synthExampleStack('azure-prod', new Map(), resolveFleet(f)), 'azurerm_kubernetes_cluster_node_pool');
    // THEN azurerm reads the surge AKS defaults into an Optional, not Computed, block (v4.55.0
    // kubernetes_cluster_node_pool_resource.go flattenAgentPoolUpgradeSettings): unstated, every plan removes it
    expect(Object.fromEntries(userPools.map((p) => [p.name, p.upgrade_settings]))).toEqual({ batch: { max_surge: '10%' }, spot: undefined });
  });

  test('each pool has a temporary name for rotation (azurerm cycles a pool through it to change vm_size, os_disk_size_gb or zones)', () => {
    const cluster = resourcesOf(tf, 'azurerm_kubernetes_cluster')[0];
    const pools = resourcesOf(tf, 'azurerm_kubernetes_cluster_node_pool');
    expect(pools.map((p) => [p.name, p.temporary_name_for_rotation])).toEqual([['spot', 'spottmp']]);
    expect(cluster.default_node_pool.temporary_name_for_rotation).toBe('rotating');
  });

  test('temporary names with several user pools: valid, distinct from every pool name and from each other, whatever the pools\' order', () => {
    // GIVEN azure-prod with more user pools, names up to the 12 characters AKS allows
    const f = fullFleet();
    const pools = clusterOf(f, 'azure-prod').nodePools;
    pools.push({ ...pools[1], name: 'batch' }, { ...pools[1], name: 'gpupoolsmall' }, { ...pools[1], name: 'gpupool' });
    const temporaryNames = (fleet: unknown) => {
      const stack = synthExampleStack('azure-prod', new Map(), resolveFleet(fleet));
      const userPools = resourcesOf(stack, 'azurerm_kubernetes_cluster_node_pool');
      const defaultPool = resourcesOf(stack, 'azurerm_kubernetes_cluster')[0].default_node_pool;
      return new Map([defaultPool, ...userPools].map((p) => [p.name as string, p.temporary_name_for_rotation as string]));
    };
    // WHEN
    const names = temporaryNames(f);
    pools.reverse();
    const reversed = temporaryNames(f);
    // THEN
    expect([...names.keys()].sort()).toEqual(['batch', 'gpupool', 'gpupoolsmall', 'spot', 'system']);
    for (const t of names.values()) expect(t).toMatch(/^[a-z][a-z0-9]{0,11}$/);
    expect(new Set(names.values()).size).toBe(names.size);
    expect([...names.values()].filter((t) => names.has(t))).toEqual([]);
    expect(reversed).toEqual(names);
  });

  test('every pool runs the cluster\'s minor (orchestrator_version), so a kubernetesVersion bump upgrades the pools after the control plane', () => {
    const cluster = resourcesOf(tf, 'azurerm_kubernetes_cluster')[0];
    expect(cluster.default_node_pool.orchestrator_version).toBe('1.35');
    expect(resourcesOf(tf, 'azurerm_kubernetes_cluster_node_pool').map((p) => [p.name, p.orchestrator_version])).toEqual([['spot', '1.35']]);
  });

  test('the tenant and the endpoint are outputs', () => {
    expect(tf.output.tenant_id.value).toMatch(/data\.azurerm_client_config\..+\.tenant_id/);
    expect(tf.output.cluster_endpoint.value).toMatch(/^\$\{nonsensitive\(/);
  });
});

describe('the AKS default pool stays the pool named "system" (azurerm replaces the cluster when default_node_pool.name changes)', () => {
  const defaultPoolName = (edit: (pools: any[]) => void) => {
    const f = fullFleet();
    edit(clusterOf(f, 'azure-prod').nodePools);
    const stack = synthExampleStack('azure-prod', new Map(), resolveFleet(f));
    return [resourcesOf(stack, 'azurerm_kubernetes_cluster')[0].default_node_pool.name, resourcesOf(stack, 'azurerm_kubernetes_cluster_node_pool').map((p) => p.name)];
  };

  test.each([
    ['a regular pool whose name sorts first is added', (pools: any[]) => pools.push({ ...pools[0], name: 'apps', labels: {} }), ['apps', 'spot']],
    ['another regular pool gets a larger minSize', (pools: any[]) => pools.push({ ...pools[0], name: 'big', minSize: 10, maxSize: 20, labels: {} }), ['big', 'spot']],
    ['the pools are reordered', (pools: any[]) => pools.reverse(), ['spot']],
  ])('when %s', (_, edit, userPools) => {
    expect(defaultPoolName(edit)).toEqual(['system', userPools]);
  });
});
