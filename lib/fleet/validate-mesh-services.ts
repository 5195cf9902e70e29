import { parseCidr } from './cidr';
import { CLOUDS } from './cluster';
import { DNS_LABEL, DNS_SUBDOMAIN, isNonEmptyString, isRecord, itemPath, listItems, Problems } from './problems';
import { didYouMean } from './suggest';

const PROTOCOLS = ['HTTP', 'HTTPS', 'HTTP2', 'GRPC', 'TCP', 'TLS'];
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const LOCALITY = /^[A-Za-z0-9-_.]+(\/[A-Za-z0-9-_.]+){0,2}$/;

export function checkMeshServices(p: Problems, services: unknown, clusters: Record<string, unknown>[]): void {
  if (services === undefined) return;
  if (!Array.isArray(services)) {
    p.add('meshServices', 'must be a list of mesh services', services, '[{ name, host, ports, resolution, endpoints }]');
    return;
  }
  const byName = new Map(clusters.filter((c) => typeof c.name === 'string').map((c) => [c.name as string, c]));
  const seen = new Set<string>();
  for (const { item: s, index, present } of listItems(services)) {
    if (!present) continue;
    const path = itemPath('meshServices', s, index);
    const name = path.slice('meshServices['.length, -1);
    if (!isRecord(s)) {
      p.add(path, 'must be an object', s, 'a MeshService');
      continue;
    }
    if (typeof s.name !== 'string' || !DNS_LABEL.test(s.name) || s.name.length > 63) p.add(`${path}.name`, 'must be a DNS-1123 label', s.name, 'lowercase letters, digits and "-"');
    if (seen.has(name)) p.add(`${path}.name`, 'mesh service names must be unique', name, 'a name no other mesh service uses');
    seen.add(name);
    if (typeof s.host !== 'string' || !DNS_SUBDOMAIN.test(s.host) || !s.host.includes('.')) p.add(`${path}.host`, 'must be a fully qualified DNS name', s.host, 'e.g. "api.example.com"');
    if (s.resolution !== 'DNS' && s.resolution !== 'STATIC') p.add(`${path}.resolution`, `unknown resolution${didYouMean(s.resolution, ['DNS', 'STATIC'])}`, s.resolution, '"DNS" or "STATIC"');
    checkPorts(p, `${path}.ports`, s.ports);
    const clouds = checkEndpoints(p, path, s, byName);
    checkFailover(p, `${path}.failover`, s.failover, clouds);
  }
}

function checkPorts(p: Problems, path: string, ports: unknown): void {
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
    if (typeof port.name !== 'string' || !DNS_LABEL.test(port.name)) p.add(`${pp}.name`, 'must be a DNS-1123 label', port.name, 'e.g. "https"');
    if (names.has(port.name)) p.add(`${pp}.name`, 'port names must be unique', port.name, 'a name no other port uses');
    names.add(port.name);
    if (!PROTOCOLS.includes(port.protocol as string)) p.add(`${pp}.protocol`, `unknown protocol${didYouMean(port.protocol, PROTOCOLS)}`, port.protocol, PROTOCOLS.join(', '));
  }
  return undefined;
}

/** Returns the clouds the endpoints are on (for failover ordering). */
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
      p.add(ep, 'must be an object', e, '{ address, cluster?, locality?, network?, weight? }');
      continue;
    }
    if (s.resolution === 'STATIC') {
      const m = typeof e.address === 'string' ? IPV4.exec(e.address) : null;
      if (!m || m.slice(1).some((o) => Number(o) > 255) || typeof parseCidr(`${e.address}/32`) === 'string') p.add(`${ep}.address`, 'STATIC resolution needs an IPv4 address', e.address, 'e.g. "10.20.0.15"');
    } else if (typeof e.address !== 'string' || !DNS_SUBDOMAIN.test(e.address)) {
      p.add(`${ep}.address`, 'DNS resolution needs a DNS name', e.address, 'e.g. "api.gcp.example.com"');
    }
    if (e.cluster !== undefined) {
      const c = clusters.get(e.cluster as string);
      if (!c) p.add(`${ep}.cluster`, 'not a cluster of this fleet', e.cluster, [...clusters.keys()].join(', '));
      else clouds.add(String(c.cloud));
    } else {
      if (!isNonEmptyString(e.locality)) p.add(`${ep}.locality`, 'required when the endpoint names no cluster', e.locality, 'region[/zone[/subzone]]');
      if (!isNonEmptyString(e.network)) p.add(`${ep}.network`, 'required when the endpoint names no cluster', e.network, 'an Istio network name');
    }
    if (e.locality !== undefined && (typeof e.locality !== 'string' || !LOCALITY.test(e.locality))) p.add(`${ep}.locality`, 'must be an Istio locality', e.locality, 'region[/zone[/subzone]]');
    if (e.network !== undefined && (typeof e.network !== 'string' || !DNS_LABEL.test(e.network))) p.add(`${ep}.network`, 'must be a DNS-1123 label', e.network, 'e.g. "gcp-prod-net"');
    if (e.weight !== undefined && (!Number.isInteger(e.weight) || (e.weight as number) < 1 || (e.weight as number) > 1000)) p.add(`${ep}.weight`, 'must be a whole number', e.weight, '1 to 1000');
    // Endpoints are written sorted by address and locality: one address twice in one locality is a duplicate whose order would decide the bytes.
    const locality = e.locality ?? (typeof e.cluster === 'string' ? clusters.get(e.cluster)?.region : undefined);
    if (typeof e.address === 'string' && typeof locality === 'string') {
      const place = `${e.address} ${locality}`;
      if (places.has(place)) p.add(`${ep}.address`, `endpoint ${places.get(place)} has the same address in the same locality (${locality})`, e.address, 'each address once per locality');
      else places.set(place, i);
    }
  }
  return clouds;
}

function checkFailover(p: Problems, path: string, failover: unknown, clouds: Set<string>): void {
  if (failover === undefined) return;
  if (!isRecord(failover)) return p.add(path, 'must be an object', failover, '{ order?, outlierDetection? }');
  if (failover.order !== undefined) {
    const order = failover.order;
    if (!Array.isArray(order) || order.some((c) => !CLOUDS.includes(c)) || new Set(order).size !== order.length) {
      p.add(`${path}.order`, 'must list clouds, each once', order, '["gcp", "aws", "azure"]');
    } else {
      const missing = [...clouds].filter((c) => !order.includes(c as never));
      if (missing.length > 0) p.add(`${path}.order`, `leaves out clouds the endpoints are on: ${missing.join(', ')}`, order, `an order naming ${[...clouds].sort().join(', ')}`);
      // Failover skips a cloud with no endpoint: naming one would be dropped silently.
      const extra = order.filter((c) => !clouds.has(c));
      if (extra.length > 0) p.add(`${path}.order`, `names clouds no endpoint is on: ${extra.join(', ')}`, order, clouds.size > 0 ? `an order naming only ${[...clouds].sort().join(', ')}` : 'no order: no endpoint names a cluster');
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
