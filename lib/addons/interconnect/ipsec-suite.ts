/*
 * The one IKE/IPsec suite every tunnel of the interconnect negotiates: IKEv2; IKE SA AES-256-CBC,
 * HMAC/PRF-SHA2-256, DH group 20 (384-bit ECP); child SAs AES-256-CBC, HMAC-SHA2-256, PFS group 14
 * (2048-bit MODP). One algorithm per role, as Google asks of a peer of Cloud VPN ("configure your peer
 * VPN gateway to propose and accept only one cipher for each cipher role", cloud.google.com/
 * network-connectivity/docs/vpn/concepts/supported-ike-ciphers), and supported by all three clouds:
 * AWS (EC2 API VpnTunnelOptionsSpecification), Azure's custom IPsec/IKE policy (MicrosoftDocs/azure-docs
 * articles/vpn-gateway/ipsec-ike-policy-howto.md; ECP384 is group 20 and PFS2048 group 14 in
 * includes/vpn-gateway-ipsec-ike-diffie-hellman-include.md) and Cloud VPN (the Google sources in
 * ipsec-suite.test.ts).
 *
 * PFS is group 14, not 20 like the IKE SA: no Google source we could read lists group 20 for a child
 * SA (the phase-2 table of the supported-ciphers page was not readable), and a group Cloud VPN refused
 * there would not show at the apply: a tunnel's first child SA is made without a key exchange (RFC 7296
 * 1.2), so the links would come up and drop at their first rekey. Group 14 is the one Google's own
 * cipher_suite test sets as a tunnel's PFS (terraform-provider-google v7.4.0
 * resource_compute_vpn_tunnel_generated_test.go); Azure links had no PFS at all before.
 *
 * Left to their defaults the ends would take much weaker ones: an AWS tunnel accepts AES128, SHA1
 * and DH group 2 (1024-bit MODP) and IKEv1 (terraform-provider-aws internal/service/ec2/
 * vpnsite_connection.go defaultVPNTunnelOptions*), and an Azure connection's default policy offers
 * and accepts only DH group 2 in its IKE SA, 3DES and SHA1 among its ciphers, and child SAs without
 * PFS (azure-docs articles/vpn-gateway/vpn-gateway-about-vpn-devices.md "Default IPsec/IKE parameters").
 *
 * Which end pins it: the end that can and that sends and accepts nothing else. An Azure connection
 * with a policy "will only send or accept the IPsec/IKE proposal with specified cryptographic
 * algorithms" (ipsec-ike-policy-howto.md), so it alone fixes the suite of every Azure link. A GCP
 * tunnel has no cipher setting at the pinned google 6.50.0 (`cipher_suite` arrives in v7.4.0,
 * ForceNew), so on AWS ↔ GCP links the AWS tunnel options fix it. AWS tunnels towards Azure keep
 * AWS's defaults, which contain the suite: pinned there too, the upgrade from a stack without a
 * suite would modify the AWS tunnels first (Terraform applies them before the Azure connections,
 * whose local gateways name their addresses) to a suite Azure's default policy refuses (DH group 2
 * only), and the link would be down until the Azure connections follow.
 */

/**
 * The suite as AWS tunnel options name it (terraform-provider-aws vpnsite_connection.go validation
 * lists). IKEv2 is not among them: every AWS tunnel of the interconnect sets it (aws-vpn-connections.ts).
 */
export const AWS_TUNNEL_SUITE = {
  phase1EncryptionAlgorithms: ['AES256'],
  phase1IntegrityAlgorithms: ['SHA2-256'],
  phase1DhGroupNumbers: [20],
  phase2EncryptionAlgorithms: ['AES256'],
  phase2IntegrityAlgorithms: ['SHA2-256'],
  phase2DhGroupNumbers: [14],
} as const;

type Suite = typeof AWS_TUNNEL_SUITE;
type TunnelOptions<N extends 1 | 2> = { [K in keyof Suite as `tunnel${N}${Capitalize<K>}`]: Suite[K][number][] };

/** The suite's options of one tunnel of an `aws_vpn_connection` (`tunnel1_…` or `tunnel2_…`). */
export function awsTunnelSuite<N extends 1 | 2>(tunnel: N): TunnelOptions<N> {
  return Object.fromEntries(Object.entries(AWS_TUNNEL_SUITE).map(([option, values]) => [`tunnel${tunnel}${option[0].toUpperCase()}${option.slice(1)}`, [...values]])) as TunnelOptions<N>;
}

/**
 * The suite as an Azure connection's `ipsec_policy` names it (terraform-provider-azurerm v4.55.0
 * virtual_network_gateway_connection_resource.go validation lists). The SA lifetimes are Azure's
 * defaults, stated because azurerm sends 0 for an unset one; they are local and need not match the
 * peer's (azure-docs includes/vpn-gateway-ipsec-ike-requirements-include.md).
 */
export const AZURE_IPSEC_POLICY = {
  ikeEncryption: 'AES256',
  ikeIntegrity: 'SHA256',
  dhGroup: 'ECP384',
  ipsecEncryption: 'AES256',
  ipsecIntegrity: 'SHA256',
  pfsGroup: 'PFS2048',
  saLifetime: 27000,
  saDatasize: 102400000,
} as const;
