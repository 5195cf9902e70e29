import { overQuota, raiseQuota } from './quota-tally';

export { NAMED_STACKS } from './quota-tally';

/*
 * An AWS account has a default quota per region for several things the stacks create, and a fleet
 * reaches some quickly: an EKS cluster's network takes a VPC and one Elastic IP per zone for its NAT
 * gateways, global DNS one more Elastic IP per zone for the ingress load balancer, the interconnect a
 * virtual private gateway per AWS network and, in the pair stacks, customer gateways and VPN
 * connections. Past a quota, the create call fails halfway through a stack's apply. Whether an account
 * has a higher quota only AWS knows, so synth counts what the stacks create, per account and region, and
 * warns above the default: it is not an error.
 */

/** A per-region quota a Terraform resource type counts against: its default and where to raise it. */
export interface AwsRegionalQuota {
  /** The Terraform resource type that counts. */
  readonly resource: string;
  /** What the warning calls them, plural. */
  readonly what: string;
  readonly verb: 'allocate' | 'create';
  readonly quota: number;
  /** Service Quotas' service, quota name and code. */
  readonly serviceQuota: string;
  readonly failure: string;
  /** What a region of a new account already holds against the quota, which the stacks do not create. */
  readonly alreadyThere?: { readonly count: number; readonly what: string };
}

/**
 * The defaults, from: Amazon EC2 User Guide, elastic-ip-addresses-eip.html ("Elastic IP address
 * quota"); Amazon VPC quotas (general/latest/gr/vpc-service.html: "VPCs per Region", 5; an internet
 * gateway per VPC, whose quota follows this one, so it is not counted apart); AWS Site-to-Site VPN User
 * Guide, vpn-limits.html ("Site-to-Site VPN resources").
 */
export const AWS_REGIONAL_QUOTAS: readonly AwsRegionalQuota[] = [
  { resource: 'aws_eip', what: 'Elastic IPs', verb: 'allocate', quota: 5, serviceQuota: 'Amazon EC2, "EC2-VPC Elastic IPs", L-0263D0A3', failure: 'the apply fails with AddressLimitExceeded' },
  // Every region of an account comes with a default VPC, which counts against the quota until someone deletes it.
  { resource: 'aws_vpc', what: 'VPCs', verb: 'create', quota: 5, serviceQuota: 'Amazon Virtual Private Cloud, "VPCs per Region", L-F678F1CE', failure: 'CreateVpc fails partway through the apply', alreadyThere: { count: 1, what: 'the default VPC, unless it was deleted' } },
  { resource: 'aws_vpn_gateway', what: 'virtual private gateways', verb: 'create', quota: 5, serviceQuota: 'Amazon EC2, "Virtual private gateways per Region", L-7029FAB6', failure: 'CreateVpnGateway fails partway through the apply' },
  { resource: 'aws_customer_gateway', what: 'customer gateways', verb: 'create', quota: 50, serviceQuota: 'Amazon EC2, "Customer gateways per Region", L-4FB7FF5D', failure: 'the apply fails with CustomerGatewayLimitExceeded' },
  { resource: 'aws_vpn_connection', what: 'Site-to-Site VPN connections', verb: 'create', quota: 50, serviceQuota: 'Amazon EC2, "Site-to-Site VPN connections per Region", L-3E6EC3A3', failure: 'CreateVpnConnection fails partway through the apply' },
];

const QUOTA_OF = new Map(AWS_REGIONAL_QUOTAS.map((q) => [q.resource, q]));

interface StackJson {
  readonly provider?: { readonly aws?: readonly { readonly alias?: string; readonly region?: string; readonly allowed_account_ids?: readonly string[] }[] };
  readonly resource?: Record<string, Record<string, { readonly provider?: string }>>;
}

/** The resources of one quota'd type a stack creates in an AWS region (and account, when its provider names one). */
export interface AwsRegionalUse {
  readonly resource: string;
  readonly region: string;
  readonly account?: string;
  readonly count: number;
}

/**
 * What a stack creates against the regional quotas, per resource type, region and account of the
 * provider each is made with: worked out when the stack is rendered and kept with its file
 * (render-fleet.ts), so that a synth whose stacks come from the render cache reads no stack's JSON for this.
 */
export function awsRegionalUses(stack: unknown): AwsRegionalUse[] {
  const json = stack as StackJson;
  const providers = new Map((json.provider?.aws ?? []).map((p) => [p.alias ? `aws.${p.alias}` : 'aws', p]));
  const uses = new Map<string, { resource: string; region: string; account?: string; count: number }>();
  for (const [resource, instances] of Object.entries(json.resource ?? {})) {
    if (!QUOTA_OF.has(resource)) continue;
    for (const instance of Object.values(instances)) {
      const provider = providers.get(instance.provider ?? 'aws');
      if (!provider?.region) continue;
      const account = provider.allowed_account_ids?.length === 1 ? provider.allowed_account_ids[0] : undefined;
      const key = placeOf({ resource, region: provider.region, account });
      const use = uses.get(key) ?? { resource, region: provider.region, ...(account ? { account } : {}), count: 0 };
      use.count++;
      uses.set(key, use);
    }
  }
  return [...uses].sort(([a], [b]) => a.localeCompare(b)).map(([, use]) => use);
}

function placeOf(use: { readonly resource: string; readonly region: string; readonly account?: string }): string {
  return `${use.resource}/${use.account ?? ''}/${use.region}`;
}

interface StackFileUses {
  readonly path: string;
  readonly awsRegional?: readonly AwsRegionalUse[];
}

/** One warning per resource type, AWS account and region where the stacks (their files, with what awsRegionalUses found) pass the default quota. */
export function awsRegionalQuotaWarnings(files: readonly StackFileUses[]): string[] {
  return overQuota<StackFileUses, AwsRegionalUse>(files, (f) => f.awsRegional, placeOf, 0).flatMap(({ use, total, perStack }) => {
    const quota = QUOTA_OF.get(use.resource);
    const there = quota?.alreadyThere;
    if (!quota || total + (there?.count ?? 0) <= quota.quota) return [];
    const where = use.account ? `account ${use.account}, ${use.region}` : `${use.region} (stacks that name no account: one account assumed)`;
    const more = there ? `, with ${there.what}, more than AWS's default quota of ${quota.quota} per region` : `, more than AWS's default quota of ${quota.quota} per region`;
    return [`AWS ${where}: the stacks ${quota.verb} ${total} ${quota.what} (${perStack})${more}: ` + raiseQuota(quota.serviceQuota, quota.failure)];
  });
}
