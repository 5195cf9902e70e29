/* Google provider classes, each from its deep path (see providers/aws.ts for why). */
export { GoogleProvider } from '@cdktf/provider-google/lib/provider';
export { ComputeAddress } from '@cdktf/provider-google/lib/compute-address';
export { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
export { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
export { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
export { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
export { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
export { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
export { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
export { DataGoogleClientConfig } from '@cdktf/provider-google/lib/data-google-client-config';
export { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
export { IamWorkloadIdentityPool } from '@cdktf/provider-google/lib/iam-workload-identity-pool';
export { IamWorkloadIdentityPoolProvider } from '@cdktf/provider-google/lib/iam-workload-identity-pool-provider';
export { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
export { ProjectService } from '@cdktf/provider-google/lib/project-service';
export { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
export { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
// Interconnect (lib/addons/interconnect) and global DNS (lib/addons/global-dns).
export { ComputeExternalVpnGateway } from '@cdktf/provider-google/lib/compute-external-vpn-gateway';
export { ComputeHaVpnGateway } from '@cdktf/provider-google/lib/compute-ha-vpn-gateway';
export { ComputeRouterInterface } from '@cdktf/provider-google/lib/compute-router-interface';
export { ComputeRouterPeer } from '@cdktf/provider-google/lib/compute-router-peer';
export { ComputeVpnTunnel } from '@cdktf/provider-google/lib/compute-vpn-tunnel';
