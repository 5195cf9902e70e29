/*
 * Which BGP autonomous system numbers a cluster network's VPN gateway may use: one rule every cloud
 * of the fleet accepts, since each gateway peers with gateways of the other clouds.
 */

/**
 * The private ranges of RFC 6996. AWS accepts only these as a virtual private gateway's
 * Amazon-side ASN (docs.aws.amazon.com/vpn/latest/s2svpn/VPC_VPN.html, "Amazon side ASN"), and a
 * Cloud Router takes a private ASN unless you own a public one
 * (cloud.google.com/network-connectivity/docs/router/concepts/overview, "BGP ASNs").
 */
export const PRIVATE_ASN_RANGES: readonly (readonly [number, number])[] = [
  [64512, 65534],
  [4200000000, 4294967294],
];

/**
 * Private ASNs Azure keeps for itself: a VPN gateway or local network gateway cannot use them
 * (learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq, BGP: "ASNs reserved by Azure").
 * Azure's reserved public ASNs (8074, 8075, 12076) are outside the private ranges anyway.
 */
export const AZURE_RESERVED_ASNS: readonly number[] = [65515, 65517, 65518, 65519, 65520];

/** The largest ASN an AWS customer gateway takes in `bgp_asn`; above it, `bgp_asn_extended` (EC2 API CreateCustomerGateway). */
export const AWS_CUSTOMER_GATEWAY_MAX_BGP_ASN = 2147483647;

export const ASN_RULE = '64512-65534 or 4200000000-4294967294 (RFC 6996 private), except 65515 and 65517-65520 (reserved by Azure)';

/** Why an ASN cannot be used, or undefined when it can. */
export function asnProblem(asn: unknown): string | undefined {
  if (typeof asn !== 'number' || !Number.isInteger(asn)) return 'must be a whole number';
  if (!PRIVATE_ASN_RANGES.some(([lo, hi]) => asn >= lo && asn <= hi)) return 'must be a private ASN every cloud accepts';
  if (AZURE_RESERVED_ASNS.includes(asn)) return 'is reserved by Azure';
  return undefined;
}
