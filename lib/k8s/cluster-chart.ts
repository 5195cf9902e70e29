import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CLOUDS, ClusterOutputs, ResolvedCluster, ResolvedFleet } from '../fleet';
import { CloudConfig } from './cloud-config';

export interface ClusterChartProps {
  readonly fleet: ResolvedFleet;
  readonly cluster: ResolvedCluster;
  /** What Terraform reported for this cluster. @default pending: nothing that depends on it is emitted */
  readonly outputs?: ClusterOutputs;
}

/** Everything Argo CD syncs into one cluster: its folder `dist/k8s/<cloud>/<cluster>`. */
export class ClusterChart extends Chart {
  constructor(scope: Construct, id: string, props: ClusterChartProps) {
    // Explicit names everywhere: hashed auto-names would change whenever a construct path does.
    super(scope, id, { disableResourceNameHashes: true });
    const { fleet, cluster, outputs } = props;
    const peers = fleet.clusters.filter((c) => c.name !== cluster.name);
    new CloudConfig(this, 'CloudConfig', {
      clusterName: cluster.name,
      cloud: cluster.cloud,
      region: cluster.region,
      kubernetesVersion: cluster.kubernetesVersion,
      peerRegions: Object.fromEntries(CLOUDS.map((cloud) => [cloud, peers.filter((p) => p.cloud === cloud).map((p) => p.region)])),
      ...(outputs ? { clusterEndpoint: outputs.endpoint } : {}),
    });
  }
}
