import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { resourcesOf, synthExampleStack, synthFleetStack } from '../../test/stack-fixture';
import { gkeInitialNodeCount } from './gke-cluster';

describe('GKE stack (gcp-prod)', () => {
  const tf = synthExampleStack('gcp-prod');

  test('a VPC-native subnetwork with the fleet\'s node range and pod and service secondary ranges; Cloud NAT', () => {
    expect(resourcesOf(tf, 'google_compute_network')[0]).toMatchObject({ name: 'gcp-prod-net', auto_create_subnetworks: false });
    expect(resourcesOf(tf, 'google_compute_subnetwork')[0]).toMatchObject({
      ip_cidr_range: '10.20.0.0/20',
      private_ip_google_access: true,
      secondary_ip_range: [{ range_name: 'pods', ip_cidr_range: '10.24.0.0/14' }, { range_name: 'services', ip_cidr_range: '172.22.0.0/20' }],
    });
    expect(resourcesOf(tf, 'google_compute_router_nat')).toHaveLength(1);
  });

  test('Cloud NAT allocates ports dynamically, 64 to 4096 per node: 64 fixed ones are 64 concurrent connections to one destination (a peer\'s east-west gateway) for all the pods of a node', () => {
    expect(resourcesOf(tf, 'google_compute_router_nat')[0]).toMatchObject({
      enable_dynamic_port_allocation: true,
      enable_endpoint_independent_mapping: false,
      min_ports_per_vm: 64,
      max_ports_per_vm: 4096,
    });
  });

  test('a regional cluster with a release channel, workload identity and private nodes', () => {
    expect(resourcesOf(tf, 'google_container_cluster')[0]).toMatchObject({
      name: 'gcp-prod',
      location: 'us-central1',
      node_locations: ['us-central1-a', 'us-central1-b', 'us-central1-c'],
      min_master_version: '1.35',
      release_channel: { channel: 'REGULAR' },
      workload_identity_config: { workload_pool: 'acme-platform-prod.svc.id.goog' },
      // A workload cluster: its public endpoint is on, for Argo CD (its own NAT addresses only, before the management cluster's outputs).
      private_cluster_config: { enable_private_nodes: true, enable_private_endpoint: false, master_ipv4_cidr_block: '172.16.0.0/28' },
      networking_mode: 'VPC_NATIVE',
      ip_allocation_policy: { cluster_secondary_range_name: 'pods', services_secondary_range_name: 'services' },
      remove_default_node_pool: true,
      deletion_protection: true,
    });
  });

  test('the default pool, created with the cluster and removed at once, runs as the node service account, not the Compute Engine default one', () => {
    const cluster = resourcesOf(tf, 'google_container_cluster')[0];
    expect(cluster.node_config).toEqual({ service_account: expect.stringMatching(/^\$\{google_service_account\.gke_nodes_[0-9A-F]+\.email\}$/) });
    // node_config.service_account is ForceNew: a cluster created without it is not replaced for it.
    expect(cluster.lifecycle.ignore_changes).toEqual(['node_config']);
  });

  test('deletionProtection: false in the fleet turns the provider\'s deletion protection off, so the stack can be destroyed', () => {
    const f = fullFleet();
    clusterOf(f, 'gcp-prod').deletionProtection = false;
    expect(resourcesOf(synthFleetStack(f, 'gcp-prod'), 'google_container_cluster')[0].deletion_protection).toBe(false);
  });

  test('node pools: spot, total autoscaling bounds, labels and taints', () => {
    const pools = Object.fromEntries(resourcesOf(tf, 'google_container_node_pool').map((p) => [p.name, p]));
    expect(pools.system).toMatchObject({ autoscaling: { total_min_node_count: 3, total_max_node_count: 6 }, initial_node_count: 1, node_config: { machine_type: 'e2-standard-4', spot: false } });
    expect(pools.spot).toMatchObject({
      autoscaling: { total_min_node_count: 0, total_max_node_count: 20, location_policy: 'ANY' },
      node_config: { spot: true, taint: [{ key: 'capacity', value: 'spot', effect: 'PREFER_NO_SCHEDULE' }], workload_metadata_config: { mode: 'GKE_METADATA' } },
    });
  });

  test('pools name GKE\'s balanced Persistent Disk (SSD_TOTAL_GB quota) and no upgrade settings (one surge node), as README *Google Cloud quotas* counts them', () => {
    for (const pool of resourcesOf(tf, 'google_container_node_pool')) {
      expect(pool.node_config.disk_type).toBe('pd-balanced');
      expect(pool.node_config.boot_disk).toBeUndefined();
      expect(pool.upgrade_settings).toBeUndefined();
    }
  });

  test('a pool of a series that attaches no Persistent Disk (c4) boots from hyperdisk-balanced; the others name pd-balanced: the provider sends the type in state with a machine type change', () => {
    const f = fullFleet();
    const gcp = clusterOf(f, 'gcp-prod');
    gcp.nodePools = [...gcp.nodePools, { name: 'fast', machineType: 'c4-standard-8', minSize: 0, maxSize: 3 }];
    const pools = Object.fromEntries(resourcesOf(synthFleetStack(f, 'gcp-prod'), 'google_container_node_pool').map((p) => [p.name, p]));
    expect(pools.fast.node_config).toMatchObject({ machine_type: 'c4-standard-8', disk_type: 'hyperdisk-balanced' });
    expect(pools.system.node_config.disk_type).toBe('pd-balanced');
  });

  test('a minor bump moves the control plane only (min_master_version): the pools pin no version and follow by GKE\'s node auto-upgrade', () => {
    // With auto_upgrade, a pinned `version` and GKE "will fight each other for what the node version should be"
    // (hashicorp/terraform-provider-google v6.50.0 resource_container_node_pool.go, `version`).
    expect(resourcesOf(tf, 'google_container_cluster')[0].node_version).toBeUndefined();
    for (const pool of resourcesOf(tf, 'google_container_node_pool')) {
      expect(pool.version).toBeUndefined();
      expect(pool.management).toEqual({ auto_repair: true, auto_upgrade: true });
    }
  });

  test('the node service account has the minimum role GKE documents, roles/container.defaultNodeServiceAccount, and may pull from Artifact Registry', () => {
    const [account] = Object.entries(tf.resource.google_service_account as Record<string, any>).find(([, a]) => a.display_name === 'GKE nodes of gcp-prod')!;
    const roles = resourcesOf(tf, 'google_project_iam_member').filter((m) => m.member === `\${google_service_account.${account}.member}`).map((m) => m.role).sort();
    expect(roles).toEqual(['roles/artifactregistry.reader', 'roles/container.defaultNodeServiceAccount', 'roles/logging.logWriter', 'roles/monitoring.metricWriter', 'roles/monitoring.viewer']);
  });

  test('outputs the endpoint as an https URL', () => {
    expect(tf.output.cluster_endpoint.value).toMatch(/^https:\/\/\$\{google_container_cluster\..+\.endpoint\}$/);
  });
});

describe('GKE node pools start at their minimum', () => {
  // The provider creates a pool with no nodes unless initial_node_count is set (hashicorp/terraform-provider-google#8270).
  test('nodes per zone: enough for the total minimum, never more than the total maximum allows', () => {
    expect(gkeInitialNodeCount(3, 6, 3)).toBe(1);
    expect(gkeInitialNodeCount(4, 9, 3)).toBe(2);
    expect(gkeInitialNodeCount(0, 10, 3)).toBe(0);
    expect(gkeInitialNodeCount(1, 3, 3)).toBe(1);
    // One per zone would exceed the maximum: start empty, the autoscaler places them.
    expect(gkeInitialNodeCount(2, 2, 3)).toBe(0);
  });
});
