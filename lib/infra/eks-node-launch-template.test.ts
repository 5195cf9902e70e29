import { Testing } from './cdktf';
import { EKS_ROOT_DEVICE, EksNodeLaunchTemplate } from './eks-node-launch-template';
import { AwsProvider } from './providers/aws';
import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { resourcesOf, synthFleetStack } from '../../test/stack-fixture';

/** The launch templates of aws-prod (test/full-fleet.ts: pools system and spot, 100 GiB each, zones a, b, c). */
const tf = synthFleetStack(fullFleet(), 'aws-prod');
const templates = resourcesOf(tf, 'aws_launch_template');
const groups = resourcesOf(tf, 'aws_eks_node_group');
const addressOf = (type: string, body: unknown) => `${type}.${Object.entries(tf.resource[type] as Record<string, unknown>).find(([, b]) => b === body)![0]}`;

describe('EksNodeLaunchTemplate', () => {
  test('the root volume is encrypted, gp3, of the pool\'s disk size, at the AL2023 AMIs\' root device, deleted with the node', () => {
    const tf = JSON.parse(Testing.synthScope((scope) => {
      new AwsProvider(scope, 'aws', { region: 'eu-west-1' });
      new EksNodeLaunchTemplate(scope, 'lt', { clusterName: 'demo', poolName: 'batch', amiType: 'AL2023_ARM_64_STANDARD', diskSizeGb: 250 });
    }));
    const [template] = resourcesOf(tf, 'aws_launch_template');
    expect(template.name_prefix).toBe('demo-batch-');
    expect(template.block_device_mappings).toEqual([{ device_name: '/dev/xvda', ebs: { volume_size: 250, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' } }]);
  });

  test('fails when the name prefix would pass the provider\'s 99 characters (a construct used outside a fleet)', () => {
    expect(() => Testing.synthScope((scope) => {
      new EksNodeLaunchTemplate(scope, 'lt', { clusterName: 'c'.repeat(64), poolName: 'p'.repeat(34), amiType: 'AL2023_x86_64_STANDARD', diskSizeGb: 100 });
    })).toThrow(/^launch template name prefix c+-p+- is 100 characters: the aws provider takes at most 99/);
  });

  test('every AMI type fleetsynth gives a group has its root device named (awslabs/amazon-eks-ami templates/al2023/template.json: /dev/xvda)', () => {
    expect(EKS_ROOT_DEVICE).toEqual({ AL2023_x86_64_STANDARD: '/dev/xvda', AL2023_ARM_64_STANDARD: '/dev/xvda', AL2023_x86_64_NVIDIA: '/dev/xvda' });
  });

  test('IMDSv2 only, hop limit 1, said explicitly: EKS\'s own template for AL2023 nodes, which EC2 would not default to (2 for an AMI with ImdsSupport v2.0)', () => {
    expect(templates).toHaveLength(2);
    for (const template of templates) expect(template.metadata_options).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 });
  });

  test('nothing a managed node group\'s template may not hold, nor what would stop EKS adding its own (amazon-eks-user-guide nodes/launch-templates.adoc)', () => {
    // No subnet, instance profile or shutdown behaviour (refused); no AMI (EKS would stop merging its user data), no
    // security groups (EKS would leave out the cluster security group), no instance type (the group has it).
    expect(templates).toHaveLength(2);
    for (const template of templates) {
      for (const key of ['iam_instance_profile', 'network_interfaces', 'instance_initiated_shutdown_behavior', 'hibernation_options', 'image_id', 'user_data', 'vpc_security_group_ids', 'security_group_names', 'instance_type', 'key_name']) {
        expect([key, template[key]]).toEqual([key, undefined]);
      }
    }
  });
});

describe('EKS node groups and their launch templates (aws-prod)', () => {
  test('one template per pool, of the pool\'s disk size', () => {
    expect(templates.map((t) => [t.name_prefix, t.block_device_mappings[0].ebs.volume_size]).sort()).toEqual([['aws-prod-spot-', 100], ['aws-prod-system-', 100]]);
  });

  test('every zone\'s group launches from its pool\'s template at its latest version, and sets no disk_size (EKS refuses it beside a template)', () => {
    for (const group of groups) {
      const pool = group.labels['fleetsynth.io/node-pool'];
      const template = addressOf('aws_launch_template', templates.find((t) => t.name_prefix === `aws-prod-${pool}-`));
      expect(group.launch_template).toEqual({ id: `\${${template}.id}`, version: `\${${template}.latest_version}` });
      expect(group.disk_size).toBeUndefined();
    }
    expect(groups).toHaveLength(6);
  });

  test('a pool\'s disk size changes its template\'s volume only: the groups are as before (a new template version, rolled in place)', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools[1].diskSizeGb = 200;
    const after = synthFleetStack(f, 'aws-prod');
    expect(resourcesOf(after, 'aws_eks_node_group')).toEqual(groups);
    expect(resourcesOf(after, 'aws_launch_template').map((t) => [t.name_prefix, t.block_device_mappings[0].ebs.volume_size]).sort()).toEqual([['aws-prod-spot-', 200], ['aws-prod-system-', 100]]);
  });
});
