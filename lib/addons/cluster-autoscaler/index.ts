import { Construct } from 'constructs';
import { asText, cloudNameProblems, DerivedCloudName, DOCUMENTATION_AWS_ACCOUNT_ID, isDns1123Label, Problem, show, stringOutput, zonesAsWritten } from '../../fleet';
import { podIdentityTrustPolicy } from '../../infra/eks-cluster';
import { eksNodeGroupLabels } from '../../infra/eks-node-labels';
import { AutoscalingGroupTag, DataAwsCallerIdentity, DataAwsPartition, EksPodIdentityAssociation, IamRole, IamRolePolicy } from '../../infra/providers/aws';
import { AddonClusterContext, FleetAddon } from '../addon';
import { onOffSettingsProblems } from '../on-off-settings';
import { withImageMirrors } from '../../k8s/argocd/platform-chart';
import { CLUSTER_AUTOSCALER_IMAGE_TAGS, CLUSTER_AUTOSCALER_IMAGES, CLUSTER_AUTOSCALER_NAMESPACE, CLUSTER_AUTOSCALER_SERVICE_ACCOUNT, clusterAutoscalerChart } from './chart';

/*
 * Node autoscaling for EKS: managed node groups only keep their size between min and max; something
 * must change it. GKE and AKS scale their pools themselves (the stacks turn their autoscalers on).
 *
 * Cluster Autoscaler rather than Karpenter: the fleet describes node pools (instance type, spot, min/max,
 * labels, taints), which are managed node groups on EKS and node pools on GKE and AKS, so the same
 * description means the same thing on every cloud. Cluster Autoscaler scales exactly those groups,
 * within exactly those bounds. Karpenter would replace the node groups' scaling with its own
 * NodePools/EC2NodeClasses: a second, EKS-only way to describe capacity, and custom resources the
 * strict schema check of this repository has no upstream schema package for.
 *
 * On by default for every EKS cluster; `platform: { clusterAutoscaler: false }` turns it off (then the
 * node groups stay at their minimum size unless something else scales them).
 */

/** `platform.clusterAutoscaler`: `false` turns it off; an empty object (or nothing) keeps it on. */
export type ClusterAutoscalerSettings = false | Readonly<Record<string, never>>;

/** IAM role the autoscaler runs as, through EKS Pod Identity. */
export function clusterAutoscalerRoleName(cluster: { readonly name: string }): string {
  return `${cluster.name}-cluster-autoscaler`;
}

/**
 * Output of the cluster's stack: the autoscaler's role. The chart needs nothing from Terraform; its pods
 * carry the ARN, once output, so that they restart after the stack has made the role's Pod Identity
 * association (chart.ts CLUSTER_AUTOSCALER_ROLE_ANNOTATION).
 */
export const CLUSTER_AUTOSCALER_ROLE_OUTPUT = 'cluster_autoscaler_role_arn';
const ROLE_ARN = { test: /^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/, allowed: 'an IAM role ARN, arn:aws:iam::<account>:role/<name>' };

/** The autoscaler's role from the cluster's Terraform outputs, or undefined before the stack output it; a malformed value is a problem. */
function outputRole(ctx: AddonClusterContext): string | undefined {
  const problems: Problem[] = [];
  const role = stringOutput(ctx.outputs.get(ctx.cluster.name)?.values, CLUSTER_AUTOSCALER_ROLE_OUTPUT, `terraform-outputs/${ctx.cluster.name}.json`, problems, ROLE_ARN);
  problems.forEach((p) => ctx.problem(p));
  return role;
}

// Tags the autoscaler reads to build a node template for a group at zero nodes
// (kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/README.md, "Auto-Discovery Setup").
const LABEL_TAG = 'k8s.io/cluster-autoscaler/node-template/label/';
const TAINT_TAG = 'k8s.io/cluster-autoscaler/node-template/taint/';
const RESOURCE_TAG = 'k8s.io/cluster-autoscaler/node-template/resources/';

/**
 * Tags an Auto Scaling group takes: "The maximum number of tags per resource is 50" (Amazon EC2 Auto Scaling
 * User Guide, ec2-auto-scaling-tagging, Tag naming and usage restrictions; kubernetes/autoscaler
 * cluster-autoscaler/proposals/circumvent-tag-limit-aws.md: node-template tags "will run into this 50 tag limit").
 */
const ASG_TAGS_MAX = 50;
/**
 * Tags EKS itself puts on a managed node group's Auto Scaling group that we are sure of: eks:cluster-name and
 * eks:nodegroup-name (circumvent-tag-limit-aws.md: "we automatically add them to every managed nodegroup"), and the
 * auto-discovery pair k8s.io/cluster-autoscaler/enabled and k8s.io/cluster-autoscaler/<cluster> (EKS User Guide,
 * managed-node-groups; the policy's condition relies on the latter). A lower bound: a fleet refused for it would fail.
 */
const EKS_ASG_TAGS = 4;

/**
 * The ephemeral storage a node of a `diskSizeGb` node group can give pods, in whole GiB, never more than it has.
 * The node the autoscaler simulates for a group at zero has CPU, memory, GPUs and pods, and no ephemeral storage
 * unless a node-template/resources tag says so (cluster-autoscaler/cloudprovider/aws/aws_manager.go
 * buildNodeFromTemplate, at every pinned tag v1.32.7-v1.36.1; eks:DescribeNodegroup gives only labels, taints
 * and tags: aws_wrapper.go getManagedNodegroupInfo): a pod that requests `ephemeral-storage` never scaled such a
 * group up ("Insufficient ephemeral-storage", kubernetes/autoscaler#1650, #1869). The node's allocatable is its root
 * filesystem (AL2023: the disk, less its partitions and XFS log) less the kubelet's reservations, which nodeadm
 * sets to 1Gi and an eviction threshold of 10% (awslabs/amazon-eks-ami nodeadm/internal/kubelet/config.go:
 * kubeReserved ephemeral-storage, evictionHard nodefs.available). 88% of the disk (90% of 98% of it) less 1 GiB
 * stays under it: a simulated node with more than the real one has would be added for a pod that then does not fit.
 */
export function eksNodeEphemeralStorageGi(diskSizeGb: number): number {
  return Math.floor(diskSizeGb * 0.88) - 1;
}

/**
 * The policy of kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/README.md ("Full Cluster
 * Autoscaler Features Policy"), with the two mutating actions limited, as it recommends, by tag to the
 * Auto Scaling groups of this cluster: EKS tags its node groups' groups k8s.io/cluster-autoscaler/<cluster>=owned.
 * eks:DescribeNodegroup is an action on a node group's ARN, `arn:<partition>:eks:<region>:<account>:nodegroup/<cluster>/<name>/<id>`
 * (EKS API DescribeNodegroup: GET /clusters/<cluster>/node-groups/<name>), so it is limited to this cluster's
 * node groups, as aws-ia/terraform-aws-eks-blueprints modules/kubernetes-addons/cluster-autoscaler/data.tf
 * does: the README's `*` let it read every node group of the account (roles, subnets, labels, taints).
 * The Auto Scaling and EC2 describe actions take no resource (`*` only). `nodeGroups`: that ARN pattern.
 */
function autoscalerPolicy(clusterName: string, nodeGroups: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: [
          'autoscaling:DescribeAutoScalingGroups',
          'autoscaling:DescribeAutoScalingInstances',
          'autoscaling:DescribeLaunchConfigurations',
          'autoscaling:DescribeScalingActivities',
          'ec2:DescribeImages',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplateVersions',
          'ec2:GetInstanceTypesFromInstanceRequirements',
        ],
        Resource: '*',
      },
      {
        Effect: 'Allow',
        // Labels and taints of a managed node group that never had a node.
        Action: ['eks:DescribeNodegroup'],
        Resource: nodeGroups,
      },
      {
        Effect: 'Allow',
        Action: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
        Resource: '*',
        Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`]: 'owned' } },
      },
    ],
  });
}

/** Construct ids may not contain "/" (the path separator): label keys often do. */
const constructId = (key: string) => key.replace(/[^A-Za-z0-9_-]/g, '_');

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The node-template tags of one pool: its labels (the fleet's, and those EKS adds), its taints and its nodes'
 * ephemeral storage. `nodeGroupName`: the group's name, generated by the provider (a Terraform reference in the stack).
 */
function nodeTemplateTags(pool: { readonly name: string; readonly machineType?: unknown; readonly spot?: unknown; readonly labels?: unknown; readonly taints?: unknown; readonly diskSizeGb: number }, nodeGroupName: string): { key: string; value: string; path: string; at: string }[] {
  const labels: Record<string, string> = {
    ...eksNodeGroupLabels({ name: pool.name, machineType: typeof pool.machineType === 'string' ? pool.machineType : '', labels: isRecord(pool.labels) ? (pool.labels as Record<string, string>) : {} }),
    // EKS puts these on every node of a managed node group (EKS User Guide, managed-node-groups).
    'eks.amazonaws.com/nodegroup': nodeGroupName,
    'eks.amazonaws.com/capacityType': pool.spot === true ? 'SPOT' : 'ON_DEMAND',
  };
  const taints = Array.isArray(pool.taints) ? pool.taints.filter(isRecord) : [];
  return [
    ...Object.entries(labels).map(([k, v]) => ({ key: `${LABEL_TAG}${k}`, value: v, path: `nodePools[${pool.name}].labels[${k}]`, at: `label-${constructId(k)}` })),
    ...taints.map((t, i) => ({ key: `${TAINT_TAG}${asText(t.key)}`, value: `${typeof t.value === 'string' ? t.value : ''}:${asText(t.effect)}`, path: `nodePools[${pool.name}].taints[${i}].key`, at: `taint-${constructId(asText(t.key))}` })),
    { key: `${RESOURCE_TAG}ephemeral-storage`, value: `${eksNodeEphemeralStorageGi(pool.diskSizeGb)}Gi`, path: `nodePools[${pool.name}].diskSizeGb`, at: 'resource-ephemeral-storage' },
  ];
}

/** Problems with the add-on's settings and with the names it derives, at the fleet fields they come from. */
function validate(settings: unknown, fleet: Readonly<Record<string, unknown>>): Problem[] {
  const problems: Problem[] = onOffSettingsProblems('clusterAutoscaler', settings);
  const clusters = Array.isArray(fleet.clusters) ? fleet.clusters.filter(isRecord) : [];
  const names: DerivedCloudName[] = [];
  for (const c of clusters.filter((x) => x.cloud === 'aws' && isDns1123Label(x.name))) {
    const at = `clusters[${c.name}]`;
    const version = c.kubernetesVersion;
    if (typeof version === 'string' && /^1\.\d+$/.test(version) && !CLUSTER_AUTOSCALER_IMAGE_TAGS[version]) {
      problems.push({ path: `${at}.kubernetesVersion`, message: `no Cluster Autoscaler release pinned for Kubernetes ${version} (lib/addons/cluster-autoscaler/chart.ts)`, given: show(version), allowed: Object.keys(CLUSTER_AUTOSCALER_IMAGE_TAGS).join(', ') });
    }
    const account = `aws:${typeof c.accountId === 'string' ? c.accountId : '(the pipeline\'s account)'}`;
    names.push({ rule: 'iamRoleName', value: clusterAutoscalerRoleName({ name: c.name as string }), path: `${at}.name`, scope: account });
    const pools = Array.isArray(c.nodePools) ? c.nodePools.filter(isRecord).filter((p) => typeof p.name === 'string') : [];
    // A zone's group gets tags when its share of minSize is 0: some zone's is whenever minSize is below the number of zones.
    const zones = zonesAsWritten(c).length;
    for (const pool of pools.filter((p) => typeof p.minSize === 'number' && p.minSize < zones)) {
      // Only the keys are checked: the group name and the disk size (values) do not matter here.
      const tags = nodeTemplateTags({ ...(pool as { name: string }), diskSizeGb: 0 }, '');
      for (const tag of tags) names.push({ rule: 'awsTagKey', value: tag.key, path: `${at}.${tag.path}`, scope: `${at}/${asText(pool.name)}` });
      if (tags.length + EKS_ASG_TAGS > ASG_TAGS_MAX) {
        problems.push({
          path: `${at}.nodePools[${asText(pool.name)}]`,
          message: `a pool that scales from zero gets a node-template tag on each zone's Auto Scaling group for every label (its own and those fleetsynth and EKS add), every taint and its ephemeral storage, ${tags.length} here, beside the ${EKS_ASG_TAGS} EKS puts there, and an Auto Scaling group takes at most ${ASG_TAGS_MAX} tags: the apply would fail at the tags`,
          given: show(tags.length),
          allowed: `at most ${ASG_TAGS_MAX - EKS_ASG_TAGS} node-template tags: fewer labels and taints, or a minSize of at least the number of zones (${zones}), whose groups never reach zero and get none`,
        });
      }
    }
  }
  return [...problems, ...cloudNameProblems(names)];
}

/** The built-in Cluster Autoscaler add-on (registered in lib/addons/registry.ts, on by default). */
export function clusterAutoscaler(settings: unknown): FleetAddon {
  return {
    name: 'cluster-autoscaler',
    validate: (fleet) => validate(settings, fleet),
    charts: (ctx) => (ctx.cluster.cloud === 'aws' ? [withImageMirrors(clusterAutoscalerChart(ctx.cluster, outputRole(ctx)), CLUSTER_AUTOSCALER_IMAGES, ctx.cluster.imageMirrors)] : []),
    // The role's ARN as the stack outputs it once applied (the account the fake outputs give a cluster without one: lib/synth/fake-outputs.ts).
    fakeOutputs: ({ fleet }) => ({
      clusters: Object.fromEntries(
        fleet.clusters.filter((c) => c.cloud === 'aws').map((c) => [c.name, { [CLUSTER_AUTOSCALER_ROLE_OUTPUT]: `arn:aws:iam::${c.accountId ?? DOCUMENTATION_AWS_ACCOUNT_ID}:role/${clusterAutoscalerRoleName(c)}` }]),
      ),
    }),
    clusterStack(scope: Construct, { cluster, infra, addOutput }) {
      if (infra.cloud !== 'aws') return;
      const role = new IamRole(scope, 'role', { name: clusterAutoscalerRoleName(cluster), assumeRolePolicy: podIdentityTrustPolicy(infra.eks.cluster.arn, CLUSTER_AUTOSCALER_NAMESPACE, CLUSTER_AUTOSCALER_SERVICE_ACCOUNT) });
      const partition = new DataAwsPartition(scope, 'partition').partition;
      const account = new DataAwsCallerIdentity(scope, 'account').accountId;
      const nodeGroups = `arn:${partition}:eks:${cluster.region}:${account}:nodegroup/${cluster.name}/*`;
      new IamRolePolicy(scope, 'policy', { name: 'cluster-autoscaler', role: role.name, policy: autoscalerPolicy(cluster.name, nodeGroups) });
      // The chart's service account gets the role's credentials from the Pod Identity agent (an EKS add-on of the stack).
      new EksPodIdentityAssociation(scope, 'pod-identity', {
        clusterName: infra.eks.cluster.name,
        namespace: CLUSTER_AUTOSCALER_NAMESPACE,
        serviceAccount: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
        roleArn: role.arn,
        dependsOn: [infra.eks.podIdentityAgent],
      });
      // Scale from zero: the autoscaler reads a group's labels and taints from EKS only while the group
      // has never had a node; after that only from these tags on its Auto Scaling group (README,
      // "eks:DescribeNodegroup"), and its nodes' ephemeral storage only from them (eksNodeEphemeralStorageGi).
      // EKS does not copy node group tags there, so Terraform does, for every
      // zone's group whose share of minSize is 0 (a pool of minSize 1 over 3 zones: two of them). No zone
      // tag: the autoscaler labels the node it simulates with the Auto Scaling group's first zone, the
      // group's only one (kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/aws_manager.go
      // getAsgTemplate and buildGenericLabels: topology.kubernetes.io/zone, topology.ebs.csi.aws.com/zone).
      for (const pool of cluster.nodePools) {
        infra.eks.nodeGroups.get(pool.name)!.forEach((zone, i) => {
          if (zone.minSize > 0) return;
          const asg = zone.group.resources.get(0).autoscalingGroups.get(0).name;
          // The first zone keeps the ids of the pool's one group before groups were per zone (eksNodeGroupConstructId).
          const prefix = i === 0 ? pool.name : `${pool.name}_${zone.zoneSuffix}`;
          for (const tag of nodeTemplateTags(pool, zone.group.nodeGroupName)) {
            new AutoscalingGroupTag(scope, `${prefix}-${tag.at}`, { autoscalingGroupName: asg, tag: { key: tag.key, value: tag.value, propagateAtLaunch: false } });
          }
        });
      }
      addOutput(CLUSTER_AUTOSCALER_ROLE_OUTPUT, role.arn);
    },
  };
}
