import { Cloud } from './cluster';

export type MeshPortProtocol = 'HTTP' | 'HTTPS' | 'HTTP2' | 'GRPC' | 'TCP' | 'TLS';

export interface MeshServicePort {
  readonly number: number;
  /** A DNS label, e.g. `https` (istiod takes a digit first and uppercase letters too: `443-https`, `HTTPS`). */
  readonly name: string;
  readonly protocol: MeshPortProtocol;
}

/** Where one copy of an external service runs. */
export interface MeshEndpoint {
  /** An IPv4 address (STATIC or DNS resolution) or a DNS name (DNS resolution); the fleet's clusters are IPv4 only. */
  readonly address: string;
  /** The fleet cluster nearest to it: gives the endpoint's locality (its region) and its cloud (for the failover order). */
  readonly cluster?: string;
  /** Istio locality `region[/zone[/subzone]]`. @default the cluster's region */
  readonly locality?: string;
  /** Relative share of traffic. @default equal */
  readonly weight?: number;
}

/** Ejects failing endpoints; locality failover only happens when endpoints get ejected. */
export interface OutlierDetection {
  /** @default 5 */
  readonly consecutive5xxErrors?: number;
  /** @default 10 */
  readonly intervalSeconds?: number;
  /** @default 30 */
  readonly baseEjectionTimeSeconds?: number;
  /** @default 100 */
  readonly maxEjectionPercent?: number;
}

export interface MeshFailover {
  /**
   * The clouds in the order traffic falls back through. Each must serve the service.
   * @default the clouds that serve it, in alphabetical order
   */
  readonly order?: readonly Cloud[];
  /** @default the OutlierDetection defaults */
  readonly outlierDetection?: OutlierDetection;
}

/**
 * A Kubernetes Service of the mesh (`<name>.<namespace>.svc.cluster.local`) that runs in several
 * clusters. Clients anywhere in the mesh reach its copies in other networks through the east-west
 * gateways (endpoints discovered through the remote secrets), nearest first, with cross-cloud failover.
 */
export interface InMeshService {
  /** The Service's name, a DNS label. */
  readonly name: string;
  /** Its namespace (the same in every cluster). */
  readonly namespace: string;
  /** The clusters that run it. */
  readonly clusters: readonly string[];
  readonly failover?: MeshFailover;
}

/**
 * A service outside the mesh served from several places (the seed's `api.example.com` with a GCP
 * and an AWS address): a `MESH_EXTERNAL` ServiceEntry whose endpoints carry their locality, and the
 * same cross-cloud failover. Its TLS is the client's own (passed through), never Istio mTLS.
 */
export interface ExternalMeshService {
  /** DNS-1123 label; names the ServiceEntry and DestinationRule. */
  readonly name: string;
  /**
   * The name clients call, e.g. `api.example.com`, or a wildcard `*.example.com` (with no TCP port), in
   * either case; no trailing dot.
   */
  readonly host: string;
  readonly ports: readonly MeshServicePort[];
  readonly resolution: 'DNS' | 'STATIC';
  readonly endpoints: readonly MeshEndpoint[];
  readonly failover?: MeshFailover;
}

export type MeshService = InMeshService | ExternalMeshService;

/** Whether a mesh service is a Service of the mesh (it names a namespace) or external (it names a host). */
export function isInMeshService(service: MeshService): service is InMeshService {
  return 'namespace' in service;
}

/** A region, the cloud it belongs to, and whether the service has endpoints there. */
export interface FailoverRegion {
  readonly region: string;
  readonly cloud: Cloud;
}

/**
 * Locality failover across clouds, for every region a client can be in.
 *
 * Istio gives each endpoint a priority relative to the client (istio/istio pilot/pkg/networking/core/
 * loadbalancer/loadbalancer.go applyLocalityFailover): its own zone, then its region, then the region
 * named by the first `failover` entry whose `from` is the client's region, then every other region.
 * So each client region gets exactly one entry:
 * - a region that serves the service fails over to the next cloud in `order` (cyclically); when one
 *   cloud serves, to that cloud's next serving region (sorted, cyclically), if it serves in several;
 * - a region that does not (a client cluster elsewhere) goes first to its own cloud's nearest
 *   serving region when its cloud serves it, else to the first cloud in `order`.
 * A cloud's first region (sorted) stands for that cloud. Regions the order cannot reach are left to
 * Envoy's default (every other region at one lower priority).
 */
export function crossCloudFailover(endpoints: readonly FailoverRegion[], clients: readonly FailoverRegion[], order: readonly Cloud[]): { from: string; to: string }[] {
  const regionsByCloud = new Map<Cloud, string[]>();
  for (const e of endpoints) {
    const list = regionsByCloud.get(e.cloud) ?? [];
    if (!list.includes(e.region)) list.push(e.region);
    regionsByCloud.set(e.cloud, list.sort());
  }
  const clouds = order.filter((c) => regionsByCloud.has(c));
  if (clouds.length === 0) return [];
  const firstRegion = (cloud: Cloud) => regionsByCloud.get(cloud)![0];
  const serving = new Map(endpoints.map((e) => [e.region, e.cloud]));
  const failover = new Map<string, string>();
  const regions = [...new Map([...endpoints, ...clients].map((r) => [r.region, r])).values()].sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
  for (const { region, cloud } of regions) {
    const servedBy = serving.get(region);
    let to: string | undefined;
    if (servedBy !== undefined) {
      const i = clouds.indexOf(servedBy);
      if (i >= 0 && clouds.length > 1) to = firstRegion(clouds[(i + 1) % clouds.length]);
      else if (i >= 0) {
        // One cloud serves, in several regions: the next of its serving regions (sorted, cyclically).
        // Without an entry the other clusters would all rank alike after the client's own network
        // (failoverPriority, lib/k8s/istio/failover-destination-rule.ts), whatever their region.
        const own = regionsByCloud.get(servedBy)!;
        to = own[(own.indexOf(region) + 1) % own.length];
      }
    } else {
      to = regionsByCloud.has(cloud) && clouds.includes(cloud) ? firstRegion(cloud) : firstRegion(clouds[0]);
    }
    if (to !== undefined && to !== region) failover.set(region, to);
  }
  return [...failover.entries()].map(([from, to]) => ({ from, to }));
}
