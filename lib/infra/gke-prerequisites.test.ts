import { fakeOutputs, testFleet } from '../../test/fleets';
import { resourcesOf, synthFleetStack } from '../../test/stack-fixture';
import { ComputeAddress } from './providers/google';

/* GKE on a fresh project: the APIs it calls are enabled first; Istio's webhooks are reachable on private nodes. */
describe('GKE prerequisites (t-gcp)', () => {
  const fleet = testFleet();
  const tf = synthFleetStack(fleet, 't-gcp', fakeOutputs(fleet));

  test('enables the Compute, Kubernetes Engine, IAM, IAM credentials, STS and Resource Manager APIs, never disabling them on destroy', () => {
    expect(resourcesOf(tf, 'google_project_service').map((s) => [s.service, s.project, s.disable_on_destroy])).toEqual([
      ['cloudresourcemanager.googleapis.com', 'test-fleet-project', false],
      ['compute.googleapis.com', 'test-fleet-project', false],
      ['container.googleapis.com', 'test-fleet-project', false],
      ['iam.googleapis.com', 'test-fleet-project', false],
      ['iamcredentials.googleapis.com', 'test-fleet-project', false],
      ['sts.googleapis.com', 'test-fleet-project', false],
    ]);
  });

  test('every other Google resource of the stack waits for those APIs', () => {
    const services = Object.keys(tf.resource.google_project_service).map((id) => `google_project_service.${id}`);
    for (const [type, bodies] of Object.entries(tf.resource as Record<string, Record<string, any>>)) {
      // Google's resources; the Kubernetes provider's talk to the cluster, which itself waits for the APIs.
      if (type === 'google_project_service' || !type.startsWith('google_')) continue;
      for (const body of Object.values(bodies)) expect({ type, depends_on: body.depends_on }).toEqual({ type, depends_on: expect.arrayContaining(services) });
    }
  });

  test('a Google resource an add-on adds to the stack waits for those APIs too (an address made before Compute is enabled fails)', () => {
    const withAddon = { ...testFleet(), addons: [{ name: 'late', clusterStack: (scope: any, ctx: any) => ctx.cluster.cloud === 'gcp' && new ComputeAddress(scope, 'address', { name: 'late', region: ctx.cluster.region, project: ctx.cluster.project }) }] };
    const stack = synthFleetStack(withAddon, 't-gcp', fakeOutputs(withAddon));
    const services = Object.keys(stack.resource.google_project_service).map((id) => `google_project_service.${id}`);
    const [address] = resourcesOf(stack, 'google_compute_address').filter((a) => a.name === 'late');
    expect(address.depends_on).toEqual(services);
  });

  test('the control plane uses the fleet\'s /28, and a firewall rule lets it reach tcp/15017 on the nodes (Istio\'s webhooks)', () => {
    const [cluster] = resourcesOf(tf, 'google_container_cluster');
    expect(cluster.private_cluster_config).toMatchObject({ enable_private_nodes: true, master_ipv4_cidr_block: '192.168.3.0/28' });
    const [rule] = resourcesOf(tf, 'google_compute_firewall');
    expect(rule).toMatchObject({
      name: 't-gcp-net-control-plane-webhooks',
      direction: 'INGRESS',
      source_ranges: ['192.168.3.0/28'],
      allow: [{ protocol: 'tcp', ports: ['15017'] }],
      network: expect.stringMatching(/^\$\{google_compute_network\..+\.id\}$/),
    });
    // Targets exactly the nodes: every pool runs as the node service account the rule names.
    const nodes = Object.entries(tf.resource.google_service_account).find(([, sa]: [string, any]) => sa.account_id === 't-gcp-nodes')![0];
    expect(rule.target_service_accounts).toEqual([`\${google_service_account.${nodes}.email}`]);
    for (const pool of resourcesOf(tf, 'google_container_node_pool')) expect(pool.node_config.service_account).toBe(`\${google_service_account.${nodes}.email}`);
  });

  test('node pools scale with GKE\'s own cluster autoscaler, within the fleet\'s bounds', () => {
    expect(resourcesOf(tf, 'google_container_node_pool')[0].autoscaling).toMatchObject({ total_min_node_count: 1, total_max_node_count: 3 });
  });
});
