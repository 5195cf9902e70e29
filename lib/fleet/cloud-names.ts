import { Cloud } from './cluster';
import { asText } from './fleet-error';
import { Problem } from './fleet-error';
import { ARGOCD_WORKLOAD_IDENTITY_PROVIDER_ID, argocdWorkloadIdentityPoolId, argocdControllerRoleName, argocdIdentityName, eksClusterRoleName, eksNodeRoleName, gkeNodeServiceAccountId, networkName, resourceGroupName } from './names';
import { eksNodeGroupNamePrefix, eksZoneSuffix, zonesAsWritten } from './eks-node-groups';
import { isRecord } from './problems';

/*
 * The clouds' naming rules, in one table, each with the source it was read from. Validation checks
 * every name and id a stack emits against its rule (and against the other names in the rule's
 * uniqueness scope) before anything is rendered, naming the fleet field the name comes from: the
 * providers' own validators would only say so at `terraform plan`, the clouds' APIs at `apply`.
 */

export interface CloudNameRule {
  /** What the cloud calls it, for messages. */
  readonly what: string;
  readonly minLength: number;
  readonly maxLength: number;
  readonly pattern: RegExp;
  /** The pattern in words, for messages. */
  readonly patternRule: string;
  /** Prefixes the cloud reserves for itself. @default none */
  readonly reservedPrefixes?: readonly string[];
  /** Where the name must be unique, in words (the scope key is computed per name); undefined: values may repeat. */
  readonly uniqueIn?: string;
}

/** RFC 1035 label: GCP resource names (compute, GKE) use it. */
const RFC1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const RFC1035_RULE = 'lowercase letters, digits and "-", starting with a letter and not ending with "-"';

export const CLOUD_NAME_RULES = {
  // kubernetes/apimachinery pkg/util/validation IsValidLabelValue: the cluster name is the value of the registration labels
  kubernetesLabelValue: { what: 'Kubernetes label value', minLength: 0, maxLength: 63, pattern: /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/, patternRule: 'letters, digits, "-", "_" and ".", starting and ending alphanumeric' },
  // hashicorp/terraform-provider-aws internal/service/eks/validate.go validClusterName (EKS CreateCluster API)
  eksClusterName: { what: 'EKS cluster name', minLength: 1, maxLength: 100, pattern: /^[0-9A-Za-z][0-9A-Za-z_-]*$/, patternRule: 'letters, digits, "-" and "_", starting alphanumeric', uniqueIn: 'the AWS account and region' },
  // hashicorp/terraform-provider-aws internal/service/eks/node_group.go node_group_name_prefix StringLenBetween(0, 63-id.UniqueIDSuffixLength): the provider
  // appends a 26-character unique id, and the name is at most 63 (node_group_name StringLenBetween(0, 63)); EKS CreateNodegroup console rule for the characters
  eksNodeGroupNamePrefix: { what: 'EKS node group name prefix', minLength: 2, maxLength: 37, pattern: /^[0-9A-Za-z][0-9A-Za-z_-]*$/, patternRule: 'letters, digits, "-" and "_", starting alphanumeric (the pool name, "-", the zone letter and "-": one group per zone; the provider appends 26 characters, for a name of at most 63)', uniqueIn: 'the EKS cluster' },
  // IAM User Guide, "IAM object quotas" and CreateRole RoleName pattern [\w+=,.@-]+, 1-64
  iamRoleName: { what: 'IAM role name', minLength: 1, maxLength: 64, pattern: /^[\w+=,.@-]+$/, patternRule: 'letters, digits and "+=,.@_-"', uniqueIn: 'the AWS account (IAM is global)' },
  // AWS KMS API CreateAlias AliasName: 1-256, ^alias/[a-zA-Z0-9/_-]+$, "alias/aws/" reserved for AWS managed keys
  kmsAliasName: { what: 'KMS alias name', minLength: 7, maxLength: 256, pattern: /^alias\/[a-zA-Z0-9/_-]+$/, patternRule: '"alias/" then letters, digits, "/", "_" and "-"', reservedPrefixes: ['alias/aws/'], uniqueIn: 'the AWS account and region' },
  // AWS tagging best practices (Tag restrictions): keys 1-128 UTF-8 characters, "aws:" reserved
  awsTagKey: { what: 'AWS tag key', minLength: 1, maxLength: 128, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, patternRule: 'letters, digits, spaces and "_.:/=+-@"', reservedPrefixes: ['aws:'], uniqueIn: 'the tagged resource' },
  // GKE API projects.locations.clusters.create: name 1-40, RFC 1035 (gcloud container clusters create)
  gkeClusterName: { what: 'GKE cluster name', minLength: 1, maxLength: 40, pattern: RFC1035, patternRule: RFC1035_RULE, uniqueIn: 'the GCP project and location' },
  // GKE API nodePools.create: name 1-40, RFC 1035
  gkeNodePoolName: { what: 'GKE node pool name', minLength: 1, maxLength: 40, pattern: RFC1035, patternRule: RFC1035_RULE, uniqueIn: 'the GKE cluster' },
  // hashicorp/terraform-provider-google google/services/resourcemanager/resource_google_service_account.go account_id: verify.ValidateRFC1035Name(6, 30)
  gcpServiceAccountId: { what: 'GCP service account id', minLength: 6, maxLength: 30, pattern: RFC1035, patternRule: RFC1035_RULE, uniqueIn: 'the GCP project' },
  // hashicorp/terraform-provider-google google/services/iambeta/resource_iam_workload_identity_pool.go ValidateWorkloadIdentityPoolId: 4-32, [0-9a-z-], "gcp-" reserved
  gcpWorkloadIdentityPoolId: { what: 'workload identity pool id', minLength: 4, maxLength: 32, pattern: /^[0-9a-z-]+$/, patternRule: 'lowercase letters, digits and "-"', reservedPrefixes: ['gcp-'], uniqueIn: 'the GCP project (a deleted pool keeps its id for 30 days)' },
  // hashicorp/terraform-provider-google google/services/iambeta/resource_iam_workload_identity_pool_provider.go ValidateWorkloadIdentityPoolProviderId: 4-32, [0-9a-z-], "gcp-" reserved
  gcpWorkloadIdentityPoolProviderId: { what: 'workload identity pool provider id', minLength: 4, maxLength: 32, pattern: /^[0-9a-z-]+$/, patternRule: 'lowercase letters, digits and "-"', reservedPrefixes: ['gcp-'], uniqueIn: 'the workload identity pool' },
  // Compute Engine naming convention (cloud.google.com/compute/docs/naming-resources): 1-63, RFC 1035; also the interconnect's HA VPN and
  // external VPN gateways, Cloud Routers, VPN tunnels, router interfaces and BGP peers (Compute Engine resources named by the same convention)
  gcpComputeName: { what: 'Compute Engine resource name', minLength: 1, maxLength: 63, pattern: RFC1035, patternRule: RFC1035_RULE, uniqueIn: 'the GCP project (regional resources: the region)' },
  // Resource Manager labels (cloud.google.com/resource-manager/docs/labels-overview): values 0-63, lowercase, digits, "_" and "-"
  gcpLabelValue: { what: 'GCP label value', minLength: 0, maxLength: 63, pattern: /^[\p{Ll}\p{Lo}\p{N}_-]*$/u, patternRule: 'lowercase letters, digits, "_" and "-"' },
  // Microsoft Learn, "Naming rules and restrictions for Azure resources" (Microsoft.Resources/resourcegroups); go-azure-helpers resourcegroups.ValidateName
  azureResourceGroupName: { what: 'Azure resource group name', minLength: 1, maxLength: 90, pattern: /^[-\w.()]*[-\w()]$/, patternRule: 'letters, digits, "_", "-", ".", "(" and ")", not ending with "."', uniqueIn: 'the Azure subscription' },
  // Microsoft Learn, resource name rules (Microsoft.Network/virtualNetworks): 2-64, alphanumerics, "_", ".", "-"; start alphanumeric, end alphanumeric or "_"
  azureVnetName: { what: 'Azure virtual network name', minLength: 2, maxLength: 64, pattern: /^[a-zA-Z0-9][a-zA-Z0-9_.-]*[a-zA-Z0-9_]$/, patternRule: 'letters, digits, "_", "." and "-", starting alphanumeric, ending alphanumeric or "_"', uniqueIn: 'the resource group' },
  // Microsoft Learn, resource name rules (virtualNetworks/subnets): 1-80, same character set
  azureSubnetName: { what: 'Azure subnet name', minLength: 1, maxLength: 80, pattern: /^[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9_])?$/, patternRule: 'letters, digits, "_", "." and "-", starting alphanumeric, ending alphanumeric or "_"', uniqueIn: 'the virtual network' },
  // Microsoft Learn, resource name rules (Microsoft.Network/publicIPAddresses): 1-80, same character set
  azurePublicIpName: { what: 'Azure public IP name', minLength: 1, maxLength: 80, pattern: /^[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9_])?$/, patternRule: 'letters, digits, "_", "." and "-", starting alphanumeric, ending alphanumeric or "_"', uniqueIn: 'the resource group' },
  // Microsoft Learn, resource name rules (Microsoft.ManagedIdentity/userAssignedIdentities): 3-128, alphanumerics, "-" and "_", starting alphanumeric
  azureUserAssignedIdentityName: { what: 'Azure user-assigned identity name', minLength: 3, maxLength: 128, pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/, patternRule: 'letters, digits, "-" and "_", starting alphanumeric', uniqueIn: 'the resource group' },
  // Microsoft Learn, resource name rules (Microsoft.ContainerService/managedClusters): 1-63, alphanumerics, "_" and "-", starting and ending alphanumeric
  aksClusterName: { what: 'AKS cluster name', minLength: 1, maxLength: 63, pattern: /^[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?$/, patternRule: 'letters, digits, "_" and "-", starting and ending alphanumeric', uniqueIn: 'the resource group' },
  // hashicorp/terraform-provider-azurerm internal/services/containers/validate/kubernetes.go KubernetesDNSPrefix
  aksDnsPrefix: { what: 'AKS DNS prefix', minLength: 1, maxLength: 54, pattern: /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/, patternRule: 'letters, digits and "-", starting and ending alphanumeric' },
  // Microsoft Learn, resource name rules (Microsoft.Network/virtualNetworkGateways): 1-80, alphanumerics, "_", "." and "-"; start alphanumeric, end alphanumeric or "_" (the interconnect's VPN gateways)
  azureVirtualNetworkGatewayName: { what: 'Azure virtual network gateway name', minLength: 1, maxLength: 80, pattern: /^[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9_])?$/, patternRule: 'letters, digits, "_", "." and "-", starting alphanumeric, ending alphanumeric or "_"', uniqueIn: 'the resource group' },
  // Microsoft Learn, resource name rules (Microsoft.Network/localNetworkGateways): 1-80, same character set (the interconnect's remote ends)
  azureLocalNetworkGatewayName: { what: 'Azure local network gateway name', minLength: 1, maxLength: 80, pattern: /^[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9_])?$/, patternRule: 'letters, digits, "_", "." and "-", starting alphanumeric, ending alphanumeric or "_"', uniqueIn: 'the resource group' },
  // Microsoft Learn, resource name rules (Microsoft.Network/connections): 1-80, same character set (the interconnect's VPN connections)
  azureVpnConnectionName: { what: 'Azure VPN connection name', minLength: 1, maxLength: 80, pattern: /^[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9_])?$/, patternRule: 'letters, digits, "_", "." and "-", starting alphanumeric, ending alphanumeric or "_"', uniqueIn: 'the resource group' },
  // hashicorp/terraform-provider-azurerm internal/services/containers/validate/kubernetes.go KubernetesAgentPoolName (Linux pools)
  aksNodePoolName: { what: 'AKS node pool name', minLength: 1, maxLength: 12, pattern: /^[a-z][a-z0-9]*$/, patternRule: 'lowercase letters and digits, starting with a letter', uniqueIn: 'the AKS cluster' },
} as const satisfies Record<string, CloudNameRule>;

export type CloudNameRuleId = keyof typeof CLOUD_NAME_RULES;

/** One name a stack emits: its rule, the fleet field it is derived from, and its uniqueness scope. */
export interface DerivedCloudName {
  readonly rule: CloudNameRuleId;
  readonly value: string;
  /** The fleet field the name comes from, e.g. `clusters[aws-prod].name`. */
  readonly path: string;
  /** Names with the same rule and scope must differ, e.g. `aws:111122223333` for IAM roles. */
  readonly scope: string;
}

/** Why `value` breaks `rule`, or undefined when it does not. */
export function cloudNameProblem(ruleId: CloudNameRuleId, value: string): string | undefined {
  const rule: CloudNameRule = CLOUD_NAME_RULES[ruleId];
  const length = [...value].length;
  if (length < rule.minLength || length > rule.maxLength) {
    return `the ${rule.what} "${value}" would have ${length} characters; ${rule.minLength === rule.maxLength ? `exactly ${rule.minLength}` : `${rule.minLength} to ${rule.maxLength}`} allowed`;
  }
  if (!rule.pattern.test(value)) return `the ${rule.what} "${value}" is not allowed: ${rule.patternRule}`;
  const reserved = rule.reservedPrefixes?.find((prefix) => value.toLowerCase().startsWith(prefix));
  if (reserved) return `the ${rule.what} "${value}" starts with "${reserved}", which the cloud reserves`;
  return undefined;
}

/** Every problem with these names: each against its rule, then duplicates within a rule's scope. */
export function cloudNameProblems(names: readonly DerivedCloudName[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, DerivedCloudName>();
  for (const name of names) {
    const rule: CloudNameRule = CLOUD_NAME_RULES[name.rule];
    const problem = cloudNameProblem(name.rule, name.value);
    if (problem) {
      problems.push({ path: name.path, message: problem, given: JSON.stringify(name.value), allowed: `${rule.minLength}-${rule.maxLength} characters; ${rule.patternRule}${rule.reservedPrefixes ? `; not starting with ${rule.reservedPrefixes.map((r) => `"${r}"`).join(', ')}` : ''}` });
      continue;
    }
    if (!rule.uniqueIn) continue;
    const key = `${name.rule}\u0000${name.scope}\u0000${name.value}`;
    const first = seen.get(key);
    if (first && first.path !== name.path) {
      problems.push({ path: name.path, message: `the ${rule.what} "${name.value}" is also derived from ${first.path}; it must be unique in ${rule.uniqueIn}`, given: JSON.stringify(name.value), allowed: 'a name that derives a different one' });
    } else if (!first) seen.set(key, name);
  }
  return problems;
}

/*
 * Names derived from the fleet that only lib/infra uses: the constructs call these, so the names
 * validation checks are the names the stacks emit (lib/infra/cloud-names.test.ts compares them).
 */

/** KMS alias of an EKS cluster's secrets-encryption key. */
export function eksSecretsKeyAlias(cluster: { readonly name: string }): string {
  return `alias/${cluster.name}-eks-secrets`;
}
/** IAM role the EBS CSI driver's controller runs as (EKS Pod Identity). */
export function eksEbsCsiRoleName(cluster: { readonly name: string }): string {
  return `${cluster.name}-ebs-csi`;
}
/** GCP: a network's node subnetwork, Cloud Router, Cloud NAT and its reserved NAT addresses. */
export const gcpSubnetworkName = (network: string): string => `${network}-nodes`;
export const gcpRouterName = (network: string): string => `${network}-router`;
export const gcpNatName = (network: string): string => `${network}-nat`;
export const gcpNatAddressName = (network: string, index: number): string => `${network}-nat-${index}`;
/** GCP firewall rule letting the GKE control plane reach admission webhooks on the nodes. */
export const gkeWebhookFirewallName = (network: string): string => `${network}-control-plane-webhooks`;
/** Azure: the VNet's node subnet. */
export const azureNodeSubnetName = (network: string): string => `${network}-nodes`;
/** AKS control-plane identity (user-assigned: it can be granted rights on the subnet before the cluster exists). */
export function aksControlPlaneIdentityName(cluster: { readonly name: string }): string {
  return `${cluster.name}-control-plane`;
}
/** AKS: the static outbound public IP of a cluster (its egress address, admitted by the APIs it calls). */
export function aksEgressIpName(cluster: { readonly name: string }): string {
  return `${cluster.name}-egress`;
}
/** The provider id of the GKE workload identity pool that trusts the management cluster's issuer. */

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * Every cloud name the core stacks derive from a cluster as written (not validated yet: fields
 * of the wrong type derive nothing), with the field each comes from.
 */
export function clusterCloudNames(c: Readonly<Record<string, unknown>>, fleetName: unknown): DerivedCloudName[] {
  if (!str(c.name) || !['aws', 'gcp', 'azure'].includes(c.cloud as string)) return [];
  const cloud = c.cloud as Cloud;
  const name = c.name;
  const cluster = { name };
  const at = `clusters[${name}]`;
  const namePath = `${at}.name`;
  const pools = (Array.isArray(c.nodePools) ? c.nodePools : []).filter(isRecord).filter((p) => str(p.name));
  const workload = c.role === 'workload';
  const management = c.role === 'management';
  const net = networkName(cluster);
  const names: DerivedCloudName[] = [];
  const add = (rule: CloudNameRuleId, value: string, path: string, scope: string) => names.push({ rule, value, path, scope });
  add('kubernetesLabelValue', name, namePath, 'labels');
  switch (cloud) {
    case 'aws': {
      const account = `aws:${str(c.accountId) ? c.accountId : '(the pipeline\'s account)'}`;
      const region = `${account}:${asText(c.region)}`;
      add('eksClusterName', name, namePath, region);
      for (const role of [eksClusterRoleName(cluster), eksNodeRoleName(cluster), eksEbsCsiRoleName(cluster)]) add('iamRoleName', role, namePath, account);
      if (workload) add('iamRoleName', argocdIdentityName(cluster), namePath, account);
      if (management) add('iamRoleName', argocdControllerRoleName(cluster), namePath, account);
      add('kmsAliasName', eksSecretsKeyAlias(cluster), namePath, region);
      // One node group per pool and zone (lib/fleet/eks-node-groups.ts). A pool whose prefixes break the rule
      // derives only the first that does: one problem at its name, not one per zone.
      const suffixes = str(c.region) ? zonesAsWritten(c).map((z) => eksZoneSuffix(c.region as string, z)) : [];
      for (const p of pools) {
        const prefixes = suffixes.map((suffix) => eksNodeGroupNamePrefix({ name: p.name as string }, suffix));
        const broken = prefixes.find((v) => cloudNameProblem('eksNodeGroupNamePrefix', v) !== undefined);
        for (const v of broken !== undefined ? [broken] : prefixes) add('eksNodeGroupNamePrefix', v, `${at}.nodePools[${p.name}].name`, `${region}:${name}`);
      }
      break;
    }
    case 'gcp': {
      const project = `gcp:${asText(c.project)}`;
      const region = `${project}:${asText(c.region)}`;
      add('gkeClusterName', name, namePath, region);
      add('gcpServiceAccountId', gkeNodeServiceAccountId(cluster), namePath, project);
      if (workload) add('gcpServiceAccountId', argocdIdentityName(cluster), namePath, project);
      for (const v of [net, gkeWebhookFirewallName(net)]) add('gcpComputeName', v, namePath, project);
      for (const v of [gcpSubnetworkName(net), gcpRouterName(net), gcpNatName(net)]) add('gcpComputeName', v, namePath, region);
      // Cloud NAT's reserved addresses, one per zone: every cluster's static egress.
      const zones = Array.isArray(c.zones) ? c.zones.length : 3;
      for (let i = 0; i < zones; i++) add('gcpComputeName', gcpNatAddressName(net, i), namePath, region);
      for (const p of pools) add('gkeNodePoolName', p.name as string, `${at}.nodePools[${p.name}].name`, `${region}:${name}`);
      // The provider's default_labels carry the fleet and cluster names as values.
      add('gcpLabelValue', name, namePath, 'labels');
      if (str(fleetName)) add('gcpLabelValue', fleetName, 'name', 'labels');
      break;
    }
    case 'azure': {
      const subscription = `azure:${str(c.subscriptionId) ? c.subscriptionId : '(the pipeline\'s subscription)'}`;
      const rg = resourceGroupName(cluster);
      const group = `${subscription}:${rg.toLowerCase()}`;
      add('azureResourceGroupName', rg, namePath, subscription);
      add('azureVnetName', net, namePath, group);
      add('azureSubnetName', azureNodeSubnetName(net), namePath, `${group}:${net}`);
      add('aksClusterName', name, namePath, group);
      add('aksDnsPrefix', name, namePath, 'dns');
      add('azureUserAssignedIdentityName', aksControlPlaneIdentityName(cluster), namePath, group);
      if (workload) add('azureUserAssignedIdentityName', argocdIdentityName(cluster), namePath, group);
      add('azurePublicIpName', aksEgressIpName(cluster), namePath, group);
      for (const p of pools) add('aksNodePoolName', p.name as string, `${at}.nodePools[${p.name}].name`, `${group}:${name}`);
      break;
    }
  }
  return names;
}

/**
 * The ids of the workload identity pool and provider through which a GKE workload cluster trusts
 * the management cluster's Argo CD (lib/infra/argocd-access/gcp.ts creates them, the pool named by
 * `argocdWorkloadIdentityPoolId`: `argocd-<cluster>`, e.g. `argocd-gcp-prod`, so never starting with
 * the reserved "gcp-"). Checked with the rest in `fleetCloudNameProblems`.
 */
export function gkeArgocdFederationCloudNames(c: Readonly<Record<string, unknown>>): DerivedCloudName[] {
  if (!str(c.name) || c.cloud !== 'gcp' || c.role !== 'workload') return [];
  const project = `gcp:${asText(c.project)}`;
  const pool = argocdWorkloadIdentityPoolId({ name: c.name });
  return [
    { rule: 'gcpWorkloadIdentityPoolId', value: pool, path: `clusters[${c.name}].name`, scope: project },
    { rule: 'gcpWorkloadIdentityPoolProviderId', value: ARGOCD_WORKLOAD_IDENTITY_PROVIDER_ID, path: `clusters[${c.name}].name`, scope: `${project}:${pool}` },
  ];
}

/** Every cloud name the core stacks of a fleet (as written) emit, checked against the table. */
export function fleetCloudNameProblems(fleet: Readonly<Record<string, unknown>>, skip: ReadonlySet<string> = new Set()): Problem[] {
  const clusters = Array.isArray(fleet.clusters) ? fleet.clusters.filter(isRecord) : [];
  // A field that already has a problem of its own derives nothing worth reporting twice.
  const names = clusters.flatMap((c) => [...clusterCloudNames(c, fleet.name), ...gkeArgocdFederationCloudNames(c)]).filter((n) => !skip.has(n.path));
  return cloudNameProblems(names);
}
