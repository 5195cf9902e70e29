import { Construct } from 'constructs';
import { ResolvedNodePool, terraformTaintEffect } from '../fleet';
import {
  DataAwsPartition,
  EksCluster as EksClusterResource,
  EksNodeGroup,
  IamOpenidConnectProvider,
  IamRole,
  IamRolePolicyAttachment,
  KmsAlias,
  KmsKey,
} from './providers/aws';

export interface EksClusterProps {
  readonly clusterName: string;
  /** Minor version, `1.35`. */
  readonly kubernetesVersion: string;
  /** Private subnets for the control plane's ENIs and the nodes. */
  readonly subnetIds: string[];
  readonly serviceCidr: string;
  readonly nodePools: readonly ResolvedNodePool[];
  /** IAM role names the cluster and its nodes run as. */
  readonly clusterRoleName: string;
  readonly nodeRoleName: string;
  /** Whether the API is also reachable from the internet (it is always reachable privately). @default true */
  readonly publicEndpoint?: boolean;
}

const CLUSTER_LOGS = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];
const NODE_POLICIES = ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryReadOnly'];

const assumeRole = (principal: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }] });

/**
 * An EKS cluster: secrets envelope-encrypted with its own KMS key, every control-plane log type,
 * API-only authentication (access entries), an OIDC provider for IRSA, one managed node group per
 * pool. Argo CD's access is lib/infra/argocd-access/aws.ts.
 */
export class EksCluster extends Construct {
  readonly cluster: EksClusterResource;
  readonly oidcProvider: IamOpenidConnectProvider;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    const partition = new DataAwsPartition(this, 'partition').partition;
    const managedPolicy = (name: string) => `arn:${partition}:iam::aws:policy/${name}`;

    const clusterRole = new IamRole(this, 'cluster-role', { name: props.clusterRoleName, assumeRolePolicy: assumeRole({ Service: 'eks.amazonaws.com' }) });
    new IamRolePolicyAttachment(this, 'cluster-policy', { role: clusterRole.name, policyArn: managedPolicy('AmazonEKSClusterPolicy') });

    const key = new KmsKey(this, 'secrets-key', { description: `EKS secrets envelope encryption for ${props.clusterName}`, enableKeyRotation: true, deletionWindowInDays: 30 });
    new KmsAlias(this, 'secrets-key-alias', { name: `alias/${props.clusterName}-eks-secrets`, targetKeyId: key.keyId });

    this.cluster = new EksClusterResource(this, 'cluster', {
      name: props.clusterName,
      version: props.kubernetesVersion,
      roleArn: clusterRole.arn,
      enabledClusterLogTypes: CLUSTER_LOGS,
      vpcConfig: { subnetIds: props.subnetIds, endpointPrivateAccess: true, endpointPublicAccess: props.publicEndpoint ?? true },
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: key.arn } },
      kubernetesNetworkConfig: { serviceIpv4Cidr: props.serviceCidr },
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: true },
      dependsOn: [clusterRole],
    });

    this.oidcProvider = new IamOpenidConnectProvider(this, 'oidc', {
      url: this.cluster.identity.get(0).oidc.get(0).issuer,
      clientIdList: ['sts.amazonaws.com'],
    });

    const nodeRole = new IamRole(this, 'node-role', { name: props.nodeRoleName, assumeRolePolicy: assumeRole({ Service: 'ec2.amazonaws.com' }) });
    const nodePolicies = NODE_POLICIES.map((p) => new IamRolePolicyAttachment(this, `node-${p}`, { role: nodeRole.name, policyArn: managedPolicy(p) }));
    for (const pool of props.nodePools) {
      new EksNodeGroup(this, `pool-${pool.name}`, {
        clusterName: this.cluster.name,
        nodeGroupName: pool.name,
        nodeRoleArn: nodeRole.arn,
        subnetIds: props.subnetIds,
        version: props.kubernetesVersion,
        instanceTypes: [pool.machineType],
        capacityType: pool.spot ? 'SPOT' : 'ON_DEMAND',
        diskSize: pool.diskSizeGb,
        scalingConfig: { minSize: pool.minSize, maxSize: pool.maxSize, desiredSize: pool.minSize },
        updateConfig: { maxUnavailable: 1 },
        labels: { ...pool.labels, 'fleetsynth.io/node-pool': pool.name },
        taint: pool.taints.map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: terraformTaintEffect(t.effect) })),
        // The cluster autoscaler owns the current size; Terraform owns the bounds.
        lifecycle: { ignoreChanges: ['scaling_config[0].desired_size'] },
        dependsOn: nodePolicies,
      });
    }
  }
}
