import { Construct } from 'constructs';
import { ComputeHaVpnGateway, ComputeRouter } from '../../infra/providers/google';

/**
 * BGP peers a Cloud Router takes, a limit Google does not raise (cloud.google.com/network-connectivity/
 * docs/router/quotas, Limits: "Maximum number of BGP peers for each Cloud Router in a given VPC network
 * and region", 128). The interconnect's router has one per tunnel of its network's links.
 */
export const CLOUD_ROUTER_BGP_PEERS = 128;

export interface GcpHaVpnGatewayProps {
  /** Name of the HA VPN gateway. */
  readonly name: string;
  /** Name of the Cloud Router that runs its BGP sessions. */
  readonly routerName: string;
  /** The VPC network (id or self link). */
  readonly network: string;
  readonly region: string;
  /** Cloud Router BGP ASN (see `asnProblem`). */
  readonly asn: number;
  /**
   * What the router advertises to every peer. Custom, so it is exactly these: the default mode
   * would also advertise the GKE pod and Service secondary ranges of the region's subnets.
   */
  readonly advertisedRanges: readonly string[];
}

/**
 * An HA VPN gateway (two interfaces, each with its own public IP) and a Cloud Router of its own
 * with a BGP ASN and custom advertisements. Routes the router learns become dynamic routes of the
 * network in the router's region (the network's routing mode is regional).
 */
export class GcpHaVpnGateway extends Construct {
  readonly gateway: ComputeHaVpnGateway;
  readonly router: ComputeRouter;

  constructor(scope: Construct, id: string, props: GcpHaVpnGatewayProps) {
    super(scope, id);
    this.gateway = new ComputeHaVpnGateway(this, 'gateway', { name: props.name, network: props.network, region: props.region, stackType: 'IPV4_ONLY' });
    this.router = new ComputeRouter(this, 'router', {
      name: props.routerName,
      network: props.network,
      region: props.region,
      bgp: { asn: props.asn, advertiseMode: 'CUSTOM', advertisedIpRanges: props.advertisedRanges.map((range) => ({ range })) },
    });
  }
}
