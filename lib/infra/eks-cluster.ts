import { Construct } from 'constructs';
import { Fn, ITerraformDependable, Token } from './cdktf';
import { EksControlPlaneLogGroup } from './eks-control-plane-log-group';
import { EksControlPlaneSubnets } from './eks-control-plane-subnets';
import { EksInstanceTypeZones, Precondition } from './eks-instance-type-zones';
import { EksNodeLaunchTemplate } from './eks-node-launch-template';
import { eksNodeGroupLabels } from './eks-node-labels';
import { ecrCacheRepositories, eksAddonVersions, EksAmiType, eksAmiType, eksEbsCsiRoleName, EksManagedAddon, EksZoneNodeGroup, eksZoneNodeGroups, eksSecretsKeyAlias, ImageMirrors, ResolvedNodePool, terraformTaintEffect } from '../fleet';
import {
  DataAwsPartition,
  EksAddon,
  EksCluster as EksClusterResource,
  EksNodeGroup,
  IamOpenidConnectProvider,
  IamRole,
  IamRolePolicy,
  IamRolePolicyAttachment,
  KmsAlias,
  KmsKey,
} from './providers/aws';

export interface EksClusterProps {
  readonly clusterName: string;
  /** Minor version, `1.35`. */
  readonly kubernetesVersion: string;
  /** The region, for the VPC CNI's ENIConfigs. */
  readonly region: string;
  /**
   * Private subnets for the control plane's ENIs: those it is created with, kept after (a zone added
   * later gets nodes, not control-plane ENIs; see `EksCluster`). @default the node subnets, less those
   * in an Availability Zone EKS puts no control plane in (EksControlPlaneSubnets)
   */
  readonly subnetIds?: string[];
  /**
   * The private subnet of each zone, in zone order: each pool gets one node group per zone, in that
   * zone's subnet only (lib/fleet/eks-node-groups.ts says why).
   */
  readonly nodeSubnets: readonly { readonly zone: string; readonly subnetId: string }[];
  /**
   * One subnet per zone the pods take their addresses from (VPC CNI custom networking): nodes
   * keep the node subnets, pods never do.
   */
  readonly podSubnets: readonly { readonly zone: string; readonly subnetId: string }[];
  readonly serviceCidr: string;
  readonly nodePools: readonly ResolvedNodePool[];
  /** IAM role names the cluster and its nodes run as. */
  readonly clusterRoleName: string;
  readonly nodeRoleName: string;
  /** IAM role the EBS CSI controller runs as (EKS Pod Identity). @default `<clusterName>-ebs-csi` */
  readonly ebsCsiRoleName?: string;
  /** Alias of the secrets-encryption KMS key. @default `alias/<clusterName>-eks-secrets` */
  readonly secretsKeyAlias?: string;
  /** Version of each EKS managed add-on. @default the pinned row of lib/fleet/eks-addon-versions.ts for `kubernetesVersion` */
  readonly addonVersions?: Readonly<Record<EksManagedAddon, string>>;
  /**
   * Ranges that may reach the API's public endpoint; empty: the public endpoint is off (the API is
   * always reachable privately, from the VPC). @default none
   */
  readonly publicAccessCidrs?: readonly string[];
  /** Days CloudWatch keeps the control-plane logs (see EksControlPlaneLogGroup). @default 90 (EKS_CONTROL_PLANE_LOG_RETENTION_DAYS) */
  readonly controlPlaneLogRetentionDays?: number;
  /** The registry mirrors the nodes pull the platform's images through: the ECR pull through caches among them get the node role's import rights (see `ecrPullThroughCachePolicy`). @default none */
  readonly imageMirrors?: ImageMirrors;
}

/**
 * The node role's policy for the ECR pull through caches among its mirrors. AmazonEC2ContainerRegistryReadOnly
 * pulls what is cached; the first pull of an image also creates its repository and imports the image, which
 * needs `ecr:CreateRepository` and `ecr:BatchImportUpstreamImage` (ECR User Guide, "IAM permissions required
 * to sync an upstream registry with an Amazon ECR private registry"), here on the cache's repositories only.
 * A cache in another account also needs that registry's permissions policy to grant them (same page).
 * Undefined when no mirror is an ECR address.
 */
export function ecrPullThroughCachePolicy(mirrors: ImageMirrors | undefined, partition: string): string | undefined {
  const caches = ecrCacheRepositories(mirrors);
  if (caches.length === 0) return undefined;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{
      Sid: 'ImportThroughPullThroughCache',
      Effect: 'Allow',
      Action: ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'],
      Resource: caches.map((c) => `arn:${partition}:ecr:${c.region}:${c.account}:repository/${c.prefix === '' ? '' : `${c.prefix}/`}*`),
    }],
  });
}

/** The node group's AMI type; validation refuses an instance family without one. */
function amiTypeOf(machineType: string): EksAmiType {
  const amiType = eksAmiType(machineType);
  if (!amiType) throw new Error(`no EKS AMI type known for instance type ${machineType} (lib/fleet/eks-ami-type.ts)`);
  return amiType;
}

const CLUSTER_LOGS = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];
const NODE_POLICIES = ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryReadOnly'];

const assumeRole = (principal: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }] });

/**
 * Trust policy of a role that one service account of one cluster assumes through EKS Pod Identity: the
 * principal and actions of the EKS User Guide (pod-id-role), with the session tags Pod Identity sends
 * when it assumes the role (eks-cluster-arn, kubernetes-namespace, kubernetes-service-account; the
 * guide's "Setting Conditions") as conditions. Without them any Pod Identity association in the account,
 * for any cluster, namespace or service account, could be given the role (eks:CreatePodIdentityAssociation
 * and iam:PassRole are all it takes). `clusterArn` is the cluster's `arn` (a reference: the role follows
 * the cluster). Changing a trust policy is an in-place update of the role.
 */
export function podIdentityTrustPolicy(clusterArn: string, namespace: string, serviceAccount: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: {
            'aws:RequestTag/eks-cluster-arn': clusterArn,
            'aws:RequestTag/kubernetes-namespace': namespace,
            'aws:RequestTag/kubernetes-service-account': serviceAccount,
          },
        },
      },
    ],
  });
}

/** The EBS CSI controller's service account and namespace (aws-ebs-csi-driver docs/install.md, EKS add-on). */
const EBS_CSI_SERVICE_ACCOUNT = 'ebs-csi-controller-sa';
const EBS_CSI_NAMESPACE = 'kube-system';

/**
 * The EBS CSI add-on's configuration: its recommended default StorageClass. EKS clusters from 1.30 on
 * have none (gp2 lost its default annotation), so a PersistentVolumeClaim that names no class (Loki's,
 * Mimir's, most charts') stays Pending; the add-on deploys one from v1.31.0 with this value
 * (awsdocs/amazon-eks-user-guide latest/ug/clusters/kubernetes-versions-standard.adoc:62).
 */
const EBS_CSI_CONFIGURATION = JSON.stringify({ defaultStorageClass: { enabled: true } });

/** One zone's managed node group of a pool, with the zone and the share of the pool's bounds it has. */
export interface EksPoolNodeGroup extends EksZoneNodeGroup {
  readonly group: EksNodeGroup;
}

/**
 * The construct id of a pool's node group in a zone. The first zone's is the id a pool's one group had
 * before groups were per zone (`pool-<pool>`), so an existing group stays at its Terraform address and
 * is replaced new-first (create_before_destroy) rather than destroyed beside new groups in no set order.
 * "_" cannot occur in a pool name (a DNS label), so no other pool's id can match.
 */
export function eksNodeGroupConstructId(pool: { readonly name: string }, zoneIndex: number, zoneSuffix: string): string {
  return zoneIndex === 0 ? `pool-${pool.name}` : `pool-${pool.name}_${zoneSuffix}`;
}

/**
 * An EKS cluster: its control plane in the zones EKS accepts (EksControlPlaneSubnets), secrets
 * envelope-encrypted with its own KMS key, every control-plane log type (kept for a set number of days),
 * API-only authentication (access entries), an OIDC provider for IRSA, pinned managed add-ons (VPC
 * CNI with custom networking onto the pod subnets, kube-proxy, the Pod Identity agent, CoreDNS, the
 * EBS CSI driver with its default StorageClass), one managed node group per pool and zone. Argo CD's access is lib/infra/argocd-access/aws.ts.
 */
export class EksCluster extends Construct {
  readonly cluster: EksClusterResource;
  readonly oidcProvider: IamOpenidConnectProvider;
  /**
   * The managed node groups of each pool, one per zone in zone order, by pool name (each group's own
   * name is generated: `<pool>-<zone suffix>-<unique id>`).
   */
  readonly nodeGroups = new Map<string, readonly EksPoolNodeGroup[]>();
  /** The Pod Identity agent add-on: what a Pod Identity association needs before its pods start. */
  readonly podIdentityAgent: EksAddon;
  /**
   * The zones the control plane has its subnets in, comma-separated in zone order, as Terraform knows
   * them after an apply: of the node subnets, those among the cluster's `vpc_config` subnets (its state,
   * the subnets it was created with: the config's are ignored). A zone added later is not among them.
   */
  readonly controlPlaneZones: string;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    const partition = new DataAwsPartition(this, 'partition').partition;
    const managedPolicy = (name: string) => `arn:${partition}:iam::aws:policy/${name}`;

    const clusterRole = new IamRole(this, 'cluster-role', { name: props.clusterRoleName, assumeRolePolicy: assumeRole({ Service: 'eks.amazonaws.com' }) });
    const clusterPolicy = new IamRolePolicyAttachment(this, 'cluster-policy', { role: clusterRole.name, policyArn: managedPolicy('AmazonEKSClusterPolicy') });

    const key = new KmsKey(this, 'secrets-key', { description: `EKS secrets envelope encryption for ${props.clusterName}`, enableKeyRotation: true, deletionWindowInDays: 30 });
    new KmsAlias(this, 'secrets-key-alias', { name: props.secretsKeyAlias ?? eksSecretsKeyAlias({ name: props.clusterName }), targetKeyId: key.keyId });
    const publicCidrs = [...(props.publicAccessCidrs ?? [])];
    const logs = new EksControlPlaneLogGroup(this, 'control-plane-logs', { clusterName: props.clusterName, retentionInDays: props.controlPlaneLogRetentionDays });
    const controlPlane = props.subnetIds ? undefined : new EksControlPlaneSubnets(this, 'control-plane-subnets', { clusterName: props.clusterName, subnets: props.nodeSubnets });

    this.cluster = new EksClusterResource(this, 'cluster', {
      name: props.clusterName,
      version: props.kubernetesVersion,
      roleArn: clusterRole.arn,
      enabledClusterLogTypes: CLUSTER_LOGS,
      // public_access_cidrs defaults to 0.0.0.0/0 (EKS API VpcConfigRequest): public only with an explicit list.
      vpcConfig: { subnetIds: props.subnetIds ?? controlPlane!.subnetIds, endpointPrivateAccess: true, endpointPublicAccess: publicCidrs.length > 0, ...(publicCidrs.length > 0 ? { publicAccessCidrs: publicCidrs } : {}) },
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: key.arn } },
      kubernetesNetworkConfig: { serviceIpv4Cidr: props.serviceCidr },
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: true },
      // The role's policy before the cluster, and removed after it: EKS needs it to create and to delete
      // the cluster's own EC2 resources, security groups included (the provider's aws_eks_cluster docs).
      // The log group before it too, or EKS creates its own, without retention.
      dependsOn: [clusterRole, clusterPolicy, logs.logGroup],
      // The control plane keeps the subnets it was created with. The provider updates subnet_ids in place
      // (terraform-provider-aws internal/service/eks/cluster.go resourceClusterUpdate: HasChange
      // "vpc_config.0.subnet_ids" → UpdateClusterConfig), and EKS refuses subnets outside the zones the
      // cluster was created in (amazon-eks-user-guide latest/ug/networking/network-reqs.adoc: "All subnets
      // that you add must be in the same set of AZs as originally provided when you created the cluster";
      // aws/containers-roadmap#2258), so an added zone would fail every apply. Nodes need no control-plane
      // subnet in their zone (same page, "Subnet requirements for nodes"; EKS gives managed nodes the cluster
      // security group: sec-group-reqs.adoc). Endpoint access and public_access_cidrs are their own update
      // (the same function, a separate UpdateClusterConfig) and still apply.
      // The node subnets less the zones EKS refuses (EksControlPlaneSubnets): the plan fails when fewer than two are left.
      lifecycle: { ignoreChanges: ['vpc_config[0].subnet_ids'], ...(controlPlane ? { precondition: [controlPlane.precondition] } : {}) },
    });
    const controlPlaneSubnets = this.cluster.vpcConfig.subnetIds;
    this.controlPlaneZones = Fn.join(',', Fn.compact(props.nodeSubnets.map((s) => Fn.conditional(Fn.contains(controlPlaneSubnets, s.subnetId), s.zone, ''))));

    this.oidcProvider = new IamOpenidConnectProvider(this, 'oidc', {
      url: this.cluster.identity.get(0).oidc.get(0).issuer,
      clientIdList: ['sts.amazonaws.com'],
    });

    const nodeRole = new IamRole(this, 'node-role', { name: props.nodeRoleName, assumeRolePolicy: assumeRole({ Service: 'ec2.amazonaws.com' }) });
    const cachePolicy = ecrPullThroughCachePolicy(props.imageMirrors, partition);
    const nodePolicies = [
      ...NODE_POLICIES.map((p) => new IamRolePolicyAttachment(this, `node-${p}`, { role: nodeRole.name, policyArn: managedPolicy(p) })),
      // Before the nodes, like the managed policies: their first pulls go through the caches.
      ...(cachePolicy ? [new IamRolePolicy(this, 'node-ecr-pull-through-cache', { role: nodeRole.name, name: 'ecr-pull-through-cache', policy: cachePolicy })] : []),
    ];

    // Managed add-ons, each pinned. The ones a node needs to be Ready come before the node groups, so
    // every node starts with the final CNI configuration: the VPC CNI reads custom networking at start,
    // and existing nodes would keep the node subnets for pods until replaced (EKS User Guide,
    // cni-custom-network-tutorial). EKS installs unmanaged copies at cluster creation: overwrite them.
    const versions = props.addonVersions ?? eksAddonVersions(props.kubernetesVersion);
    const addon = (name: EksManagedAddon, extra: Partial<ConstructorParameters<typeof EksAddon>[2]> = {}) =>
      new EksAddon(this, `addon-${name}`, {
        clusterName: this.cluster.name,
        addonName: name,
        addonVersion: versions[name],
        resolveConflictsOnCreate: 'OVERWRITE',
        resolveConflictsOnUpdate: 'OVERWRITE',
        ...extra,
      });
    // Custom networking: pods take their addresses from the pod subnet of their node's zone. The add-on
    // creates one ENIConfig per zone, named after it (aws/amazon-vpc-cni-k8s charts/aws-vpc-cni values.yaml
    // eniConfig, templates/eniconfig.yaml), and each node picks the one its topology.kubernetes.io/zone label
    // names (README: AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG, ENI_CONFIG_LABEL_DEF). No ENIConfig object in Git:
    // its CRD comes with the add-on, and the add-on owns them.
    const clusterSecurityGroup = this.cluster.vpcConfig.clusterSecurityGroupId;
    const vpcCni = addon('vpc-cni', {
      configurationValues: Fn.jsonencode({
        env: { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'true', ENI_CONFIG_LABEL_DEF: 'topology.kubernetes.io/zone' },
        eniConfig: {
          create: true,
          region: props.region,
          // The cluster security group: the one EKS gives managed nodes and the control plane's ENIs, so
          // the control plane reaches pods (webhooks) and pods reach each other.
          subnets: Object.fromEntries(props.podSubnets.map((p) => [p.zone, { id: p.subnetId, securityGroups: [clusterSecurityGroup] }])),
        },
      }),
    });
    // On a bump, after the control plane (cluster_name references it) and before the nodes: "kube-proxy must not
    // be newer than kube-apiserver" and "may be up to three minor versions older or newer than the kubelet"
    // (kubernetes/website content/en/releases/version-skew-policy.md; EKS applies it to kube-proxy).
    const kubeProxy = addon('kube-proxy');
    this.podIdentityAgent = addon('eks-pod-identity-agent');

    if (props.nodeSubnets.length === 0) throw new Error(`eks cluster ${props.clusterName}: nodeSubnets is empty: a node group needs a subnet`);
    const zones = props.nodeSubnets.map((s) => s.zone);
    const offered = new EksInstanceTypeZones(this, 'instance-type-zones');
    for (const pool of props.nodePools) {
      const perZone = eksZoneNodeGroups(pool, props.region, zones);
      const template = new EksNodeLaunchTemplate(this, `launch-template-${pool.name}`, { clusterName: props.clusterName, poolName: pool.name, amiType: amiTypeOf(pool.machineType), diskSizeGb: pool.diskSizeGb });
      // The other zones' groups first: the first zone's group depends on them, so that when an existing
      // pool's one group (the first zone's address) is replaced, every new group exists before the old
      // one is drained and deleted (its deposed instance is destroyed after its replacement is created).
      const offeredIn = (z: EksZoneNodeGroup) => offered.offeredIn(pool.machineType, z.zone, pool.name);
      const others = perZone.slice(1).map((z, i) => ({ ...z, group: this.zoneGroup(props, pool, z, eksNodeGroupConstructId(pool, i + 1, z.zoneSuffix), template, nodeRole.arn, offeredIn(z), [...nodePolicies, vpcCni, kubeProxy, this.podIdentityAgent]) }));
      const first = { ...perZone[0], group: this.zoneGroup(props, pool, perZone[0], eksNodeGroupConstructId(pool, 0, perZone[0].zoneSuffix), template, nodeRole.arn, offeredIn(perZone[0]), [...nodePolicies, vpcCni, kubeProxy, this.podIdentityAgent, ...others.map((o) => o.group)]) };
      this.nodeGroups.set(pool.name, [first, ...others]);
    }
    const nodeGroups = [...this.nodeGroups.values()].flatMap((groups) => groups.map((g) => g.group));

    // Deployments: their add-ons become ACTIVE only once a node runs them, so after the node groups.
    addon('coredns', { dependsOn: nodeGroups });
    const ebsCsiRole = new IamRole(this, 'ebs-csi-role', { name: props.ebsCsiRoleName ?? eksEbsCsiRoleName({ name: props.clusterName }), assumeRolePolicy: podIdentityTrustPolicy(this.cluster.arn, EBS_CSI_NAMESPACE, EBS_CSI_SERVICE_ACCOUNT) });
    const ebsCsiPolicy = new IamRolePolicyAttachment(this, 'ebs-csi-policy', { role: ebsCsiRole.name, policyArn: managedPolicy('service-role/AmazonEBSCSIDriverPolicy') });
    addon('aws-ebs-csi-driver', {
      podIdentityAssociation: [{ roleArn: ebsCsiRole.arn, serviceAccount: EBS_CSI_SERVICE_ACCOUNT }],
      configurationValues: EBS_CSI_CONFIGURATION,
      dependsOn: [...nodeGroups, ebsCsiPolicy],
    });
  }

  /** A pool's managed node group in one zone: that zone's private subnet, that zone's share of the pool's bounds, the pool's launch template. */
  private zoneGroup(props: EksClusterProps, pool: ResolvedNodePool, zone: EksZoneNodeGroup, id: string, template: EksNodeLaunchTemplate, nodeRoleArn: string, offered: Precondition, dependsOn: ITerraformDependable[]): EksNodeGroup {
    const subnet = props.nodeSubnets.find((s) => s.zone === zone.zone)!;
    return new EksNodeGroup(this, id, {
      clusterName: this.cluster.name,
      // A generated name (the prefix and a unique id), so the replacement of a group (instance_types, ami_type,
      // capacity_type, subnet_ids, launch_template id are ForceNew: hashicorp/terraform-provider-aws internal/service/eks/node_group.go)
      // can be created beside it, before it is deleted (create_before_destroy below).
      nodeGroupNamePrefix: zone.namePrefix,
      nodeRoleArn,
      subnetIds: [subnet.subnetId],
      // The cluster's minor: a bump rolls the groups after the control plane (cluster_name references it), in
      // the same apply. Left behind, they would block the next bump: "all of your node groups' Kubernetes versions
      // must match the cluster's" (EKS API reference, UpdateClusterVersion). No force_update_version: a drain
      // respects PodDisruptionBudgets, and one they block for 15 minutes fails the update (PodEvictionFailure:
      // amazon-eks-user-guide latest/ug/nodes/managed-node-update-behavior.adoc).
      version: props.kubernetesVersion,
      instanceTypes: [pool.machineType],
      // Explicit, so an arm64 or GPU instance type gets its AMI and EKS's default never changes it (lib/fleet/eks-ami-type.ts).
      amiType: amiTypeOf(pool.machineType),
      // No release_version: EKS creates the group on the latest AMI release of its ami_type and version (EKS API
      // CreateNodegroup, releaseVersion) and moves it only when asked (UpdateNodegroupVersion: no version or
      // releaseVersion given, the latest release). The provider reads the group's release back into an Optional,
      // Computed release_version (terraform-provider-aws internal/service/eks/node_group.go), so a group moved
      // with `aws eks update-nodegroup-version` (README, "Node security patches") plans no change after. A pinned
      // release would fall behind the one EKS gives a new group, and a group moved past it by hand would fail the
      // next apply: EKS cannot take a group back to an earlier AMI version (same API page).
      capacityType: pool.spot ? 'SPOT' : 'ON_DEMAND',
      // The root volume (encrypted, its size) and the metadata options; no disk_size beside it (EKS refuses both).
      // Its latest version: a new one (the disk size changed) is a rolling update of the group's nodes, in place.
      launchTemplate: { id: template.id, version: Token.asString(template.latestVersion) },
      scalingConfig: { minSize: zone.minSize, maxSize: zone.maxSize, desiredSize: zone.minSize },
      updateConfig: { maxUnavailable: 1 },
      labels: eksNodeGroupLabels(pool),
      taint: pool.taints.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: terraformTaintEffect(t.effect) })),
      // The cluster autoscaler owns the current size; Terraform owns the bounds. A replacement group is ACTIVE before the
      // old one is drained to zero and deleted (amazon-eks-user-guide latest/ug/nodes/delete-managed-node-group.adoc:13-15).
      // Terraform makes what the group depends on create-before-destroy too (hashicorp/terraform docs/destroying.md:294-296).
      // The plan fails where the zone does not offer the instance type (EksInstanceTypeZones), not CreateNodegroup.
      lifecycle: { ignoreChanges: ['scaling_config[0].desired_size'], createBeforeDestroy: true, precondition: [offered] },
      dependsOn,
    });
  }
}
