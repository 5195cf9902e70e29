import { Cloud } from './cluster';

export type MeshPortProtocol = 'HTTP' | 'HTTPS' | 'HTTP2' | 'GRPC' | 'TCP' | 'TLS';

export interface MeshServicePort {
  readonly number: number;
  /** DNS label, e.g. `https`. */
  readonly name: string;
  readonly protocol: MeshPortProtocol;
}

/** Where one copy of the service runs. */
export interface MeshEndpoint {
  /** IP (STATIC resolution) or DNS name (DNS resolution). */
  readonly address: string;
  /**
   * The fleet cluster serving it: gives the endpoint's locality (its region) and network.
   * Without it, `locality` and `network` are required.
   */
  readonly cluster?: string;
  /** Istio locality `region[/zone[/subzone]]`. @default the cluster's region */
  readonly locality?: string;
  /** Istio network. @default the cluster's network */
  readonly network?: string;
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

export interface MeshService {
  /** DNS-1123 label; names the ServiceEntry and DestinationRule. */
  readonly name: string;
  /** The name clients call, e.g. `api.example.com`. */
  readonly host: string;
  readonly ports: readonly MeshServicePort[];
  readonly resolution: 'DNS' | 'STATIC';
  readonly endpoints: readonly MeshEndpoint[];
  /**
   * Cross-cloud failover: traffic from a locality fails over to the next cloud in `order`
   * (cyclically). Outlier detection always comes with it.
   * @default order: the endpoints' clouds in alphabetical order; outlier detection defaults
   */
  readonly failover?: { readonly order?: readonly Cloud[]; readonly outlierDetection?: OutlierDetection };
}

/**
 * Locality failover across clouds: traffic from each endpoint region goes, when its endpoints are
 * ejected, to the region of the next cloud in `order` (cyclically). Regions are the first segment
 * of each locality; one cloud's first region (sorted) stands for that cloud.
 */
export function crossCloudFailover(endpoints: readonly { readonly locality: string; readonly cloud?: Cloud }[], order: readonly Cloud[]): { from: string; to: string }[] {
  const regionsByCloud = new Map<Cloud, string[]>();
  for (const e of endpoints) {
    if (!e.cloud) continue;
    const region = e.locality.split('/')[0];
    const list = regionsByCloud.get(e.cloud) ?? [];
    if (!list.includes(region)) list.push(region);
    regionsByCloud.set(e.cloud, list.sort());
  }
  const clouds = order.filter((c) => regionsByCloud.has(c));
  if (clouds.length < 2) return [];
  const failover: { from: string; to: string }[] = [];
  clouds.forEach((cloud, i) => {
    const to = regionsByCloud.get(clouds[(i + 1) % clouds.length])![0];
    for (const from of regionsByCloud.get(cloud)!) if (from !== to) failover.push({ from, to });
  });
  return failover;
}
