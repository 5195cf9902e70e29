import { overQuota, raiseQuota } from './quota-tally';

/*
 * AWS attaches at most 10 Site-to-Site VPN connections to one virtual private gateway unless the
 * account asked for more (AWS Site-to-Site VPN User Guide, vpn-limits.html: "Site-to-Site VPN
 * connections per virtual private gateway", 10, adjustable, L-B91E5754). The interconnect gives an AWS
 * cluster's gateway two connections per GCP or Azure network it links to, in the pair stacks: past the
 * quota, CreateVpnConnection fails partway through a pair stack's apply. Whether an account has a
 * higher quota only AWS knows, so synth counts the connections per gateway and warns: not an error.
 */

/** AWS's default quota of VPN connections per virtual private gateway. */
export const DEFAULT_VPN_CONNECTION_QUOTA = 10;

interface StackJson {
  readonly resource?: { readonly aws_vpn_connection?: Record<string, { readonly vpn_gateway_id?: unknown; readonly provider?: unknown }> };
}

/** The VPN connections a stack attaches to one virtual private gateway (its id, and the AWS provider alias, which names the cluster). */
export interface VpnConnectionUse {
  readonly gateway: string;
  readonly cluster?: string;
  readonly count: number;
}

/** The VPN connections a stack attaches, per gateway: worked out as the stack is rendered and kept with its file, as awsRegionalUses is. */
export function vpnConnectionUses(stack: unknown): VpnConnectionUse[] {
  const uses = new Map<string, { gateway: string; cluster?: string; count: number }>();
  for (const c of Object.values((stack as StackJson).resource?.aws_vpn_connection ?? {})) {
    if (typeof c.vpn_gateway_id !== 'string') continue;
    const cluster = typeof c.provider === 'string' && c.provider.startsWith('aws.') ? c.provider.slice('aws.'.length) : undefined;
    const use = uses.get(c.vpn_gateway_id) ?? { gateway: c.vpn_gateway_id, ...(cluster ? { cluster } : {}), count: 0 };
    use.count++;
    uses.set(c.vpn_gateway_id, use);
  }
  return [...uses.values()].sort((a, b) => a.gateway.localeCompare(b.gateway));
}

/** One warning per virtual private gateway to which the stacks (their files, with what vpnConnectionUses found) attach more VPN connections than the default quota. */
export function vpnConnectionQuotaWarnings(files: readonly { readonly path: string; readonly vpnConnections?: readonly VpnConnectionUse[] }[]): string[] {
  return overQuota(files, (f) => f.vpnConnections, (u) => u.gateway, DEFAULT_VPN_CONNECTION_QUOTA).map(({ use, total, perStack }) =>
    `AWS virtual private gateway ${use.gateway}${use.cluster ? ` (cluster ${use.cluster})` : ''}: the stacks attach ${total} VPN connections (${perStack}), more than AWS's default quota of ${DEFAULT_VPN_CONNECTION_QUOTA} per gateway: ` +
    raiseQuota('Amazon EC2, "Site-to-Site VPN connections per virtual private gateway", L-B91E5754', 'CreateVpnConnection fails partway through the apply'),
  );
}
