import { fakeOutputs, testFleet } from '../../test/fleets';
import { resourcesOf, synthFleetStack } from '../../test/stack-fixture';
import { eksAddonVersions } from '../fleet';

/*
 * EKS: pods take their addresses from the fleet's podCidr (VPC CNI custom networking onto the pod
 * subnets), the managed add-ons are pinned and ordered around the node groups.
 */
describe('EKS pod networking and managed add-ons (t-aws)', () => {
  const fleet = testFleet();
  const tf = synthFleetStack(fleet, 't-aws', fakeOutputs(fleet));
  const addons: Record<string, any> = Object.fromEntries(resourcesOf(tf, 'aws_eks_addon').map((a) => [a.addon_name, a]));
  const ref = (type: string, body: any) => `${type}.${Object.entries(tf.resource[type]).find(([, b]) => b === body)![0]}`;

  test('the pod range is a secondary VPC range cut into one pod subnet per zone, tagged for the CNI', () => {
    expect(resourcesOf(tf, 'aws_vpc_ipv4_cidr_block_association')[0].cidr_block).toBe('10.20.0.0/16');
    const pods = resourcesOf(tf, 'aws_subnet').filter((s) => s.tags.Name.includes('-pods-'));
    expect(pods.map((s) => [s.availability_zone, s.cidr_block, s.tags['kubernetes.io/role/cni']])).toEqual([
      ['eu-west-1a', '10.20.0.0/18', '1'],
      ['eu-west-1b', '10.20.64.0/18', '1'],
      ['eu-west-1c', '10.20.128.0/18', '1'],
    ]);
  });

  test('the VPC CNI runs with custom networking and one ENIConfig per zone naming that zone\'s pod subnet and the cluster security group', () => {
    const config = addons['vpc-cni'].configuration_values as string;
    expect(config).toMatch(/^\$\{jsonencode\(/);
    expect(config).toContain('"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG" = "true"');
    expect(config).toContain('"ENI_CONFIG_LABEL_DEF" = "topology.kubernetes.io/zone"');
    expect(config).toContain('"create" = true');
    expect(config).toContain('"region" = "eu-west-1"');
    for (const zone of ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']) {
      const subnet = ref('aws_subnet', resourcesOf(tf, 'aws_subnet').find((s) => s.tags.Name === `t-aws-net-pods-${zone}`));
      expect(config).toContain(`"${zone}" = {"id" = ${subnet}.id, "securityGroups" = [aws_eks_cluster.`);
    }
    expect(config).toContain('.vpc_config[0].cluster_security_group_id]');
  });

  test('every managed add-on is pinned to the table\'s version for the cluster\'s minor, overwriting EKS\'s unmanaged copies', () => {
    const pinned = eksAddonVersions('1.35');
    expect(Object.fromEntries(Object.entries(addons).map(([name, a]) => [name, a.addon_version]))).toEqual(pinned);
    for (const a of Object.values(addons)) expect(a).toMatchObject({ resolve_conflicts_on_create: 'OVERWRITE', resolve_conflicts_on_update: 'OVERWRITE' });
  });

  test('node groups wait for the configured CNI, kube-proxy and the Pod Identity agent; CoreDNS and the EBS CSI driver wait for the node groups', () => {
    const before = ['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent'].map((name) => ref('aws_eks_addon', addons[name]));
    for (const group of resourcesOf(tf, 'aws_eks_node_group')) expect(group.depends_on).toEqual(expect.arrayContaining(before));
    const groups = resourcesOf(tf, 'aws_eks_node_group').map((g) => ref('aws_eks_node_group', g));
    expect(addons.coredns.depends_on).toEqual(groups);
    expect(addons['aws-ebs-csi-driver'].depends_on).toEqual(expect.arrayContaining(groups));
  });

  test('the EBS CSI controller runs as its own role through EKS Pod Identity, which only its service account in this cluster may take', () => {
    const role = resourcesOf(tf, 'aws_iam_role').find((r) => r.name === 't-aws-ebs-csi');
    const cluster = ref('aws_eks_cluster', resourcesOf(tf, 'aws_eks_cluster')[0]);
    // The session tags Pod Identity sends (EKS User Guide, pod-id-role, "Setting Conditions").
    expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: { StringEquals: { 'aws:RequestTag/eks-cluster-arn': `\${${cluster}.arn}`, 'aws:RequestTag/kubernetes-namespace': 'kube-system', 'aws:RequestTag/kubernetes-service-account': 'ebs-csi-controller-sa' } },
      },
    ]);
    expect(addons['aws-ebs-csi-driver'].pod_identity_association).toEqual([{ role_arn: `\${${ref('aws_iam_role', role)}.arn}`, service_account: 'ebs-csi-controller-sa' }]);
    expect(resourcesOf(tf, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toContainEqual(expect.stringMatching(/:iam::aws:policy\/service-role\/AmazonEBSCSIDriverPolicy$/));
  });
});
