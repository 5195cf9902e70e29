import { README } from './readme-block';
import { fleet } from './full-fleet';
import { resourcesOf, synthFleetStack } from './stack-fixture';

/*
 * The README's rights for the identity that applies the stacks (*Applying them from a pipeline*, "the
 * pipeline identity's rights"), held against what the stacks of test/full-fleet.ts create, add-ons included: each right below is one a least-privilege
 * identity lacks unless it is named, and the apply is refused without it.
 */
/** That item's text, whitespace collapsed: up to the next item, the `vault` stack's login. */
const rights = /the pipeline identity's rights:(.*?)- \*\*The `vault` stack's login/.exec(README.replace(/\s+/g, ' '))?.[1] ?? '';

/** The name of the resource a `${type.id.attribute}` reference points to, the cluster's name written `<cluster>`. */
function referencedName(tf: any, reference: string, type: string, nameAttribute: string, cluster: string): string {
  const id = new RegExp(`^\\$\\{${type}\\.([^.]+)\\.`).exec(reference)?.[1];
  const name: string = tf.resource[type][id!][nameAttribute];
  return name.replace(cluster, '<cluster>');
}

test('the README has the rights item these tests read', () => {
  expect(rights).toContain('on AWS');
  expect(rights).toContain('on Google Cloud');
});

describe('AWS (aws-prod)', () => {
  const tf = synthFleetStack(fleet, 'aws-prod');

  // EKS User Guide (awsdocs/amazon-eks-user-guide latest/ug): security/iam-reference/security-iam.adoc "Create a
  // Kubernetes cluster" (iam:PassRole on the cluster role), manage-access/aws-access/service-accounts.adoc ("The IAM
  // principal that is creating the association must have iam:PassRole"); the service authorization reference maps
  // CreateAddon to iam:PassRole (iam:PassedToService eks.amazonaws.com).
  test('every role the stack hands to EKS is named for iam:PassRole', () => {
    const passed = [
      ...resourcesOf(tf, 'aws_eks_cluster').map((c) => c.role_arn),
      ...resourcesOf(tf, 'aws_eks_node_group').map((g) => g.node_role_arn),
      ...resourcesOf(tf, 'aws_eks_addon').flatMap((a) => (a.pod_identity_association ?? []).map((p: any) => p.role_arn)),
      ...resourcesOf(tf, 'aws_eks_pod_identity_association').map((p) => p.role_arn),
    ];
    const names = [...new Set(passed.map((arn) => referencedName(tf, arn, 'aws_iam_role', 'name', 'aws-prod')))];
    expect(names.length).toBeGreaterThanOrEqual(4);
    expect(rights).toContain('`iam:PassRole`');
    for (const name of names) expect([name, rights.includes(`\`${name}\``)]).toEqual([name, true]);
  });

  // security/security-k8s.adoc: "make sure that the kms:DescribeKey and kms:CreateGrant actions are permitted … for
  // the principal that calls the create-cluster API".
  test('a cluster with secrets encryption: kms:CreateGrant and kms:DescribeKey', () => {
    expect(resourcesOf(tf, 'aws_eks_cluster')[0].encryption_config).toBeDefined();
    for (const action of ['kms:CreateGrant', 'kms:DescribeKey']) expect(rights).toContain(`\`${action}\``);
  });

  // terraform-provider-aws internal/service/autoscaling/group_tag.go: create, update and delete go through UpdateTags
  // (CreateOrUpdateTags, DeleteTags), read through GetTag (DescribeTags).
  test('Auto Scaling group tags: the autoscaling tag actions', () => {
    expect(resourcesOf(tf, 'aws_autoscaling_group_tag').length).toBeGreaterThan(0);
    for (const action of ['CreateOrUpdateTags', 'DeleteTags', 'DescribeTags']) expect(rights).toContain(`\`autoscaling:${action}\``);
  });

  test('default tags go on every resource as it is created: the services\' tag actions', () => {
    expect(tf.provider.aws[0].default_tags).toBeDefined();
    for (const action of ['ec2:CreateTags', 'eks:TagResource', 'iam:TagRole']) expect(rights).toContain(`\`${action}\``);
  });

  // terraform-provider-aws internal/service/ec2/ec2_launch_template.go: CreateLaunchTemplate, CreateLaunchTemplateVersion (an
  // update), DeleteLaunchTemplate, and the read's DescribeLaunchTemplates and DescribeLaunchTemplateVersions. EKS checks the
  // caller of CreateNodegroup may launch from the template (CloudTrail "You are not authorized to launch instances with this
  // launch template": aws-samples/terraform-eks-code#13, scylladb/scylla-cluster-tests#12172), and of UpdateNodegroupVersion
  // that it may describe its versions (repost.aws QUCe-6r8biRj-GJQdakFnSXw).
  test('node groups that launch from a launch template: the launch template actions, and ec2:RunInstances', () => {
    expect(resourcesOf(tf, 'aws_launch_template').length).toBeGreaterThan(0);
    expect(resourcesOf(tf, 'aws_eks_node_group').every((g) => g.launch_template !== undefined)).toBe(true);
    for (const action of ['CreateLaunchTemplate', 'CreateLaunchTemplateVersion', 'DeleteLaunchTemplate', 'DescribeLaunchTemplates', 'DescribeLaunchTemplateVersions', 'RunInstances']) {
      expect(rights).toContain(`\`ec2:${action}\``);
    }
  });

  // terraform-provider-aws internal/service/ec2/ec2_availability_zone_data_source.go: the read is DescribeAvailabilityZones.
  test('the zone ids the control plane\'s subnets are chosen by: ec2:DescribeAvailabilityZones', () => {
    expect(Object.keys(tf.data.aws_availability_zone ?? {}).length).toBeGreaterThan(0);
    expect(rights).toContain('`ec2:DescribeAvailabilityZones`');
  });

  // terraform-provider-aws internal/service/ec2/ec2_instance_type_offerings_data_source.go: DescribeInstanceTypeOfferings.
  test('where each pool\'s instance type is offered: ec2:DescribeInstanceTypeOfferings', () => {
    expect(Object.keys(tf.data.aws_ec2_instance_type_offerings ?? {}).length).toBeGreaterThan(0);
    expect(rights).toContain('`ec2:DescribeInstanceTypeOfferings`');
  });

  // security/iam-reference/security-iam.adoc: the minimum policy to create a cluster has iam:CreateServiceLinkedRole
  // for AWSServiceRoleForAmazonEKS; EKS creates AWSServiceRoleForAmazonEKSNodegroup at the first CreateNodegroup.
  test('a new account: EKS\'s service-linked roles', () => {
    expect(rights).toContain('`iam:CreateServiceLinkedRole`');
    for (const role of ['AWSServiceRoleForAmazonEKS', 'AWSServiceRoleForAmazonEKSNodegroup']) expect(rights).toContain(`\`${role}\``);
  });
});

describe('Google Cloud (gcp-prod)', () => {
  const tf = synthFleetStack(fleet, 'gcp-prod');

  // roles/compute.networkAdmin holds compute.firewalls.get and .list only; compute.firewalls.create is in
  // roles/compute.securityAdmin (cloud.google.com/iam/docs/roles-permissions/compute; iann0036/iam-dataset gcp/roles).
  test('a firewall rule: Compute Security Admin', () => {
    expect(resourcesOf(tf, 'google_compute_firewall').length).toBeGreaterThan(0);
    expect(rights).toContain('Compute Security Admin');
    expect(rights).toContain('`compute.firewalls.create`');
  });

  // roles/container.admin: "To set a service account on nodes, you must also have the Service Account User role
  // (roles/iam.serviceAccountUser)" (cloud.google.com/iam/docs/roles-permissions/container); roles/iam.serviceAccountAdmin
  // has no iam.serviceAccounts.actAs.
  test('nodes that run as a service account of the stack: Service Account User (iam.serviceAccounts.actAs)', () => {
    const accounts = [...resourcesOf(tf, 'google_container_cluster'), ...resourcesOf(tf, 'google_container_node_pool')].map((r) => r.node_config?.service_account).filter(Boolean);
    const names = [...new Set(accounts.map((email: string) => referencedName(tf, email, 'google_service_account', 'account_id', 'gcp-prod')))];
    expect(names).toEqual(['<cluster>-nodes']);
    expect(rights).toContain('Service Account User');
    expect(rights).toContain('`iam.serviceAccounts.actAs`');
    for (const name of names) expect(rights).toContain(`\`${name}\``);
  });
});

describe('Azure (azure-prod)', () => {
  const tf = synthFleetStack(fleet, 'azure-prod');

  // Contributor's NotActions hold Microsoft.Authorization/*/Write (learn.microsoft.com/azure/role-based-access-control/built-in-roles/general).
  test('role assignments: the right to assign roles besides Contributor', () => {
    expect(resourcesOf(tf, 'azurerm_role_assignment').length).toBeGreaterThan(0);
    expect(rights).toContain('`Microsoft.Authorization/roleAssignments/write`');
  });
});
