import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CLOUDS, ClusterOutputs, crossCloudFailover, networkName, ResolvedCluster, ResolvedFleet } from '../fleet';
import { SYNC_WAVE } from './argocd/sync-wave';
import { CloudConfig } from './cloud-config';
import { FleetGitOps } from './fleet-gitops';
import { CrossNetworkGateway } from './istio/cross-network-gateway';
import { FailoverDestinationRule } from './istio/failover-destination-rule';
import { IstioSystemNamespace } from './istio/istio-system-namespace';
import { MeshMtls } from './istio/mesh-mtls';
import { MeshServiceEntry } from './istio/mesh-service-entry';

export interface ClusterChartProps {
  readonly fleet: ResolvedFleet;
  readonly cluster: ResolvedCluster;
  /** Terraform outputs per cluster name. @default none: every cluster pending */
  readonly outputs?: ReadonlyMap<string, ClusterOutputs>;
}

/** Everything Argo CD syncs into one cluster: its folder `dist/k8s/<cloud>/<cluster>`. */
export class ClusterChart extends Chart {
  constructor(scope: Construct, id: string, props: ClusterChartProps) {
    // Explicit names everywhere: hashed auto-names would change whenever a construct path does.
    super(scope, id, { disableResourceNameHashes: true });
    const { fleet, cluster } = props;
    const outputs = props.outputs ?? new Map<string, ClusterOutputs>();
    const own = outputs.get(cluster.name);
    const peers = fleet.clusters.filter((c) => c.name !== cluster.name);

    new CloudConfig(this, 'CloudConfig', {
      clusterName: cluster.name,
      cloud: cluster.cloud,
      region: cluster.region,
      kubernetesVersion: cluster.kubernetesVersion,
      peerRegions: Object.fromEntries(CLOUDS.map((cloud) => [cloud, peers.filter((p) => p.cloud === cloud).map((p) => p.region)])),
      ...(own ? { clusterEndpoint: own.endpoint } : {}),
      syncWave: SYNC_WAVE.clusterConfig,
    });

    new IstioSystemNamespace(this, 'IstioSystem', { network: networkName(cluster) });
    new CrossNetworkGateway(this, 'CrossNetworkGateway');
    new MeshMtls(this, 'MeshMtls');
    for (const service of fleet.meshServices) {
      new MeshServiceEntry(this, `ServiceEntry-${service.name}`, { name: service.name, host: service.host, ports: service.ports, resolution: service.resolution, endpoints: service.endpoints });
      new FailoverDestinationRule(this, `DestinationRule-${service.name}`, {
        name: service.name,
        host: service.host,
        outlierDetection: service.outlierDetection,
        failover: crossCloudFailover(service.endpoints, service.failoverOrder),
      });
    }

    if (cluster.role === 'management') new FleetGitOps(this, 'ArgoCd', { fleet, outputs });
  }
}
