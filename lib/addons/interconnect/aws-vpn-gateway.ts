import { Construct } from 'constructs';
import { VpnGateway, VpnGatewayRoutePropagation } from '../../infra/providers/aws';

/**
 * Routes a VPC route table takes from route propagation, a limit AWS does not raise (Amazon VPC User
 * Guide, amazon-vpc-limits.html, Route tables: "BGP advertised routes per route table (propagated
 * routes)", 100, not adjustable; awsdocs/amazon-vpc-user-guide doc_source/amazon-vpc-limits.md).
 */
export const AWS_PROPAGATED_ROUTES_PER_ROUTE_TABLE = 100;

export interface AwsVpnGatewayProps {
  /** Name tag. */
  readonly name: string;
  /** The VPC the gateway is attached to. */
  readonly vpcId: string;
  /** Amazon-side BGP ASN (see `asnProblem`). */
  readonly asn: number;
  /**
   * Route tables that learn the peers' ranges from the gateway (route propagation): the tables of
   * every subnet whose traffic may go to a peer network.
   */
  readonly routeTableIds: readonly string[];
}

/**
 * A virtual private gateway attached to a VPC, its ASN, and route propagation into the given
 * route tables: routes the VPN connections learn over BGP appear in those tables on their own
 * (docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html, "Route propagation"). It advertises
 * every CIDR block of the VPC to its peers. One per VPC: AWS attaches at most one.
 */
export class AwsVpnGateway extends Construct {
  readonly gateway: VpnGateway;

  constructor(scope: Construct, id: string, props: AwsVpnGatewayProps) {
    super(scope, id);
    this.gateway = new VpnGateway(this, 'gateway', { vpcId: props.vpcId, amazonSideAsn: String(props.asn), tags: { Name: props.name } });
    props.routeTableIds.forEach((routeTableId, i) => new VpnGatewayRoutePropagation(this, `propagation-${i}`, { vpnGatewayId: this.gateway.id, routeTableId }));
  }
}
