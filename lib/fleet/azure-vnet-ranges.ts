import { Cidr, parseCidr } from './cidr';

/**
 * Ranges Azure refuses in a VNet's address space: "You cannot add the following address ranges"
 * (MicrosoftDocs/azure-docs articles/virtual-network/manage-virtual-network.md, "Add or remove an address
 * range"). azurerm checks only that a range is not empty (v4.55.0 internal/services/network/
 * virtual_network_resource.go address_space: StringIsNotEmpty), so a VNet given one fails at the apply. An
 * AKS cluster's VNet is its `nodeCidr` (lib/infra/azure-network.ts), and the interconnect adds the gateway
 * subnet's range to it.
 */
export const AZURE_VNET_REFUSED: readonly { readonly cidr: Cidr; readonly what: string }[] = [
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['168.63.129.16/32', "Azure's internal DNS, DHCP and load balancer health probe address"],
].map(([text, what]) => ({ cidr: parseCidr(text) as Cidr, what }));
