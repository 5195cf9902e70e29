import { Construct } from 'constructs';
import { ResourceGroup, Subnet, VirtualNetwork } from './providers/azurerm';

export interface AzureNetworkProps {
  /** VNet name; also the Istio network name. */
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** The VNet's only range; the node subnet takes all of it (pods use the overlay range). */
  readonly nodeCidr: string;
}

/** The resource group that holds the cluster, and a VNet with the node subnet. */
export class AzureNetwork extends Construct {
  readonly resourceGroup: ResourceGroup;
  readonly nodeSubnet: Subnet;
  readonly virtualNetwork: VirtualNetwork;

  constructor(scope: Construct, id: string, props: AzureNetworkProps) {
    super(scope, id);
    this.resourceGroup = new ResourceGroup(this, 'group', { name: props.resourceGroupName, location: props.location });
    const vnet = (this.virtualNetwork = new VirtualNetwork(this, 'vnet', {
      name: props.name,
      location: props.location,
      resourceGroupName: this.resourceGroup.name,
      addressSpace: [props.nodeCidr],
    }));
    this.nodeSubnet = new Subnet(this, 'nodes', {
      name: `${props.name}-nodes`,
      resourceGroupName: this.resourceGroup.name,
      virtualNetworkName: vnet.name,
      addressPrefixes: [props.nodeCidr],
    });
  }
}
