/* AzureRM provider classes, each from its deep path (see providers/aws.ts for why). */
export { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
export { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
export { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
export { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
export { KubernetesClusterNodePool } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool';
export { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
export { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
export { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
export { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
export { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
export { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network';
// Interconnect (lib/addons/interconnect) and global DNS (lib/addons/global-dns).
export { LocalNetworkGateway } from '@cdktf/provider-azurerm/lib/local-network-gateway';
export { VirtualNetworkGateway } from '@cdktf/provider-azurerm/lib/virtual-network-gateway';
export { VirtualNetworkGatewayConnection } from '@cdktf/provider-azurerm/lib/virtual-network-gateway-connection';
