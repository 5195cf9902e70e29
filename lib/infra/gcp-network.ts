import { Construct } from 'constructs';
import { gcpNatAddressName, gcpNatName, gcpRouterName, gcpSubnetworkName } from '../fleet';
import { ComputeAddress, ComputeNetwork, ComputeRouter, ComputeRouterNat, ComputeSubnetwork } from './providers/google';

export interface GcpNetworkProps {
  /** VPC network name; also the Istio network name. */
  readonly name: string;
  readonly region: string;
  /** Primary range of the nodes' subnetwork. */
  readonly nodeCidr: string;
  /** Secondary ranges GKE takes pod and Service IPs from (VPC-native cluster). */
  readonly podCidr: string;
  readonly serviceCidr: string;
  /**
   * How many reserved external addresses Cloud NAT uses. Zero: Google allocates them (AUTO_ONLY) and
   * they may change; more: the network's egress addresses are static and known (`natAddresses`), as a
   * management cluster's must be for other clusters' API allow lists. @default 0
   */
  readonly staticEgressAddresses?: number;
}

export const GKE_POD_RANGE = 'pods';
export const GKE_SERVICE_RANGE = 'services';

/** A custom-mode VPC, a subnetwork with pod and service secondary ranges, and Cloud NAT for private nodes. */
export class GcpNetwork extends Construct {
  readonly network: ComputeNetwork;
  readonly subnetwork: ComputeSubnetwork;
  /** Cloud NAT's reserved addresses, when `staticEgressAddresses` asks for them. */
  readonly natAddresses: ComputeAddress[] = [];

  constructor(scope: Construct, id: string, props: GcpNetworkProps) {
    super(scope, id);
    this.network = new ComputeNetwork(this, 'network', { name: props.name, autoCreateSubnetworks: false, routingMode: 'REGIONAL' });
    this.subnetwork = new ComputeSubnetwork(this, 'nodes', {
      name: gcpSubnetworkName(props.name),
      region: props.region,
      network: this.network.id,
      ipCidrRange: props.nodeCidr,
      privateIpGoogleAccess: true,
      secondaryIpRange: [
        { rangeName: GKE_POD_RANGE, ipCidrRange: props.podCidr },
        { rangeName: GKE_SERVICE_RANGE, ipCidrRange: props.serviceCidr },
      ],
    });
    for (let i = 0; i < (props.staticEgressAddresses ?? 0); i++) {
      this.natAddresses.push(
        new ComputeAddress(this, `nat-address-${i}`, {
          name: gcpNatAddressName(props.name, i),
          region: props.region,
          addressType: 'EXTERNAL',
          // A zone removed drops the last address. Terraform destroys a resource gone from the configuration
          // before it updates what referred to it, unless the state marks it create_before_destroy, and Google
          // refuses to delete an address the NAT still uses (resourceInUseByAnotherResource): the flag makes the
          // NAT let go of it first (hashicorp/terraform-provider-google v6.50.0
          // website/docs/r/compute_router_nat.html.markdown, `nat_ips`; gcp-network.test.ts shows both orders).
          lifecycle: { createBeforeDestroy: true },
        }),
      );
    }
    const router = new ComputeRouter(this, 'router', { name: gcpRouterName(props.name), region: props.region, network: this.network.id });
    new ComputeRouterNat(this, 'nat', {
      name: gcpNatName(props.name),
      region: props.region,
      router: router.name,
      // MANUAL_ONLY uses exactly the reserved addresses (cloud.google.com/nat/docs/ports-and-addresses).
      ...(this.natAddresses.length > 0 ? { natIpAllocateOption: 'MANUAL_ONLY', natIps: this.natAddresses.map((a) => a.selfLink) } : { natIpAllocateOption: 'AUTO_ONLY' }),
      sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
      // A node needs one NAT port per concurrent connection to the same destination address and port,
      // and static allocation gives each VM 64 (cloud.google.com/nat/docs/ports-and-addresses): every pod
      // of a node shares them, and much of a GKE node's traffic goes to one destination, a peer's public
      // east-west gateway on 15443 (or Mimir's, for the metrics agent's remote write), so a busy node ran
      // out and Cloud NAT dropped its new connections (OUT_OF_RESOURCES). Dynamic allocation starts a VM at
      // 64 and grows it to 4096 as it needs them (powers of two; it excludes endpoint-independent mapping:
      // terraform-provider-google resource_compute_router_nat.go enable_dynamic_port_allocation). In place.
      enableDynamicPortAllocation: true,
      enableEndpointIndependentMapping: false,
      minPortsPerVm: 64,
      maxPortsPerVm: 4096,
      logConfig: { enable: true, filter: 'ERRORS_ONLY' },
    });
  }
}
