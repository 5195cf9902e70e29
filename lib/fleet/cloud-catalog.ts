import { Cloud } from './cluster';
import { AZURE_VM_SIZE, AZURE_VM_SIZE_RULE } from './aks-vm-sizes';

/**
 * What each managed Kubernetes service accepts. Maintained by hand: review it when a cloud
 * publishes a new Kubernetes minor or a region, and bump CATALOG_CHECKED_ON.
 *
 * Versions are the minors a new cluster can be created with (standard or extended support; EKS's dates
 * of each, and the warning for a cluster in extended support, in eks-version-support.ts):
 * EKS from the EKS version calendar (1.31 left on 2026-11-28: its extended support ended 2026-11-26,
 * after which EKS upgrades such control planes itself, clusters/kubernetes-versions.adoc), GKE from the minors
 * the Regular channel offers, the one every GKE stack enrolls in (lib/infra/gke-cluster.ts): GKE refuses a
 * master version outside the cluster's channel (`Error 400: Master version must be one of "<channel>" channel
 * supported versions`, hashicorp/terraform-provider-google#15084, #22167), and Regular offers 1.34 to 1.36 (GKE release
 * notes, "Current versions", default 1.35.7-gke.1222000; only the Extended channel still has 1.32 and 1.33,
 * which left the catalog on 2026-11-28), AKS from the AKS release calendar
 * (community-supported minors; LTS-only minors are left out; 1.34 left on 2026-11-28: its community
 * support ends 2026-11-30, after which AKS creates no cluster at it, MicrosoftDocs/azure-aks-docs
 * articles/aks/supported-kubernetes-versions.md, "Platform support policy").
 */
export const CATALOG_CHECKED_ON = '2026-11-28';

/**
 * The account id AWS's documentation uses in its examples: fake Terraform outputs (the example's, the
 * testing kit's, an add-on's) give it to an EKS cluster that names no `accountId`.
 */
export const DOCUMENTATION_AWS_ACCOUNT_ID = '111122223333';

export interface CloudCatalog {
  /** Managed service name, for messages. */
  readonly service: string;
  readonly kubernetesVersions: readonly string[];
  readonly regions: readonly string[];
  /** Accepted prefix lengths [min, max] for each range (min = largest network). */
  readonly cidrPrefix: { readonly node: readonly [number, number]; readonly pod: readonly [number, number]; readonly service: readonly [number, number] };
  /** The cloud's naming of machine types, e.g. `m7i.large`, `e2-standard-4`, `Standard_D4s_v5`: what no type has is refused. */
  readonly machineType: RegExp;
  /** That naming, for messages. */
  readonly machineTypeRule: string;
  /** Node pool name rule (AKS is the strict one). */
  readonly nodePoolName: RegExp;
  readonly nodePoolNameRule: string;
  /** The zones of each region (empty: the region has no availability zones). */
  readonly zones: Readonly<Record<string, readonly string[]>>;
  /** The smallest node OS disk the service takes, in GiB (the largest is 2048 everywhere). */
  readonly minDiskSizeGb: number;
  /** How many zones one cluster may span (AWS: the VPC is cut into 4 private + 4 public subnets). */
  readonly maxZones: number;
  /** How many zones a cluster needs at least (EKS: subnets in two zones). */
  readonly minZones: number;
  /** The zones a cluster spreads over when the fleet names none: the region's first three. */
  defaultZones(region: string): readonly string[];
}

const AWS_REGIONS = [
  'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
  'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1',
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
];

const GCP_REGIONS = [
  'africa-south1', 'asia-east1', 'asia-east2', 'asia-northeast1', 'asia-northeast2', 'asia-northeast3', 'asia-south1',
  'asia-south2', 'asia-southeast1', 'asia-southeast2', 'australia-southeast1', 'australia-southeast2', 'europe-central2',
  'europe-north1', 'europe-north2', 'europe-southwest1', 'europe-west1', 'europe-west2', 'europe-west3', 'europe-west4',
  'europe-west6', 'europe-west8', 'europe-west9', 'europe-west10', 'europe-west12', 'me-central1', 'me-central2',
  'me-west1', 'northamerica-northeast1', 'northamerica-northeast2', 'northamerica-south1', 'southamerica-east1',
  'southamerica-west1', 'us-central1', 'us-east1', 'us-east4', 'us-east5', 'us-south1', 'us-west1', 'us-west2',
  'us-west3', 'us-west4',
];

const AZURE_REGIONS = [
  'australiaeast', 'australiasoutheast', 'brazilsouth', 'canadacentral', 'canadaeast', 'centralindia', 'centralus',
  'eastasia', 'eastus', 'eastus2', 'francecentral', 'germanywestcentral', 'indonesiacentral', 'israelcentral',
  'italynorth', 'japaneast', 'japanwest', 'koreacentral', 'malaysiawest', 'mexicocentral', 'newzealandnorth',
  'northcentralus', 'northeurope', 'norwayeast', 'polandcentral', 'qatarcentral', 'southafricanorth',
  'southcentralus', 'southeastasia', 'southindia', 'spaincentral', 'swedencentral', 'switzerlandnorth', 'uaenorth',
  'uksouth', 'ukwest', 'westcentralus', 'westeurope', 'westus', 'westus2', 'westus3',
];

/*
 * Zones per region, from each cloud's published list (checked on ZONES_CHECKED_ON):
 *  - AWS: "Regions and Zones" in the EC2 user guide and `aws ec2 describe-availability-zones`. AWS maps
 *    zone letters to physical zones per account, and some older accounts see letters new accounts do not
 *    (us-east-1a-f, us-west-1a, ap-northeast-1b): every letter any account can have is accepted, and the
 *    default is the first three a new account has. Which of them EKS can use is per account (EKS refuses
 *    the AZ ids use1-az3, usw1-az2 and cac1-az3 for a control plane): the stack reads the mapping at plan
 *    (lib/infra/eks-control-plane-subnets.ts).
 *  - GCP: cloud.google.com/compute/docs/regions-zones ("Available regions and zones").
 *  - Azure: learn.microsoft.com/azure/reliability/regions-list ("Availability zones" column): zones are
 *    the logical 1, 2, 3 where the region has them; regions without them take no zones at all.
 */
export const ZONES_CHECKED_ON = '2026-11-26';

const letters = (region: string, sep: string, l: string) => [...l].map((x) => `${region}${sep}${x}`);
const AWS_ZONE_LETTERS: Readonly<Record<string, string>> = {
  'us-east-1': 'abcdef', 'us-west-1': 'abc', 'us-west-2': 'abcd', 'ap-northeast-1': 'abcd', 'ap-northeast-2': 'abcd', 'ca-central-1': 'abd',
};
// Letters a new account does not get (the default zones skip them).
const AWS_LEGACY_ZONES: ReadonlySet<string> = new Set(['us-west-1a', 'ap-northeast-1b']);
const AWS_ZONES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(AWS_REGIONS.map((r) => [r, letters(r, '', AWS_ZONE_LETTERS[r] ?? 'abc')]));

const GCP_ZONE_LETTERS: Readonly<Record<string, string>> = { 'us-central1': 'abcf', 'us-east1': 'bcd', 'europe-west1': 'bcd' };
const GCP_ZONES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(GCP_REGIONS.map((r) => [r, letters(r, '-', GCP_ZONE_LETTERS[r] ?? 'abc')]));

const AZURE_REGIONS_WITHOUT_ZONES: ReadonlySet<string> = new Set(['australiasoutheast', 'canadaeast', 'northcentralus', 'southindia', 'ukwest', 'westcentralus', 'westus']);
const AZURE_ZONES: Readonly<Record<string, readonly string[]>> = Object.fromEntries(AZURE_REGIONS.map((r) => [r, AZURE_REGIONS_WITHOUT_ZONES.has(r) ? [] : ['1', '2', '3']]));

export const CLOUD_CATALOG: Readonly<Record<Cloud, CloudCatalog>> = {
  aws: {
    service: 'EKS',
    kubernetesVersions: ['1.32', '1.33', '1.34', '1.35', '1.36'],
    regions: AWS_REGIONS,
    // VPCs are /16-/28; the VPC is cut into 8 subnets (public + private per zone), so /24 is the smallest useful.
    // EKS service ranges must be /12-/24; the pod range is a secondary VPC range, /16-/24 like the VPC.
    cidrPrefix: { node: [16, 24], pod: [16, 24], service: [12, 24] },
    // EC2's naming (EC2 User Guide, "Amazon EC2 instance type naming conventions"): the family (series,
    // generation, attributes, options such as "-flex"), a dot, the size. Every type of kubernetes/autoscaler's
    // ec2_instance_types.go (generated from EC2's API) passes (cloud-catalog.test.ts).
    machineType: /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.(?:nano|micro|small|medium|large|xlarge|\d+xlarge|metal(?:-\d+xl)?)$/,
    machineTypeRule: 'an EC2 instance type, <family>.<size> with the size nano, micro, small, medium, large, xlarge, <n>xlarge, metal or metal-<n>xl, e.g. "m7i.large"',
    // A node group per zone, named "<pool>-<zone letter>-" and a 26-character unique id, at most 63 (see eksNodeGroupNamePrefix).
    nodePoolName: /^[a-z]([-a-z0-9]{0,32}[a-z0-9])?$/,
    nodePoolNameRule: 'a DNS-1123 label of at most 34 characters starting with a letter (its node group in each zone is named "<pool>-<zone letter>-" and 26 generated characters, at most 63)',
    zones: AWS_ZONES,
    // The EKS-optimized AMIs' root volume is 20 GiB; a volume cannot be smaller than its snapshot.
    minDiskSizeGb: 20,
    maxZones: 4,
    // An EKS control plane needs subnets in at least two zones (EKS user guide, "VPC and subnet requirements").
    minZones: 2,
    defaultZones: (region) => (AWS_ZONES[region] ?? []).filter((z) => !AWS_LEGACY_ZONES.has(z)).slice(0, 3),
  },
  gcp: {
    service: 'GKE',
    kubernetesVersions: ['1.34', '1.35', '1.36'],
    regions: GCP_REGIONS,
    // Subnet primary ranges /8-/29 (we need room for nodes: /16-/24); pod secondary ranges /9-/21
    // (a node takes a /24 of it); service secondary ranges /16-/27.
    cidrPrefix: { node: [16, 24], pod: [9, 21], service: [16, 27] },
    // Compute Engine's naming (cloud.google.com/compute/docs/machine-resource): series, then "-" parts, each a
    // word (standard, highmem, lssd, metal, custom) or a number, a GPU count ("1g") or TPU count ("4t") for the
    // accelerator series. Every type of kubernetes/autoscaler's gce_price_info.go passes (cloud-catalog.test.ts).
    machineType: /^[a-z][a-z0-9]*(?:-(?:[a-z]+|\d+[gt]?))+$/,
    machineTypeRule: 'a Compute Engine machine type, <series>-<type>-<vCPUs> and any suffix (-lssd, -metal), or <series>-custom-<vCPUs>-<MiB>, e.g. "e2-standard-4"',
    nodePoolName: /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/,
    nodePoolNameRule: 'a DNS-1123 label of at most 40 characters starting with a letter',
    zones: GCP_ZONES,
    minDiskSizeGb: 20,
    maxZones: 4,
    minZones: 1,
    defaultZones: (region) => (GCP_ZONES[region] ?? []).slice(0, 3),
  },
  azure: {
    service: 'AKS',
    kubernetesVersions: ['1.35', '1.36'],
    regions: AZURE_REGIONS,
    // Azure CNI overlay: the pod range is separate from the VNet (/8-/22); the service range must be smaller than /12.
    cidrPrefix: { node: [16, 24], pod: [8, 22], service: [13, 24] },
    machineType: AZURE_VM_SIZE,
    machineTypeRule: AZURE_VM_SIZE_RULE,
    nodePoolName: /^[a-z][a-z0-9]{0,11}$/,
    nodePoolNameRule: '1-12 lowercase letters and digits starting with a letter (AKS rule for Linux pools)',
    zones: AZURE_ZONES,
    // AKS takes OS disks of 30-2048 GiB (its node images are 30 GiB); azurerm only checks >= 1, so a smaller
    // size passed validation and failed at the pool's creation (Azure/karpenter-provider-azure
    // pkg/apis/v1beta1/aksnodeclass.go osDiskSizeGB: Minimum=30, "matching the limits ... to AKS's limits").
    minDiskSizeGb: 30,
    maxZones: 3,
    minZones: 1,
    defaultZones: (region) => (AZURE_ZONES[region] ?? []).slice(0, 3),
  },
};
