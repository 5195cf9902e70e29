import { stackOfFile } from './stack-path';

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

/** Stacks a warning names one by one; a large fleet's others are counted, so the warning stays a line to read. */
export const NAMED_STACKS = 10;

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
  // Account (or none named) and region → stack → its Elastic IPs there.
  const places = new Map<string, { account?: string; region: string; stacks: Map<string, number> }>();
  for (const file of files) {
    const stack = stackOfFile(file.path);
    if (!stack) continue;
    for (const use of file.elasticIps ?? []) {
      const key = `${use.account ?? ''}/${use.region}`;
      const place = places.get(key) ?? { ...(use.account ? { account: use.account } : {}), region: use.region, stacks: new Map<string, number>() };
      place.stacks.set(stack, (place.stacks.get(stack) ?? 0) + use.count);
      places.set(key, place);
    }
  }
  return [...places.values()]
    .map((p) => ({ ...p, total: [...p.stacks.values()].reduce((a, b) => a + b, 0) }))
    .filter((p) => p.total > DEFAULT_ELASTIC_IP_QUOTA)
    .sort((a, b) => `${a.account ?? ''}/${a.region}`.localeCompare(`${b.account ?? ''}/${b.region}`))
    .map((p) => {
      const where = p.account ? `account ${p.account}, ${p.region}` : `${p.region} (stacks that name no account: one account assumed)`;
      const stacks = [...p.stacks].sort(([a], [b]) => a.localeCompare(b));
      const more = stacks.length - NAMED_STACKS;
      const perStack = stacks.slice(0, NAMED_STACKS).map(([s, n]) => `${s} ${n}`).join(', ') + (more > 0 ? `, and ${more} more stacks` : '');
      return `AWS ${where}: the stacks allocate ${p.total} Elastic IPs (${perStack}), more than AWS's default quota of ${DEFAULT_ELASTIC_IP_QUOTA} per region: ` +
        `unless the account's quota is higher, raise it before applying (Service Quotas, Amazon EC2, "EC2-VPC Elastic IPs", L-0263D0A3), or the apply fails with AddressLimitExceeded`;
    });
}
