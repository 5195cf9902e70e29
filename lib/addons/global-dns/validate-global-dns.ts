import { asText, cloudNameProblems, didYouMean, holdsTerraformTemplate, isDns1123Label, Problem, show, terraformTemplateMessage } from '../../fleet';
import { globalDnsCloudNames, memberRecordName } from './names';
import { GATEWAY_READY_PATH, GATEWAY_STATUS_PORT } from './settings';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ROOT = 'platform.globalDns';
const ENDPOINT_FIELDS = ['name', 'host', 'zone', 'zoneId', 'policy', 'members', 'backend', 'tlsSecretName', 'healthCheck', 'ttlSeconds'];
// A DNS name of labels, at least two; lowercase (Route 53 stores names in lowercase).
const HOST = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
// Route 53 hosted zone ids: upper-case letters and digits (docs.aws.amazon.com/Route53/latest/APIReference/API_HostedZone.html).
const ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
// Route 53 health check: ResourcePath at most 255 characters; RequestInterval 10 or 30; FailureThreshold 1-10
// (docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html).
const PATH = /^\/[^\s]{0,254}$/;
// The ports of the ingress gateway Service (istio/istio manifests/charts/gateway values: status-port 15021, http2 80, https 443); 80 only redirects.
const HEALTH_PORTS = [443, GATEWAY_STATUS_PORT];

/**
 * Every problem with `platform.globalDns`, given the fleet as written, each with its path: endpoint
 * names and hosts, zones, members naming no cluster of the fleet, roles and weights that do not fit
 * the policy, backends, health-check settings Route 53 would refuse, and ingress address names the clouds would.
 */
export function globalDnsProblems(fleet: Readonly<Record<string, unknown>>): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string, given: unknown, allowed: string) => problems.push({ path, message, given: show(given), allowed });
  const settings = isRecord(fleet.platform) ? fleet.platform.globalDns : undefined;
  if (!isRecord(settings)) {
    add(ROOT, 'must be an object', settings, '{ endpoints: [...] }');
    return problems;
  }
  for (const key of Object.keys(settings)) if (key !== 'endpoints') add(`${ROOT}.${key}`, 'not a global DNS setting', key, 'endpoints');
  if (!Array.isArray(settings.endpoints) || settings.endpoints.length === 0) {
    add(`${ROOT}.endpoints`, 'needs at least one endpoint', settings.endpoints, '[{ name, host, zone, policy, members, backend }]');
    return problems;
  }
  const clouds = new Map<string, unknown>((Array.isArray(fleet.clusters) ? fleet.clusters : []).flatMap((c: unknown) => (isRecord(c) && typeof c.name === 'string' ? [[c.name, c.cloud] as const] : [])));
  const clusters = new Set(clouds.keys());
  const names = new Set<string>();
  const hosts = new Map<string, string>();
  settings.endpoints.forEach((e: unknown, i: number) => {
    const name = isRecord(e) && typeof e.name === 'string' && e.name ? e.name : String(i);
    const path = `${ROOT}.endpoints[${name}]`;
    if (!isRecord(e)) return add(path, 'must be an object', e, '{ name, host, zone, policy, members, backend }');
    for (const key of Object.keys(e)) if (!ENDPOINT_FIELDS.includes(key)) add(`${path}.${key}`, 'not a global endpoint setting', key, ENDPOINT_FIELDS.join(', '));
    if (!isDns1123Label(e.name) || (e.name as string).length > 40) add(`${path}.name`, 'must be a DNS-1123 label of at most 40 characters', e.name, 'lowercase letters, digits and "-", e.g. "shop"');
    else if (names.has(e.name as string)) add(`${path}.name`, 'another endpoint has this name', e.name, 'a unique name');
    names.add(name);

    if (typeof e.zone !== 'string' || !HOST.test(e.zone)) add(`${path}.zone`, 'must be a DNS zone name', e.zone, 'e.g. "example.com"');
    if (typeof e.host !== 'string' || !HOST.test(e.host)) add(`${path}.host`, 'must be a lowercase DNS name', e.host, 'e.g. "shop.example.com"');
    else if (typeof e.zone === 'string' && e.host !== e.zone && !e.host.endsWith(`.${e.zone}`)) add(`${path}.host`, `is not in the zone ${e.zone}`, e.host, `a name ending in .${e.zone}`);
    else if (hosts.has(e.host)) add(`${path}.host`, `endpoints[${hosts.get(e.host)}] serves this host`, e.host, 'a host no other endpoint serves');
    if (typeof e.host === 'string') hosts.set(e.host, name);
    if (typeof e.host === 'string' && HOST.test(e.host)) checkMemberRecordNames(add, `${path}.host`, e.host, e.members, clouds);
    if (e.zoneId !== undefined && (typeof e.zoneId !== 'string' || !ZONE_ID.test(e.zoneId))) add(`${path}.zoneId`, 'must be a Route 53 hosted zone id', e.zoneId, 'e.g. "Z0123456789ABCDEFGHIJ", or leave it out to look the zone up by name');
    if (e.ttlSeconds !== undefined && !(Number.isInteger(e.ttlSeconds) && (e.ttlSeconds as number) >= 1 && (e.ttlSeconds as number) <= 86400)) add(`${path}.ttlSeconds`, 'must be a whole number of seconds', e.ttlSeconds, '1 to 86400 (60 lets resolvers follow a failover within a minute)');
    if (e.tlsSecretName !== undefined && !isDns1123Label(e.tlsSecretName)) add(`${path}.tlsSecretName`, 'must be a Secret name (DNS-1123 label)', e.tlsSecretName, 'e.g. "shop-tls"');
    checkMembers(add, path, e, clusters);
    checkBackend(add, `${path}.backend`, e.backend);
    checkHealthCheck(add, `${path}.healthCheck`, e.healthCheck);
    return undefined;
  });
  // The clusters' ingress addresses, against the clouds' rules (lib/fleet/cloud-names.ts).
  problems.push(...cloudNameProblems(globalDnsCloudNames(fleet)));
  return problems;
}

type Add = (path: string, message: string, given: unknown, allowed: string) => void;

function checkMembers(add: Add, path: string, e: Record<string, unknown>, clusters: Set<string>): void {
  if (e.policy !== 'failover' && e.policy !== 'weighted') add(`${path}.policy`, 'unknown routing policy', e.policy, '"failover" or "weighted"');
  if (!Array.isArray(e.members) || e.members.length === 0) {
    add(`${path}.members`, 'an endpoint needs the clusters that serve it', e.members, '[{ cluster, role } ...] or [{ cluster, weight } ...]');
    return;
  }
  const seen = new Set<string>();
  const roles: unknown[] = [];
  e.members.forEach((m: unknown, i: number) => {
    const cluster = isRecord(m) && typeof m.cluster === 'string' && m.cluster ? m.cluster : String(i);
    const mp = `${path}.members[${cluster}]`;
    if (!isRecord(m)) return add(mp, 'must be an object', m, '{ cluster, role? , weight? }');
    if (!clusters.has(m.cluster as string)) add(`${mp}.cluster`, `not a cluster of the fleet${didYouMean(m.cluster, clusters)}`, m.cluster, [...clusters].join(', '));
    if (seen.has(cluster)) add(`${mp}.cluster`, 'listed twice', m.cluster, 'each cluster once');
    seen.add(cluster);
    if (e.policy === 'failover') {
      if (m.weight !== undefined) add(`${mp}.weight`, 'only weighted endpoints have weights', m.weight, 'leave it out, or use policy "weighted"');
      if (m.role !== 'primary' && m.role !== 'secondary') add(`${mp}.role`, 'a failover member is primary or secondary', m.role, '"primary" or "secondary"');
      roles.push(m.role);
    } else if (e.policy === 'weighted') {
      if (m.role !== undefined) add(`${mp}.role`, 'only failover endpoints have roles', m.role, 'leave it out, or use policy "failover"');
      // Route 53 weights: 0-255 (docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-weighted.html).
      if (!(Number.isInteger(m.weight) && (m.weight as number) >= 0 && (m.weight as number) <= 255)) add(`${mp}.weight`, 'must be a whole number', m.weight, '0 to 255');
    }
    return undefined;
  });
  // Route 53 failover routing: one primary and one secondary record per name and type
  // (docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-types.html, "active-passive failover").
  if (e.policy === 'failover' && (e.members.length !== 2 || roles.filter((r) => r === 'primary').length !== 1 || roles.filter((r) => r === 'secondary').length !== 1)) {
    add(`${path}.members`, 'failover needs exactly one primary and one secondary', e.members.map((m: unknown) => (isRecord(m) ? `${asText(m.cluster)}: ${asText(m.role)}` : m)), 'two members: { cluster, role: "primary" } and { cluster, role: "secondary" }');
  }
}

/**
 * An EKS member (an Elastic IP per zone) has records of its own at `<cluster>._members.<host>`
 * (names.ts memberRecordName), a DNS name: at most 253 characters, as the host (Route 53 names are at most
 * 255 bytes, docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html; RFC 1035 2.3.4).
 * Its labels are within 63: the cluster's name is a Kubernetes label value (the fleet's validation).
 */
function checkMemberRecordNames(add: Add, path: string, host: string, members: unknown, clouds: ReadonlyMap<string, unknown>): void {
  for (const m of Array.isArray(members) ? members : []) {
    if (!isRecord(m) || typeof m.cluster !== 'string' || clouds.get(m.cluster) !== 'aws') continue;
    const name = memberRecordName(m.cluster, host);
    if (name.length > 253) {
      add(path, `member ${m.cluster} (an address per zone) has its own Route 53 records, named ${name}: ${name.length} characters, over the 253 of a DNS name`, host, `a host of at most ${253 - (name.length - host.length)} characters`);
    }
  }
}

function checkBackend(add: Add, path: string, b: unknown): void {
  if (!isRecord(b)) return add(path, 'the Service the host is routed to is required', b, '{ service, namespace, port }');
  if (!isDns1123Label(b.service)) add(`${path}.service`, 'must be a Service name', b.service, 'a DNS-1123 label');
  if (!isDns1123Label(b.namespace)) add(`${path}.namespace`, 'must be a namespace name', b.namespace, 'a DNS-1123 label');
  if (!(Number.isInteger(b.port) && (b.port as number) >= 1 && (b.port as number) <= 65535)) add(`${path}.port`, 'must be a port number', b.port, '1 to 65535');
}

function checkHealthCheck(add: Add, path: string, h: unknown): void {
  if (h === undefined) return;
  if (!isRecord(h)) return add(path, 'must be an object', h, '{ path?, port?, intervalSeconds?, failureThreshold? }');
  if (h.path !== undefined && (typeof h.path !== 'string' || !PATH.test(h.path))) add(`${path}.path`, 'must be an absolute path without spaces, at most 255 characters', h.path, 'e.g. "/healthz"');
  // The global-dns stack's health check takes it as its resource_path (terraform-template.ts).
  else if (typeof h.path === 'string' && holdsTerraformTemplate(h.path)) add(`${path}.path`, terraformTemplateMessage('the global-dns stack\'s Terraform would evaluate it'), h.path, 'a path without "${" or "%{" (percent-encode "{" as %7B)');
  if (h.port !== undefined && !HEALTH_PORTS.includes(h.port as number)) add(`${path}.port`, 'Route 53 checks a port the ingress gateway serves', h.port, '443 (HTTPS to the backend) or 15021 (the gateway\'s status port)');
  // The status port answers 404 to every other path (settings.ts GlobalEndpointHealthCheck.port): a check that could never pass.
  if (h.port === GATEWAY_STATUS_PORT && typeof h.path === 'string' && PATH.test(h.path) && h.path !== GATEWAY_READY_PATH) {
    add(`${path}.path`, 'the gateway\'s status port serves one path; Route 53 would count every other as down', h.path, `"${GATEWAY_READY_PATH}" (or leave it out), or port 443 for a path of your app`);
  }
  if (h.intervalSeconds !== undefined && h.intervalSeconds !== 10 && h.intervalSeconds !== 30) add(`${path}.intervalSeconds`, 'Route 53 checks every 10 or every 30 seconds', h.intervalSeconds, '10 or 30');
  if (h.failureThreshold !== undefined && !(Number.isInteger(h.failureThreshold) && (h.failureThreshold as number) >= 1 && (h.failureThreshold as number) <= 10)) add(`${path}.failureThreshold`, 'must be a whole number of checks', h.failureThreshold, '1 to 10');
}
