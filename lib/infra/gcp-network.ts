import { Construct } from 'constructs';
import { ComputeNetwork, ComputeRouter, ComputeRouterNat, ComputeSubnetwork } from './providers/google';

export interface GcpNetworkProps {
  /** VPC network name; also the Istio network name. */
  readonly name: string;
  readonly region: string;
  /** Primary range of the nodes' subnetwork. */
  readonly nodeCidr: string;
  /** Secondary ranges GKE takes pod and Service IPs from (VPC-native cluster). */
  readonly podCidr: string;
  readonly serviceCidr: string;
}

export const GKE_POD_RANGE = 'pods';
export const GKE_SERVICE_RANGE = 'services';

/** A custom-mode VPC, a subnetwork with pod and service secondary ranges, and Cloud NAT for private nodes. */
export class GcpNetwork extends Construct {
  readonly network: ComputeNetwork;
  readonly subnetwork: ComputeSubnetwork;

  constructor(scope: Construct, id: string, props: GcpNetworkProps) {
    super(scope, id);
    this.network = new ComputeNetwork(this, 'network', { name: props.name, autoCreateSubnetworks: false, routingMode: 'REGIONAL' });
    this.subnetwork = new ComputeSubnetwork(this, 'nodes', {
      name: `${props.name}-nodes`,
      region: props.region,
      network: this.network.id,
      ipCidrRange: props.nodeCidr,
      privateIpGoogleAccess: true,
      secondaryIpRange: [
        { rangeName: GKE_POD_RANGE, ipCidrRange: props.podCidr },
        { rangeName: GKE_SERVICE_RANGE, ipCidrRange: props.serviceCidr },
      ],
    });
    const router = new ComputeRouter(this, 'router', { name: `${props.name}-router`, region: props.region, network: this.network.id });
    new ComputeRouterNat(this, 'nat', {
      name: `${props.name}-nat`,
      region: props.region,
      router: router.name,
      natIpAllocateOption: 'AUTO_ONLY',
      sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
      logConfig: { enable: true, filter: 'ERRORS_ONLY' },
    });
  }
}
