import { isIPv6 } from 'net';
import { asText } from './fleet-error';
import { parseCidr } from './cidr';
import { CLOUDS } from './cluster';
import { endpointNameProblem, EXTERNAL_HOST_ALLOWED, externalHostProblem, isIstioPortName, sameDnsName, WILDCARD_PORT_ALLOWED, wildcardPortProblem } from './mesh-host';
import { DNS_LABEL, isNonEmptyString, isRecord, itemPath, listItems, Problems } from './problems';
import { didYouMean } from './suggest';

const PROTOCOLS = ['HTTP', 'HTTPS', 'HTTP2', 'GRPC', 'TCP', 'TLS'];
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const MAX_LOCALITY_LENGTH = 2048;
const LOCALITY = /^[A-Za-z0-9-_.]+(\/[A-Za-z0-9-_.]+){0,2}$/;

/**
 * An IPv4 address as istiod reads one (istio 1.30.3 pkg/util/net/ip.go IsValidIPAddress: Go's
 * netip.ParseAddr, which refuses an octet above 255 or with a leading zero: golang/go
 * src/net/netip/netip.go parseIPv4).
 */
function isIPv4Address(address: unknown): address is string {
  const m = typeof address === 'string' ? IPV4.exec(address) : null;
  return m !== null && !m.slice(1).some((o) => Number(o) > 255) && typeof parseCidr(`${address}/32`) !== 'string';
}

/** In-mesh services name a `namespace` (and `clusters`); external ones a `host` (and `endpoints`). */
export function checkMeshServices(p: Problems, services: unknown, clusters: Record<string, unknown>[]): void {
  if (services === undefined) return;
  if (!Array.isArray(services)) {
    p.add('meshServices', 'must be a list of mesh services', services, '[{ name, namespace, clusters }] or [{ name, host, ports, resolution, endpoints }]');
    return;
  }
  const byName = new Map(clusters.filter((c) => typeof c.name === 'string').map((c) => [c.name as string, c]));
  const seen = new Set<string>();
  const hosts = new Map<string, string>();
  // Holes (`[a, , b]`) are reported by the shape check (unknown-fields.ts); lists are walked by index.
  for (const { item: s, index, present } of listItems(services)) {
    if (!present) continue;
    const path = itemPath('meshServices', s, index);
    const name = path.slice('meshServices['.length, -1);
    if (!isRecord(s)) {
      p.add(path, 'must be an object', s, 'an in-mesh { name, namespace, clusters } or external { name, host, ports, resolution, endpoints } service');
      continue;
    }
    if (typeof s.name !== 'string' || !DNS_LABEL.test(s.name) || s.name.length > 63) p.add(`${path}.name`, 'must be a DNS-1123 label', s.name, 'lowercase letters, digits and "-"');
    if (seen.has(name)) p.add(`${path}.name`, 'mesh service names must be unique', name, 'a name no other mesh service uses');
    seen.add(name);
    const inMesh = s.namespace !== undefined;
    if (inMesh === (s.host !== undefined)) {
      p.add(path, 'needs exactly one of namespace (a Service of the mesh) or host (an external service)', Object.keys(s), '{ name, namespace, clusters } or { name, host, ports, resolution, endpoints }');
      continue;
    }
    // Compared as DNS compares names: istiod's DNS proxy lowercases the hosts it answers for (istio 1.30.3 pkg/dns/client/dns.go).
    const host = inMesh ? `${asText(s.name)}.${asText(s.namespace)}.svc.cluster.local` : typeof s.host === 'string' ? sameDnsName(s.host) : undefined;
    if (host !== undefined) {
      if (hosts.has(host)) p.add(`${path}.${inMesh ? 'namespace' : 'host'}`, `the same host as meshServices[${hosts.get(host)}]`, inMesh ? host : s.host, 'one mesh service per host');
      hosts.set(host, name);
    }
    const clouds = inMesh ? checkInMesh(p, path, s, byName) : checkExternal(p, path, s, byName);
    checkFailover(p, `${path}.failover`, s.failover, clouds);
  }
}

/** Returns the clouds that serve it. */
function checkInMesh(p: Problems, path: string, s: Record<string, unknown>, clusters: Map<string, Record<string, unknown>>): Set<string> {
  const clouds = new Set<string>();
  if (typeof s.namespace !== 'string' || !DNS_LABEL.test(s.namespace) || s.namespace.length > 63) p.add(`${path}.namespace`, 'must be a DNS-1123 label', s.namespace, 'the namespace of the Service, e.g. "checkout"');
  for (const field of ['ports', 'resolution', 'endpoints']) {
    if (s[field] !== undefined) p.add(`${path}.${field}`, 'only external services (with a host) have it; an in-mesh service is found through the clusters it runs in', s[field], 'leave it out, or use host instead of namespace');
  }
  if (!Array.isArray(s.clusters) || s.clusters.length === 0) {
    p.add(`${path}.clusters`, 'the clusters that run the Service are required', s.clusters, `some of ${[...clusters.keys()].join(', ')}`);
    return clouds;
  }
  const seen = new Set<unknown>();
  for (const { item: name, index: i, present } of listItems(s.clusters)) {
    if (!present) continue;
    const c = typeof name === 'string' ? clusters.get(name) : undefined;
    if (!c) p.add(`${path}.clusters[${i}]`, `not a cluster of this fleet${didYouMean(name, clusters.keys())}`, name, [...clusters.keys()].join(', '));
    else clouds.add(servingCloud(c));
    if (seen.has(name)) p.add(`${path}.clusters[${i}]`, 'listed twice', name, 'each cluster once');
    seen.add(name);
  }
  return clouds;
}

/** Returns the clouds of the endpoints that name a cluster. */
function checkExternal(p: Problems, path: string, s: Record<string, unknown>, clusters: Map<string, Record<string, unknown>>): Set<string> {
  const hostProblem = typeof s.host === 'string' ? externalHostProblem(s.host) : 'must be a fully qualified DNS name outside the mesh';
  if (hostProblem) p.add(`${path}.host`, hostProblem, s.host, `${EXTERNAL_HOST_ALLOWED} (a Service of the mesh is named by namespace and clusters instead)`);
  if (s.clusters !== undefined) p.add(`${path}.clusters`, 'only in-mesh services (with a namespace) have it; an external service names a cluster per endpoint', s.clusters, 'endpoints[].cluster');
  if (s.resolution !== 'DNS' && s.resolution !== 'STATIC') p.add(`${path}.resolution`, `unknown resolution${didYouMean(s.resolution, ['DNS', 'STATIC'])}`, s.resolution, '"DNS" or "STATIC"');
  checkPorts(p, `${path}.ports`, s.ports, typeof s.host === 'string' ? s.host : undefined);
  return checkEndpoints(p, path, s, clusters);
}

function checkPorts(p: Problems, path: string, ports: unknown, host: string | undefined): void {
  if (!Array.isArray(ports) || ports.length === 0) return p.add(path, 'at least one port is required', ports, '[{ number: 443, name: "https", protocol: "HTTPS" }]');
  const names = new Set<unknown>();
  const numbers = new Set<unknown>();
  for (const { item: port, index, present } of listItems(ports)) {
    if (!present) continue;
    const pp = itemPath(path, port, index);
    if (!isRecord(port)) {
      p.add(pp, 'must be an object', port, '{ number, name, protocol }');
      continue;
    }
    if (!Number.isInteger(port.number) || (port.number as number) < 1 || (port.number as number) > 65535) p.add(`${pp}.number`, 'must be a port number', port.number, '1 to 65535');
    // A ServiceEntry port number is its key: two would be merged or rejected by Istio, and their order would decide the bytes.
    else if (numbers.has(port.number)) p.add(`${pp}.number`, 'another port of this service has this number', port.number, 'each port number once');
    numbers.add(port.number);
    // The name goes only into the ServiceEntry (no Kubernetes Service), where istiod takes any DNS label, a digit first or uppercase included.
    if (!isIstioPortName(port.name)) p.add(`${pp}.name`, 'must be a DNS label of at most 63 characters', port.name, 'letters, digits and "-", not first or last, e.g. "https"');
    if (names.has(port.name)) p.add(`${pp}.name`, 'port names must be unique', port.name, 'a name no other port uses');
    names.add(port.name);
    if (!PROTOCOLS.includes(port.protocol as string)) p.add(`${pp}.protocol`, `unknown protocol${didYouMean(port.protocol, PROTOCOLS)}`, port.protocol, PROTOCOLS.join(', '));
    else {
      const why = host === undefined ? undefined : wildcardPortProblem(host, { number: port.number, protocol: port.protocol });
      if (why) p.add(`${pp}.protocol`, why, port.protocol, WILDCARD_PORT_ALLOWED);
    }
  }
  return undefined;
}

function checkEndpoints(p: Problems, path: string, s: Record<string, unknown>, clusters: Map<string, Record<string, unknown>>): Set<string> {
  const clouds = new Set<string>();
  if (!Array.isArray(s.endpoints) || s.endpoints.length === 0) {
    p.add(`${path}.endpoints`, 'at least one endpoint is required', s.endpoints, '[{ address, cluster }]');
    return clouds;
  }
  const places = new Map<string, number>();
  for (const { item: e, index: i, present } of listItems(s.endpoints)) {
    if (!present) continue;
    const ep = `${path}.endpoints[${i}]`;
    if (!isRecord(e)) {
      p.add(ep, 'must be an object', e, '{ address, cluster?, locality?, weight? }');
      continue;
    }
    // An IPv4 address Istio takes as it is, for STATIC and DNS resolution alike.
    if (!isIPv4Address(e.address)) checkEndpointAddress(p, `${ep}.address`, e.address, s.resolution);
    let locality = e.locality;
    if (e.cluster !== undefined) {
      const c = clusters.get(e.cluster as string);
      if (!c) p.add(`${ep}.cluster`, `not a cluster of this fleet${didYouMean(e.cluster, clusters.keys())}`, e.cluster, [...clusters.keys()].join(', '));
      else {
        clouds.add(servingCloud(c));
        locality ??= c.region;
      }
    } else if (!isNonEmptyString(e.locality)) {
      p.add(`${ep}.locality`, 'required when the endpoint names no cluster', e.locality, 'region[/zone[/subzone]]');
    }
    if (e.locality !== undefined && (typeof e.locality !== 'string' || !LOCALITY.test(e.locality))) p.add(`${ep}.locality`, 'must be an Istio locality', e.locality, 'region[/zone[/subzone]]');
    // The ServiceEntry CRD's endpoints[].locality: maxLength 2048 (@kubernetes-models/istio 3.0.1, the schema synth checks objects against, at the file).
    else if (typeof e.locality === 'string' && e.locality.length > MAX_LOCALITY_LENGTH) p.add(`${ep}.locality`, `too long: Istio takes a locality of at most ${MAX_LOCALITY_LENGTH} characters`, e.locality, 'region[/zone[/subzone]]');
    if (e.network !== undefined) p.add(`${ep}.network`, 'external endpoints have no Istio network: Envoy dials them directly (only mesh endpoints go through east-west gateways)', e.network, 'leave it out');
    if (e.weight !== undefined && (!Number.isInteger(e.weight) || (e.weight as number) < 1 || (e.weight as number) > 1000)) p.add(`${ep}.weight`, 'must be a whole number', e.weight, '1 to 1000');
    // Endpoints are written sorted by address and locality: one address twice in one locality is a duplicate whose order would decide
    // the bytes; names that differ only in case or a trailing dot are one endpoint too (RFC 4343), given twice the weight.
    if (typeof e.address === 'string' && typeof locality === 'string') {
      const place = `${sameDnsName(e.address)} ${locality}`;
      if (places.has(place)) p.add(`${ep}.address`, `endpoint ${places.get(place)} has the same address in the same locality (${locality})`, e.address, 'each address once per locality');
      else places.set(place, i);
    }
  }
  return clouds;
}

/** An endpoint address that is not an IPv4 address. */
function checkEndpointAddress(p: Problems, path: string, address: unknown, resolution: unknown): void {
  if (typeof address === 'string' && isIPv6(address)) {
    // istiod takes it (Go's netip.ParseAddr), but the clusters fleetsynth creates are IPv4 only: EKS's ipFamily, GKE's
    // stackType and AKS's ipFamilies keep their IPv4 default (docs.aws.amazon.com/eks/latest/APIReference/API_KubernetesNetworkConfigRequest.html).
    p.add(path, 'is an IPv6 address: istiod accepts it, but the fleet\'s clusters are IPv4 only (their pods have no IPv6 address or route), so no client could reach it', address, 'an IPv4 address, or a DNS name that resolves to one (resolution DNS)');
  } else if (resolution === 'STATIC') {
    p.add(path, 'STATIC resolution needs an IPv4 address', address, 'e.g. "10.20.0.15"');
  } else if (typeof address !== 'string') {
    p.add(path, 'DNS resolution needs a DNS name', address, 'e.g. "api.gcp.example.com"');
  } else {
    // Anything else, "10.0.0.256" or "10.0.0.01" included, must be a name istiod accepts.
    const why = endpointNameProblem(address);
    if (why) p.add(path, why, address, 'a DNS name of labels of letters, digits and "-" of at most 63 characters, at most 255 in all, not ending in a numeric label, or an IPv4 address');
  }
}

/** Stands for a serving cluster's cloud that is none fleetsynth knows (reported at its .cloud): the failover order cannot be judged then. */
const UNKNOWN_CLOUD = '\u0000unknown';
const servingCloud = (c: Record<string, unknown>): string => ((CLOUDS as readonly unknown[]).includes(c.cloud) ? (c.cloud as string) : UNKNOWN_CLOUD);

function checkFailover(p: Problems, path: string, failover: unknown, clouds: Set<string>): void {
  if (failover === undefined) return;
  if (!isRecord(failover)) return p.add(path, 'must be an object', failover, '{ order?, outlierDetection? }');
  if (failover.order !== undefined) {
    const order = failover.order;
    if (!Array.isArray(order) || order.some((c) => !CLOUDS.includes(c)) || new Set(order).size !== order.length) {
      p.add(`${path}.order`, 'must list clouds, each once', order, '["gcp", "aws", "azure"]');
    } else if (!clouds.has(UNKNOWN_CLOUD)) {
      const missing = [...clouds].filter((c) => !order.includes(c as never));
      if (missing.length > 0) p.add(`${path}.order`, `leaves out clouds that serve it: ${missing.join(', ')}`, order, `an order naming ${[...clouds].sort().join(', ')}`);
      const idle = order.filter((c: string) => !clouds.has(c));
      if (idle.length > 0) p.add(`${path}.order`, `names clouds that do not serve it: ${idle.join(', ')} (traffic cannot fail over to them)`, order, `an order naming only ${[...clouds].sort().join(', ')}`);
    }
  }
  const od = failover.outlierDetection;
  if (od === undefined) return undefined;
  if (!isRecord(od)) return p.add(`${path}.outlierDetection`, 'must be an object', od, '{ consecutive5xxErrors?, intervalSeconds?, baseEjectionTimeSeconds?, maxEjectionPercent? }');
  for (const [field, min, max] of [['consecutive5xxErrors', 1, 1000], ['intervalSeconds', 1, 3600], ['baseEjectionTimeSeconds', 1, 3600], ['maxEjectionPercent', 1, 100]] as const) {
    const v = od[field];
    if (v !== undefined && (!Number.isInteger(v) || (v as number) < min || (v as number) > max)) p.add(`${path}.outlierDetection.${field}`, 'out of range', v, `${min} to ${max}`);
  }
  return undefined;
}
