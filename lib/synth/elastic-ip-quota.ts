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

const STACK = /^terraform\/stacks\/([^/]+)\/cdk\.tf\.json$/;

/**
 * Where the value of `key` at `indent` is in a stack's JSON as synth writes it (stack-file.ts: two
 * spaces per level, one key per line): only the parts this check needs are parsed, as a synth reads
 * every stack of the fleet on each run. Undefined when the key is not there.
 */
function find(text: string, indent: string, key: string, within = { from: 0, to: text.length }): { from: number; to: number } | undefined {
  const head = `\n${indent}"${key}": {`;
  const start = text.indexOf(head, within.from);
  if (start === -1 || start >= within.to) return undefined;
  const end = text.indexOf(`\n${indent}}`, start + head.length);
  if (end === -1 || end > within.to) throw new Error('not laid out as synth writes it');
  return { from: start + head.length - 1, to: end + indent.length + 2 };
}

/** The parts of a stack this check reads: its AWS providers and Elastic IPs (the whole JSON parsed if it is not laid out as synth writes it). */
function stackParts(text: string): StackJson {
  if (!text.startsWith('{\n  "')) return JSON.parse(text) as StackJson;
  try {
    const at = (place: { from: number; to: number } | undefined) => (place ? JSON.parse(text.slice(place.from, place.to)) : undefined);
    const provider = at(find(text, '  ', 'provider')) as StackJson['provider'];
    // Within `resource`: a data source of the same type sits under `data`.
    const resource = find(text, '  ', 'resource');
    const eips = at(resource && find(text, '    ', 'aws_eip', resource)) as NonNullable<StackJson['resource']>['aws_eip'];
    return { ...(provider ? { provider } : {}), ...(eips ? { resource: { aws_eip: eips } } : {}) };
  } catch {
    return JSON.parse(text) as StackJson;
  }
}

/** One warning per AWS account and region where the stacks allocate more Elastic IPs than the default quota. */
export function elasticIpQuotaWarnings(files: readonly { readonly path: string; readonly content: string }[]): string[] {
  // Account (or none named) and region → stack → its Elastic IPs there.
  const places = new Map<string, { account?: string; region: string; stacks: Map<string, number> }>();
  for (const file of files) {
    const stack = STACK.exec(file.path)?.[1];
    // Only stacks that allocate any: the others are not parsed.
    if (!stack || !file.content.includes('"aws_eip"')) continue;
    const json = stackParts(file.content);
    const providers = new Map((json.provider?.aws ?? []).map((p) => [p.alias ? `aws.${p.alias}` : 'aws', p]));
    for (const eip of Object.values(json.resource?.aws_eip ?? {})) {
      const provider = providers.get(eip.provider ?? 'aws');
      if (!provider?.region) continue;
      const account = provider.allowed_account_ids?.length === 1 ? provider.allowed_account_ids[0] : undefined;
      const key = `${account ?? ''}/${provider.region}`;
      const place = places.get(key) ?? { ...(account ? { account } : {}), region: provider.region, stacks: new Map<string, number>() };
      place.stacks.set(stack, (place.stacks.get(stack) ?? 0) + 1);
      places.set(key, place);
    }
  }
  return [...places.values()]
    .map((p) => ({ ...p, total: [...p.stacks.values()].reduce((a, b) => a + b, 0) }))
    .filter((p) => p.total > DEFAULT_ELASTIC_IP_QUOTA)
    .sort((a, b) => `${a.account ?? ''}/${a.region}`.localeCompare(`${b.account ?? ''}/${b.region}`))
    .map((p) => {
      const where = p.account ? `account ${p.account}, ${p.region}` : `${p.region} (stacks that name no account: one account assumed)`;
      const perStack = [...p.stacks].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s} ${n}`).join(', ');
      return `AWS ${where}: the stacks allocate ${p.total} Elastic IPs (${perStack}), more than AWS's default quota of ${DEFAULT_ELASTIC_IP_QUOTA} per region: ` +
        `unless the account's quota is higher, raise it before applying (Service Quotas, Amazon EC2, "EC2-VPC Elastic IPs", L-0263D0A3), or the apply fails with AddressLimitExceeded`;
    });
}
