/*
 * The names an external mesh service puts in its ServiceEntry and DestinationRule (its host, its DNS
 * endpoints' addresses, its port names), judged as istiod 1.30.3 judges them and as they work once
 * applied. Every rule cites where it comes from; what istiod accepts and works is accepted.
 */

/** istio 1.30.3 pkg/config/labels/instance.go dns1123LabelFmt: either case, a digit first allowed. */
const ISTIO_LABEL = /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
/** The same file's wildcardPrefix: `*`, or a label after `*` or `*-`, or a label. */
const ISTIO_WILDCARD_LABEL = /^(\*|(\*|\*-)?[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;

/** A port name istiod's webhook takes (istio 1.30.3 pkg/config/validation/validation.go ValidatePortName: labels.IsDNS1123Label). */
export function isIstioPortName(name: unknown): name is string {
  return typeof name === 'string' && name.length <= 63 && ISTIO_LABEL.test(name);
}

/** Whether a host names a family of names (`*.example.com`) rather than one. */
export function isWildcardHost(host: string): boolean {
  return host.startsWith('*');
}

/** Equal hosts or addresses as DNS compares them: case-insensitively (RFC 4343), a trailing dot aside. */
export function sameDnsName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * Why istiod's webhook refuses a name, or undefined: at most 255 characters, labels of at most 63,
 * letters (either case), digits and "-", the first label of a host may be a wildcard, and the last
 * not all digits (istio 1.30.3 pkg/config/validation/agent/validation.go CheckDNS1123Preconditions,
 * ValidateDNS1123Labels, ValidateFQDN, ValidateWildcardDomain). A trailing dot is allowed here, as there.
 */
function istioNameProblem(name: string, wildcardFirst: boolean): string | undefined {
  // The length counts a trailing dot (CheckDNS1123Preconditions); the labels are those before it.
  if (name.length > 255) return 'longer than 255 characters';
  const labels = name.replace(/\.$/, '').split('.');
  const bad = labels.find((l, i) => !(i === 0 && wildcardFirst ? ISTIO_WILDCARD_LABEL : ISTIO_LABEL).test(l) || l.length > 63);
  if (bad !== undefined) return bad.length > 63 ? `its label "${bad.slice(0, 20)}…" is longer than 63 characters` : `its label "${bad}" is not a DNS label (letters, digits and "-", not first or last)`;
  // istiod tests the part after the last dot, which a trailing dot leaves empty; no resolvable name ends in an all-digit label either way.
  const top = labels[labels.length - 1];
  if (/^\d+$/.test(top)) return `its top-level label "${top}" is all digits`;
  return undefined;
}

/**
 * Why istiod's webhook refuses a DestinationRule host, or undefined (istio 1.30.3 pkg/config/validation/
 * validation.go ValidateDestinationRule: agent.ValidateWildcardDomain, where a trailing dot is allowed).
 */
export function destinationRuleHostProblem(host: string): string | undefined {
  const why = istioNameProblem(host, true);
  return why ? `istiod's validating webhook refuses this host: ${why}` : undefined;
}

export const EXTERNAL_HOST_ALLOWED = 'a DNS name outside the mesh, e.g. "api.example.com" or "*.example.com": labels of letters, digits and "-" of at most 63 characters, at most 255 in all, not ending in a numeric label or a dot';

/**
 * Why an external mesh service's `host` would be refused by istiod or not reach the service, or
 * undefined. Taken as istiod takes them: uppercase letters (its DNS proxy lowercases the names it
 * answers, pkg/dns/client/dns.go buildDNSAnswers; Envoy lowercases virtual host domains,
 * envoyproxy/envoy source/common/router/config_impl.cc, and both the SNI and the server names it
 * matches, filter_chain_manager_impl.cc since envoyproxy/envoy#14793) and a wildcard first label `*.`.
 */
export function externalHostProblem(host: string): string | undefined {
  // istio 1.30.3 pkg/config/validation/validation.go ValidateServiceEntry ("invalid host *"), and the CRD's "hostname cannot be wildcard".
  if (host === '*') return 'istiod\'s validating webhook refuses the full wildcard "*" as a ServiceEntry host';
  // istiod takes it, but its DNS proxy answers no host ending in a dot (istio 1.30.3 pkg/dns/client/dns.go
  // generateAltHosts returns none), so clients never get the address istiod allocated for it; and
  // clients send Host headers and TLS SNI without the dot, which Envoy matches against the host as written
  // (istiod sets no strip_trailing_host_dot).
  if (host.endsWith('.')) return 'ends in a dot: istiod accepts it, but its DNS proxy answers no name ending in a dot and clients send Host and SNI without it, so calls would pass the ServiceEntry by, its endpoints and failover';
  if (!host.includes('.') || sameDnsName(host).endsWith('.local')) return 'must be a fully qualified DNS name outside the mesh';
  const why = istioNameProblem(host, true);
  if (why) return `istiod's validating webhook refuses this host: ${why}`;
  if (!isWildcardHost(host)) return undefined;
  // istio 1.30.3 ValidateServiceEntry: agent.ValidatePartialWildCard, a warning for DNS and STATIC resolution. A wildcard
  // host gets no allocated address, so its TLS ports are matched by SNI, and Envoy refuses a partial wildcard among a
  // listener's server names, and with it the whole listener (envoyproxy/envoy source/common/listener_manager/
  // filter_chain_manager_impl.cc addFilterChains: "partial wildcards are not supported").
  if (!host.startsWith('*.')) return 'is a partial wildcard: istiod warns it is not allowed for DNS or STATIC resolution, and Envoy refuses it as a TLS server name, with the whole listener';
  return undefined;
}

export const WILDCARD_PORT_ALLOWED = 'HTTP, HTTPS, HTTP2, GRPC or TLS (told apart by Host or SNI), or a host without a wildcard';

/**
 * Why a port cannot be one of a host's, or undefined: a TCP port of a wildcard host. Such a host gets no
 * allocated address (istio 1.30.3 pilot/pkg/controllers/ipallocate/ipallocate.go keeps wildcards only for
 * DYNAMIC_DNS), and a port of a ServiceEntry without addresses is "identified solely based on the
 * destination port" (istio/api networking/v1alpha3/service_entry.proto, `addresses`): HTTP is still told
 * apart by Host and TLS by SNI, but plain TCP would take every connection to that port, to any address.
 */
export function wildcardPortProblem(host: string, port: { readonly number: unknown; readonly protocol: unknown }): string | undefined {
  if (!isWildcardHost(host) || port.protocol !== 'TCP') return undefined;
  return `a wildcard host (${host}) cannot serve a TCP port: it gets no address of its own, so the port would take every TCP connection to ${String(port.number)} from every pod, to any destination`;
}

/**
 * Why a DNS endpoint's address (not an IP address) would be refused by istiod, or undefined. Either
 * case and a trailing dot are taken: istiod takes them (ValidateFQDN), and Envoy resolves the name
 * through c-ares, for which DNS is case-insensitive and a trailing dot makes the name absolute, looked
 * up as is (c-ares/c-ares src/lib/ares_getaddrinfo.c as_is_only).
 */
export function endpointNameProblem(address: string): string | undefined {
  const why = istioNameProblem(address, false);
  return why ? `istiod's validating webhook refuses this endpoint address: ${why}` : undefined;
}
