import { Construct } from 'constructs';
import { PublicIp, Subnet, VirtualNetworkGateway } from '../../infra/providers/azurerm';
import { AZURE_GATEWAY_SUBNET } from './names';
import { azurePublicIpZones } from '../../infra/azure-public-ip-zones';
import { AZURE_VPN_GATEWAY_SKU, AzureVpnGatewaySku } from './azure-gateway-sku';

export interface AzureVpnGatewayProps {
  readonly name: string;
  /** Names of the public IPs of instance 0 and instance 1. */
  readonly publicIpNames: readonly [string, string];
  readonly resourceGroupName: string;
  readonly location: string;
  /** The VNet's name; the `GatewaySubnet` is created in it. */
  readonly virtualNetworkName: string;
  /** Range of the `GatewaySubnet`: must lie in one of the VNet's address ranges. */
  readonly gatewaySubnetCidr: string;
  /** Zones of the public IPs (zone-redundant). */
  readonly zones: readonly string[];
  /** BGP ASN (see `asnProblem`). */
  readonly asn: number;
  /** Custom APIPA BGP addresses of instance 0 and of instance 1, in 169.254.21.0-169.254.22.255. */
  readonly apipaAddresses: readonly [readonly string[], readonly string[]];
  /** Gateway SKU (see azure-gateway-sku.ts: it sets how many connections the gateway takes). @default 'VpnGw1AZ' */
  readonly sku?: AzureVpnGatewaySku;
}

/**
 * An active-active, route-based VPN gateway with BGP in a VNet's `GatewaySubnet`: two instances,
 * each with a zone-redundant Standard public IP and its own custom APIPA BGP addresses
 * (learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-aws-bgp). It advertises the VNet's
 * address ranges, and routes it learns reach the VNet's subnets on their own.
 */
export class AzureVpnGateway extends Construct {
  readonly gateway: VirtualNetworkGateway;
  readonly publicIps: readonly [PublicIp, PublicIp];
  readonly subnet: Subnet;

  constructor(scope: Construct, id: string, props: AzureVpnGatewayProps) {
    super(scope, id);
    const common = { resourceGroupName: props.resourceGroupName, location: props.location };
    // The subnet must be named GatewaySubnet (learn.microsoft.com/azure/vpn-gateway/vpn-gateway-about-vpn-gateway-settings#gwsub).
    this.subnet = new Subnet(this, 'subnet', { name: AZURE_GATEWAY_SUBNET, resourceGroupName: props.resourceGroupName, virtualNetworkName: props.virtualNetworkName, addressPrefixes: [props.gatewaySubnetCidr] });
    const ip = (i: 0 | 1) => new PublicIp(this, `ip-${i}`, { ...common, name: props.publicIpNames[i], allocationMethod: 'Static', sku: 'Standard', zones: azurePublicIpZones(props.location, props.zones) });
    this.publicIps = [ip(0), ip(1)];
    const sku = props.sku ?? AZURE_VPN_GATEWAY_SKU;
    const configs = ([0, 1] as const).map((i) => ({ name: `instance-${i}`, subnetId: this.subnet.id, publicIpAddressId: this.publicIps[i].id, privateIpAddressAllocation: 'Dynamic' }));
    this.gateway = new VirtualNetworkGateway(this, 'gateway', {
      ...common,
      name: props.name,
      type: 'Vpn',
      vpnType: 'RouteBased',
      activeActive: true,
      enableBgp: true,
      sku,
      // VpnGw1AZ exists only in Generation1 (terraform-provider-azurerm virtual_network_gateway_resource.go, validateVirtualNetworkGatewayRouteBasedVpnSkuGeneration1/2).
      generation: sku === 'VpnGw1AZ' ? 'Generation1' : 'Generation2',
      ipConfiguration: configs,
      bgpSettings: {
        asn: props.asn,
        peeringAddresses: configs.map((c, i) => ({ ipConfigurationName: c.name, apipaAddresses: [...props.apipaAddresses[i]] })),
      },
    });
  }
}
