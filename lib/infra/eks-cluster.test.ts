import { eksAddonVersions, resolveFleet } from '../fleet';
import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { resourcesOf, synthExampleStack, synthFleetStack } from '../../test/stack-fixture';
import { replacements } from '../synth/replacement-guard';

describe('EKS stack (aws-prod)', () => {
  const tf = synthExampleStack('aws-prod');

  test('the cluster has the fleet version, all control-plane logs, KMS secrets encryption; before the management cluster\'s outputs, the public endpoint admits only its own NAT addresses', () => {
    const [cluster] = resourcesOf(tf, 'aws_eks_cluster');
    expect(cluster).toMatchObject({
      name: 'aws-prod',
      version: '1.35',
      enabled_cluster_log_types: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
      vpc_config: { endpoint_private_access: true, endpoint_public_access: true, public_access_cidrs: [0, 1, 2].map(() => expect.stringMatching(/^\$\{aws_eip\..+\.public_ip\}\/32$/)) },
      kubernetes_network_config: { service_ipv4_cidr: '172.21.0.0/16' },
      access_config: { authentication_mode: 'API' },
    });
    expect(cluster.encryption_config.resources).toEqual(['secrets']);
    expect(cluster.encryption_config.provider.key_arn).toMatch(/^\$\{aws_kms_key\..+\.arn\}$/);
    expect(resourcesOf(tf, 'aws_kms_key')[0].enable_key_rotation).toBe(true);
  });

  test('the control plane keeps the subnets it was created with: vpc_config subnet_ids are ignored after creation, the API access settings are not', () => {
    // EKS refuses subnets outside the zones the cluster was created in (amazon-eks-user-guide network-reqs.adoc).
    const [cluster] = resourcesOf(tf, 'aws_eks_cluster');
    expect(cluster.lifecycle.ignore_changes).toEqual(['vpc_config[0].subnet_ids']);
  });

  test('the stack outputs the zones of the control plane\'s subnets as Terraform knows them (the state\'s, the ones it was created with)', () => {
    const [id] = Object.keys(tf.resource.aws_eks_cluster);
    const subnets = `tolist(aws_eks_cluster.${id}.vpc_config[0].subnet_ids)`;
    const zone = (z: string) => `contains(${subnets}, ${privateSubnet(z).slice(2, -1)}) ? "${z}" : ""`;
    expect(tf.output.eks_control_plane_zones.value).toBe(`\${join(",", compact([${['us-west-2a', 'us-west-2b', 'us-west-2c'].map(zone).join(', ')}]))}`);
  });

  test('a zone added to the cluster changes nothing of the cluster but its ignored subnet_ids and the API access ranges (the new NAT address, updated in place); the zone gets subnets, a NAT gateway and node groups', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').zones = ['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d'];
    const after = synthFleetStack(f, 'aws-prod');
    const before = synthFleetStack(fullFleet(), 'aws-prod');
    const [id] = Object.keys(before.resource.aws_eks_cluster);
    const [was, now] = [before, after].map((tf) => tf.resource.aws_eks_cluster[id]);
    // The precondition names the zones and counts them: a check at plan, no change to the cluster.
    const rest = (c: any) => ({ ...c, vpc_config: { ...c.vpc_config, subnet_ids: undefined, public_access_cidrs: undefined }, lifecycle: { ...c.lifecycle, precondition: undefined } });
    expect(rest(now)).toEqual(rest(was));
    expect(now.lifecycle.ignore_changes).toContain('vpc_config[0].subnet_ids');
    expect(now.vpc_config.subnet_ids.match(/aws_subnet\.network_private-us-west-2.\w+\.id/g)).toHaveLength(4);
    expect(now.vpc_config.public_access_cidrs).toEqual([...was.vpc_config.public_access_cidrs, expect.stringMatching(/^\$\{aws_eip\.network_nat-us-west-2d-ip_.+\.public_ip\}\/32$/)]);
    expect(resourcesOf(after, 'aws_nat_gateway')).toHaveLength(4);
    expect(resourcesOf(after, 'aws_eks_node_group').filter((g) => g.node_group_name_prefix.endsWith('-d-'))).not.toHaveLength(0);
    // Nothing is replaced or destroyed: the synth is written as is.
    expect(replacements(resolveFleet(f), [{ stack: 'aws-prod', before: JSON.stringify(before), after: JSON.stringify(after) }])).toEqual([]);
  });

  test('the cluster waits for its role and the role\'s cluster policy (EKS needs it to create and delete its security groups)', () => {
    const [cluster] = resourcesOf(tf, 'aws_eks_cluster');
    const [attachment] = Object.entries(tf.resource.aws_iam_role_policy_attachment as Record<string, any>).filter(([, a]) => String(a.policy_arn).endsWith(':iam::aws:policy/AmazonEKSClusterPolicy'));
    expect(cluster.depends_on).toEqual(expect.arrayContaining([`aws_iam_role_policy_attachment.${attachment[0]}`]));
  });

  test('the VPC takes the fleet range; private and public subnets in each zone; a NAT gateway per zone; pod subnets from the pod range', () => {
    expect(resourcesOf(tf, 'aws_vpc')[0]).toMatchObject({ cidr_block: '10.10.0.0/16', tags: { Name: 'aws-prod-net' } });
    expect(resourcesOf(tf, 'aws_vpc_ipv4_cidr_block_association')[0].cidr_block).toBe('100.65.0.0/16');
    const subnets = resourcesOf(tf, 'aws_subnet').map((s) => `${s.tags.Name} ${s.cidr_block}`).sort();
    expect(subnets).toEqual([
      'aws-prod-net-pods-us-west-2a 100.65.0.0/18', 'aws-prod-net-pods-us-west-2b 100.65.64.0/18', 'aws-prod-net-pods-us-west-2c 100.65.128.0/18',
      'aws-prod-net-private-us-west-2a 10.10.0.0/19', 'aws-prod-net-private-us-west-2b 10.10.32.0/19', 'aws-prod-net-private-us-west-2c 10.10.64.0/19',
      'aws-prod-net-public-us-west-2a 10.10.128.0/19', 'aws-prod-net-public-us-west-2b 10.10.160.0/19', 'aws-prod-net-public-us-west-2c 10.10.192.0/19',
    ]);
    expect(resourcesOf(tf, 'aws_nat_gateway')).toHaveLength(3);
  });

  // The example's aws-prod: zones us-west-2a, b, c; pools system (m7i.large, 2-4) and spot (m7i.xlarge, 0-20).
  const groups = resourcesOf(tf, 'aws_eks_node_group');
  const byPrefix = Object.fromEntries(groups.map((g) => [g.node_group_name_prefix, g]));
  const privateSubnet = (zone: string) => `\${aws_subnet.${Object.entries(tf.resource.aws_subnet as Record<string, any>).find(([, s]) => s.tags.Name === `aws-prod-net-private-${zone}`)![0]}.id}`;

  test('one node group per pool and zone, each in that zone\'s private subnet only (the autoscaler simulates a group\'s node in its first zone)', () => {
    expect(groups.map((g) => [g.node_group_name_prefix, g.subnet_ids]).sort()).toEqual([
      ['spot-a-', [privateSubnet('us-west-2a')]], ['spot-b-', [privateSubnet('us-west-2b')]], ['spot-c-', [privateSubnet('us-west-2c')]],
      ['system-a-', [privateSubnet('us-west-2a')]], ['system-b-', [privateSubnet('us-west-2b')]], ['system-c-', [privateSubnet('us-west-2c')]],
    ]);
  });

  test('a pool\'s bounds are split over its zones, the totals exactly the pool\'s; each group starts at its zone\'s minSize', () => {
    const scaling = (pool: string) => ['a', 'b', 'c'].map((z) => byPrefix[`${pool}-${z}-`].scaling_config);
    expect(scaling('system')).toEqual([{ min_size: 1, max_size: 2, desired_size: 1 }, { min_size: 1, max_size: 1, desired_size: 1 }, { min_size: 0, max_size: 1, desired_size: 0 }]);
    expect(scaling('spot')).toEqual([{ min_size: 0, max_size: 7, desired_size: 0 }, { min_size: 0, max_size: 7, desired_size: 0 }, { min_size: 0, max_size: 6, desired_size: 0 }]);
  });

  test('every zone\'s group has the pool\'s capacity type, instance type, labels, taints, version, update and lifecycle settings', () => {
    for (const z of ['a', 'b', 'c']) {
      expect(byPrefix[`system-${z}-`]).toMatchObject({ capacity_type: 'ON_DEMAND', instance_types: ['m7i.large'], version: '1.35', labels: { 'node-role': 'system', 'fleetsynth.io/node-pool': 'system' }, taint: [] });
      expect(byPrefix[`spot-${z}-`]).toMatchObject({
        capacity_type: 'SPOT',
        instance_types: ['m7i.xlarge'],
        labels: { capacity: 'spot', 'node-role': 'workload', 'fleetsynth.io/node-pool': 'spot' },
        taint: [{ key: 'capacity', value: 'spot', effect: 'PREFER_NO_SCHEDULE' }],
        update_config: { max_unavailable: 1 },
        lifecycle: { ignore_changes: ['scaling_config[0].desired_size'], create_before_destroy: true },
      });
    }
  });

  test('no group pins an AMI release: EKS gives a new group the latest, and `aws eks update-nodegroup-version` (README, Node security patches) moves it on without a diff in the next plan', () => {
    // release_version is Optional and Computed, read back from the group (terraform-provider-aws internal/service/eks/node_group.go);
    // a configured one would fail the apply after a manual update (EKS API UpdateNodegroupVersion: no rollback to an earlier AMI version).
    for (const g of groups) expect(g).not.toHaveProperty('release_version');
    for (const t of resourcesOf(tf, 'aws_launch_template')) expect(t).not.toHaveProperty('image_id');
  });

  test('node groups get a generated name (prefix "<pool>-<zone letter>-"), so a group whose instance type, capacity type or subnets change is replaced new-first', () => {
    expect(groups.map((g) => [g.node_group_name_prefix, g.node_group_name, g.lifecycle.create_before_destroy])).toEqual(
      ['spot-a-', 'spot-b-', 'spot-c-', 'system-a-', 'system-b-', 'system-c-'].map((p) => [p, undefined, true]).sort(),
    );
  });

  test('the first zone\'s group keeps the address of the pool\'s one group from before (pool-<pool>), and is created after the other zones\' groups', () => {
    const address = (g: any) => `aws_eks_node_group.${g['//'].metadata.uniqueId}`;
    expect(groups.map((g) => g['//'].metadata.path).sort()).toEqual(['aws-prod/eks/pool-spot', 'aws-prod/eks/pool-spot_b', 'aws-prod/eks/pool-spot_c', 'aws-prod/eks/pool-system', 'aws-prod/eks/pool-system_b', 'aws-prod/eks/pool-system_c']);
    expect(byPrefix['system-a-']['//'].metadata.path).toBe('aws-prod/eks/pool-system');
    expect(byPrefix['system-a-'].depends_on).toEqual(expect.arrayContaining([address(byPrefix['system-b-']), address(byPrefix['system-c-'])]));
    expect(byPrefix['system-b-'].depends_on.filter((d: string) => d.startsWith('aws_eks_node_group.'))).toEqual([]);
  });

  test('node groups name their AMI type: the x86 AL2023 AMI for the example\'s m7i pools, as EKS defaults to on 1.30 and later', () => {
    expect([...new Set(groups.map((g) => g.ami_type))]).toEqual(['AL2023_x86_64_STANDARD']);
  });

  test('a Graviton pool gets the arm64 AMI, an NVIDIA pool the NVIDIA one, in every zone', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools.push(
      { name: 'arm', machineType: 'm7g.large', minSize: 0, maxSize: 3 },
      { name: 'gpu', machineType: 'g5.xlarge', minSize: 0, maxSize: 3, taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] },
    );
    const types = resourcesOf(synthFleetStack(f, 'aws-prod'), 'aws_eks_node_group').filter((g) => ['arm', 'gpu'].includes(g.labels['fleetsynth.io/node-pool'])).map((g) => [g.node_group_name_prefix, g.ami_type, g.instance_types[0], g.labels['k8s.amazonaws.com/accelerator']]);
    // The NVIDIA pool's nodes also carry the Cluster Autoscaler's GPU label (lib/infra/eks-node-labels.ts).
    expect(types.sort()).toEqual([
      ['arm-a-', 'AL2023_ARM_64_STANDARD', 'm7g.large', undefined], ['arm-b-', 'AL2023_ARM_64_STANDARD', 'm7g.large', undefined], ['arm-c-', 'AL2023_ARM_64_STANDARD', 'm7g.large', undefined],
      ['gpu-a-', 'AL2023_x86_64_NVIDIA', 'g5.xlarge', 'nvidia-a10g'], ['gpu-b-', 'AL2023_x86_64_NVIDIA', 'g5.xlarge', 'nvidia-a10g'], ['gpu-c-', 'AL2023_x86_64_NVIDIA', 'g5.xlarge', 'nvidia-a10g'],
    ]);
  });

  test('the EBS CSI add-on deploys its default StorageClass: EKS 1.30+ has none, and claims naming no class would stay Pending', () => {
    const [ebs] = resourcesOf(tf, 'aws_eks_addon').filter((a) => a.addon_name === 'aws-ebs-csi-driver');
    expect(JSON.parse(ebs.configuration_values)).toEqual({ defaultStorageClass: { enabled: true } });
  });

  test('a minor bump upgrades, in one apply and in this order: the control plane, the add-ons a node needs, every node group, then CoreDNS and the EBS CSI driver', () => {
    // Terraform updates a resource only after what it references or depends on; the provider waits for each
    // EKS update to succeed (terraform-provider-aws internal/service/eks cluster.go, node_group.go, addon.go).
    const address = (type: string, r: any) => `${type}.${r['//'].metadata.uniqueId}`;
    const [cluster] = resourcesOf(tf, 'aws_eks_cluster');
    const clusterName = `\${${address('aws_eks_cluster', cluster)}.name}`;
    // Not forced: EKS refuses a bump its upgrade insights flag rather than override them (API reference, UpdateClusterVersion `force`).
    expect(cluster.force_update_version).toBeUndefined();
    const addons: Record<string, any> = Object.fromEntries(resourcesOf(tf, 'aws_eks_addon').map((a) => [a.addon_name, a]));
    const nodeAddons = ['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent'].map((n) => addons[n]);
    for (const a of Object.values(addons)) expect(a.cluster_name).toBe(clusterName);
    for (const g of groups) {
      expect(g.cluster_name).toBe(clusterName);
      expect(g.depends_on).toEqual(expect.arrayContaining(nodeAddons.map((a) => address('aws_eks_addon', a))));
      // The cluster's minor, or the groups would stay behind and EKS would refuse the next bump: "all of your
      // node groups' Kubernetes versions must match the cluster's" (EKS API reference, UpdateClusterVersion).
      expect(g.version).toBe(cluster.version);
      // Not forced: a drain respects PodDisruptionBudgets (EKS User Guide, managed-node-update-behavior).
      expect(g.force_update_version).toBeUndefined();
    }
    for (const a of [addons.coredns, addons['aws-ebs-csi-driver']]) expect(a.depends_on).toEqual(expect.arrayContaining(groups.map((g) => address('aws_eks_node_group', g))));
  });

  test('each add-on moves to the pinned version of the new minor with the cluster, and kube-proxy to that minor', () => {
    const pinned = (version: string) => {
      const f = fullFleet();
      clusterOf(f, 'aws-prod').kubernetesVersion = version;
      return Object.fromEntries(resourcesOf(synthFleetStack(f, 'aws-prod'), 'aws_eks_addon').map((a) => [a.addon_name, a.addon_version]));
    };
    expect(pinned('1.34')).toEqual(eksAddonVersions('1.34'));
    expect(pinned('1.35')).toEqual(eksAddonVersions('1.35'));
    expect(pinned('1.35')['kube-proxy']).toMatch(/^v1\.35\./);
  });

  test('has an OIDC provider for IRSA', () => {
    expect(resourcesOf(tf, 'aws_iam_openid_connect_provider')[0]).toMatchObject({ client_id_list: ['sts.amazonaws.com'] });
  });
});

describe('EKS node role and ECR pull through caches (imageMirrors)', () => {
  const ECR = '111122223333.dkr.ecr.us-west-2.amazonaws.com';
  const withMirrors = (imageMirrors: unknown) => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').imageMirrors = imageMirrors;
    return synthFleetStack(f, 'aws-prod');
  };
  const cachePolicies = (tf: any) => resourcesOf(tf, 'aws_iam_role_policy').filter((p) => p.name === 'ecr-pull-through-cache');

  test('the nodes may create and import into the caches\' repositories, and only theirs, before any node group starts', () => {
    const tf = withMirrors({ 'docker.io': `${ECR}/docker-hub`, 'quay.io': `${ECR}/quay`, 'ghcr.io': 'harbor.example.com/ghcr' });
    const [policy] = cachePolicies(tf);
    expect(policy.role).toMatch(/^\$\{aws_iam_role\.eks_node-role_.+\.name\}$/);
    const document = JSON.parse(policy.policy);
    // The partition from the stack's aws_partition data source; one statement for both caches; the Harbor mirror needs nothing.
    expect(document.Statement).toEqual([{
      Sid: 'ImportThroughPullThroughCache',
      Effect: 'Allow',
      Action: ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'],
      Resource: ['docker-hub', 'quay'].map((prefix) => expect.stringMatching(new RegExp(`^arn:\\$\\{data\\.aws_partition\\..+\\.partition\\}:ecr:us-west-2:111122223333:repository/${prefix}/\\*$`))),
    }]);
    const [id] = Object.keys(tf.resource.aws_iam_role_policy).filter((k) => tf.resource.aws_iam_role_policy[k].name === 'ecr-pull-through-cache');
    for (const group of resourcesOf(tf, 'aws_eks_node_group')) expect(group.depends_on).toContain(`aws_iam_role_policy.${id}`);
  });

  test('no policy without an ECR mirror: a fleet without mirrors, or with only other registries, keeps its stack as it was', () => {
    expect(cachePolicies(synthFleetStack(fullFleet(), 'aws-prod'))).toEqual([]);
    expect(cachePolicies(withMirrors({ 'docker.io': 'harbor.example.com/docker-hub' }))).toEqual([]);
  });
});
