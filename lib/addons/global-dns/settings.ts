/** A cluster serving a global endpoint. */
export interface GlobalEndpointMember {
  /** A cluster of the fleet. */
  readonly cluster: string;
  /** `failover` policy only, required there: one `primary` and one `secondary`. */
  readonly role?: 'primary' | 'secondary';
  /** `weighted` policy only, required there: 0-255, the share of answers relative to the other members. */
  readonly weight?: number;
}

/** How Route 53 decides a member is up. */
export interface GlobalEndpointHealthCheck {
  /** Path requested (with the endpoint's host as Host header and TLS SNI). @default '/' on 443, '/healthz/ready' on 15021 */
  readonly path?: string;
  /**
   * 443: HTTPS through the ingress gateway to the backend (the endpoint is up when the app answers).
   * 15021: HTTP on the ingress gateway's status port (up when the gateway is), whose only path is
   * `/healthz/ready`: Envoy's status listener routes that prefix to the pilot-agent and answers
   * anything else 404 (istio tools/packaging/common/envoy_bootstrap.json, the listener on the
   * status port), which Route 53 counts as a failure. It answers 200 from the gateway's first
   * configuration on, whatever it holds for the host (pilot/cmd/pilot-agent/status/ready/probe.go
   * caches readiness): a member missing the host's route or certificate still counts as up.
   * @default 443
   */
  readonly port?: 443 | 15021;
  /** Seconds between checks from each Route 53 checker: 10 or 30. @default 30 */
  readonly intervalSeconds?: 10 | 30;
  /** Consecutive failures before a member is unhealthy: 1-10. @default 3 */
  readonly failureThreshold?: number;
}

/** The Istio ingress gateway's status port, and the one path it serves (GlobalEndpointHealthCheck.port). */
export const GATEWAY_STATUS_PORT = 15021;
export const GATEWAY_READY_PATH = '/healthz/ready';

/** A public host name served by several clusters, with DNS failing over or spreading between them. */
export interface GlobalEndpoint {
  /** DNS label, unique: names the Istio Gateway and VirtualService and the Route 53 health checks. */
  readonly name: string;
  /** The public host name, inside `zone`, e.g. `shop.example.com`. */
  readonly host: string;
  /** The Route 53 public hosted zone the record goes in, e.g. `example.com`. */
  readonly zone: string;
  /** The hosted zone's id, when several zones have the zone's name. @default looked up by name (public zones) */
  readonly zoneId?: string;
  /** `failover`: all answers go to the primary while it is healthy. `weighted`: answers spread by weight over the healthy members. */
  readonly policy: 'failover' | 'weighted';
  readonly members: readonly GlobalEndpointMember[];
  /** The Service the ingress gateway sends the host's requests to, in each member cluster. */
  readonly backend: { readonly service: string; readonly namespace: string; readonly port: number };
  /**
   * The TLS certificate the ingress gateway presents for the host: a `kubernetes.io/tls` Secret of
   * this name in the `istio-ingress` namespace of every member, which you provide (External
   * Secrets, cert-manager); never in Git. Valid on every member: an ACME HTTP-01 challenge reaches only
   * the member DNS answers with (RFC 8555 8.3), so a standby cannot renew that way, and Route 53's
   * HTTPS check does not validate certificates, so an expired one still counts as up. @default `<name>-tls`
   */
  readonly tlsSecretName?: string;
  /** @default port 443, path '/' (on 15021 '/healthz/ready'), every 30 s, unhealthy after 3 failures */
  readonly healthCheck?: GlobalEndpointHealthCheck;
  /** TTL of the records, in seconds: how long resolvers keep an answer after a failover. 1-86400. @default 60 */
  readonly ttlSeconds?: number;
}

/** `platform.globalDns`: public endpoints served by several clusters, with Route 53 failover. Leave it out to turn it off. */
export interface GlobalDnsSettings {
  readonly endpoints: readonly GlobalEndpoint[];
}

/** An endpoint with every default filled in. */
export interface ResolvedGlobalEndpoint extends Required<Omit<GlobalEndpoint, 'zoneId' | 'healthCheck'>> {
  readonly zoneId?: string;
  readonly healthCheck: Required<GlobalEndpointHealthCheck>;
}

export function resolveGlobalEndpoint(e: GlobalEndpoint): ResolvedGlobalEndpoint {
  return {
    name: e.name,
    host: e.host,
    zone: e.zone,
    ...(e.zoneId ? { zoneId: e.zoneId } : {}),
    policy: e.policy,
    members: [...e.members].sort((a, b) => (a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0)),
    backend: e.backend,
    tlsSecretName: e.tlsSecretName ?? `${e.name}-tls`,
    healthCheck: { path: e.healthCheck?.path ?? (e.healthCheck?.port === GATEWAY_STATUS_PORT ? GATEWAY_READY_PATH : '/'), port: e.healthCheck?.port ?? 443, intervalSeconds: e.healthCheck?.intervalSeconds ?? 30, failureThreshold: e.healthCheck?.failureThreshold ?? 3 },
    ttlSeconds: e.ttlSeconds ?? 60,
  };
}
