import { overQuota, raiseQuota } from './quota-tally';

export { NAMED_STACKS } from './quota-tally';

/*
 * AWS gives an account 5 Elastic IPs per region unless it asked for more (Amazon EC2 User Guide,
 * elastic-ip-addresses-eip.html, "Elastic IP address quota"; Service Quotas: Amazon Elastic Compute
 * Cloud, "EC2-VPC Elastic IPs", L-0263D0A3). A fleet reaches that quickly: an EKS cluster's network
 * takes one per zone for its NAT gateways, and global DNS one more per zone for the ingress load
 * balancer. Past the quota, AllocateAddress fails with AddressLimitExceeded halfway through a stack's
 * apply. Whether an account has a higher quota only AWS knows, so synth counts what the stacks allocate,
 * per account and region, and warns above the default: it is not an error.
 */

/** AWS's default quota of Elastic IPs per account and region. */
export const DEFAULT_ELASTIC_IP_QUOTA = 5;


interface StackJson {
  readonly provider?: { readonly aws?: readonly { readonly alias?: string; readonly region?: string; readonly allowed_account_ids?: readonly string[] }[] };
  readonly resource?: { readonly aws_eip?: Record<string, { readonly provider?: string }> };
}

/** The Elastic IPs one stack allocates in an AWS region (and account, when its provider names one). */
export interface ElasticIpUse {
  readonly region: string;
  readonly account?: string;
  readonly count: number;
}

/**
 * The Elastic IPs a stack allocates, per region and account of the provider each is made with:
 * worked out when the stack is rendered and kept with its file (render-fleet.ts), so that a synth
 * whose stacks come from the render cache reads no stack's JSON for this.
 */
export function elasticIpUses(stack: unknown): ElasticIpUse[] {
  const json = stack as StackJson;
  const eips = Object.values(json.resource?.aws_eip ?? {});
  if (eips.length === 0) return [];
  const providers = new Map((json.provider?.aws ?? []).map((p) => [p.alias ? `aws.${p.alias}` : 'aws', p]));
  const uses = new Map<string, { region: string; account?: string; count: number }>();
  for (const eip of eips) {
    const provider = providers.get(eip.provider ?? 'aws');
    if (!provider?.region) continue;
    const account = provider.allowed_account_ids?.length === 1 ? provider.allowed_account_ids[0] : undefined;
    const key = `${account ?? ''}/${provider.region}`;
    const use = uses.get(key) ?? { region: provider.region, ...(account ? { account } : {}), count: 0 };
    use.count++;
    uses.set(key, use);
  }
  return [...uses.values()].sort((a, b) => `${a.account ?? ''}/${a.region}`.localeCompare(`${b.account ?? ''}/${b.region}`));
}

/** One warning per AWS account and region where the stacks (their files, with what elasticIpUses found) allocate more Elastic IPs than the default quota. */
export function elasticIpQuotaWarnings(files: readonly { readonly path: string; readonly elasticIps?: readonly ElasticIpUse[] }[]): string[] {
  // Per account (or none named) and region.
  return overQuota(files, (f) => f.elasticIps, (u) => `${u.account ?? ''}/${u.region}`, DEFAULT_ELASTIC_IP_QUOTA).map(({ use, total, perStack }) => {
    const where = use.account ? `account ${use.account}, ${use.region}` : `${use.region} (stacks that name no account: one account assumed)`;
    return `AWS ${where}: the stacks allocate ${total} Elastic IPs (${perStack}), more than AWS's default quota of ${DEFAULT_ELASTIC_IP_QUOTA} per region: ` +
      raiseQuota('Amazon EC2, "EC2-VPC Elastic IPs", L-0263D0A3', 'the apply fails with AddressLimitExceeded');
  });
}
