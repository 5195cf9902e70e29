import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { resourcesOf, synthExampleStack, synthFleetStack } from '../../test/stack-fixture';

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

  test('node groups: on-demand and spot capacity, scaling bounds, labels and taints from the fleet', () => {
    const groups = Object.fromEntries(resourcesOf(tf, 'aws_eks_node_group').map((g) => [g.labels['fleetsynth.io/node-pool'], g]));
    expect(groups.system).toMatchObject({ capacity_type: 'ON_DEMAND', instance_types: ['m7i.large'], scaling_config: { min_size: 2, max_size: 4, desired_size: 2 }, version: '1.35' });
    expect(groups.spot).toMatchObject({
      capacity_type: 'SPOT',
      instance_types: ['m7i.xlarge'],
      scaling_config: { min_size: 0, max_size: 20 },
      labels: { capacity: 'spot', 'node-role': 'workload', 'fleetsynth.io/node-pool': 'spot' },
      taint: [{ key: 'capacity', value: 'spot', effect: 'PREFER_NO_SCHEDULE' }],
      lifecycle: { ignore_changes: ['scaling_config[0].desired_size'], create_before_destroy: true },
    });
  });

  test('node groups get a generated name (prefix "<pool>-"), so a group whose instance type, disk, capacity type or subnets change is replaced new-first', () => {
    const groups = resourcesOf(tf, 'aws_eks_node_group');
    expect(groups.map((g) => [g.node_group_name_prefix, g.node_group_name, g.lifecycle.create_before_destroy])).toEqual([['spot-', undefined, true], ['system-', undefined, true]]);
  });

  test('node groups name their AMI type: the x86 AL2023 AMI for the example\'s m7i pools, as EKS defaults to on 1.30 and later', () => {
    expect(resourcesOf(tf, 'aws_eks_node_group').map((g) => [g.node_group_name_prefix, g.ami_type])).toEqual([['spot-', 'AL2023_x86_64_STANDARD'], ['system-', 'AL2023_x86_64_STANDARD']]);
  });

  test('a Graviton pool gets the arm64 AMI, an NVIDIA pool the NVIDIA one', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools.push(
      { name: 'arm', machineType: 'm7g.large', minSize: 0, maxSize: 3 },
      { name: 'gpu', machineType: 'g5.xlarge', minSize: 0, maxSize: 2, taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] },
    );
    const groups = Object.fromEntries(resourcesOf(synthFleetStack(f, 'aws-prod'), 'aws_eks_node_group').map((g) => [g.labels['fleetsynth.io/node-pool'], g]));
    expect(groups.arm).toMatchObject({ ami_type: 'AL2023_ARM_64_STANDARD', instance_types: ['m7g.large'] });
    expect(groups.gpu).toMatchObject({ ami_type: 'AL2023_x86_64_NVIDIA', instance_types: ['g5.xlarge'] });
  });

  test('the EBS CSI add-on deploys its default StorageClass: EKS 1.30+ has none, and claims naming no class would stay Pending', () => {
    const [ebs] = resourcesOf(tf, 'aws_eks_addon').filter((a) => a.addon_name === 'aws-ebs-csi-driver');
    expect(JSON.parse(ebs.configuration_values)).toEqual({ defaultStorageClass: { enabled: true } });
  });

  test('has an OIDC provider for IRSA', () => {
    expect(resourcesOf(tf, 'aws_iam_openid_connect_provider')[0]).toMatchObject({ client_id_list: ['sts.amazonaws.com'] });
  });
});
