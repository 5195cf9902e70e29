/**
 * The SKUs an Azure VPN gateway of the interconnect may have: the AZ SKUs (Azure no longer creates the
 * non-AZ VpnGw1-5, learn.microsoft.com/azure/vpn-gateway/gateway-sku-consolidation), all of which
 * support BGP and active-active.
 */
export type AzureVpnGatewaySku = 'VpnGw1AZ' | 'VpnGw2AZ' | 'VpnGw3AZ' | 'VpnGw4AZ' | 'VpnGw5AZ';

/** The SKU every cluster's gateway is created with (lib/addons/interconnect/index.ts sets no other). */
export const AZURE_VPN_GATEWAY_SKU: AzureVpnGatewaySku = 'VpnGw1AZ';

/**
 * Site-to-site tunnels a gateway of each SKU takes at most: a property of the SKU, not a quota
 * (MicrosoftDocs/azure-docs includes/vpn-gateway-table-gwtype-aggtput-include.md, 2026-06-08:
 * "S2S/VNet-to-VNet Tunnels", Max. 30 for VpnGw1AZ-3AZ, 100 for VpnGw4AZ-5AZ; more only with Virtual WAN).
 * Azure counts a connection as a tunnel (articles/vpn-gateway/about-gateway-skus.md: "10 tunnels for
 * S2S/connections", "1 S2S/connection tunnel"; MicrosoftDocs/azure-docs#82614 "S2S connection limit ...
 * from 30 to 100 tunnels"), and an active-active gateway's two instances' tunnels
 * of one connection are "part of the same connection" (about-active-active-gateways.md): the
 * interconnect makes one connection per tunnel it plans on the Azure side.
 */
export const AZURE_S2S_TUNNELS: Readonly<Record<AzureVpnGatewaySku, number>> = { VpnGw1AZ: 30, VpnGw2AZ: 30, VpnGw3AZ: 30, VpnGw4AZ: 100, VpnGw5AZ: 100 };
