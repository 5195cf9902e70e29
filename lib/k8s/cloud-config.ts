import { Construct } from 'constructs';
import { syncWaveMetadata } from './argocd/sync-wave';
import { ConfigMap } from './plus';

export type CloudName = 'aws' | 'gcp' | 'azure';

export interface CloudConfigProps {
  readonly clusterName: string;
  readonly cloud: CloudName;
  readonly region: string;
  readonly kubernetesVersion: string;
  /**
   * Regions of the other clusters in the fleet, per cloud. Written as `aws-region`,
   * `gcp-region`, `azure-region` (comma-separated, sorted); a cloud with no peer gets no key.
   * @default no peers
   */
  readonly peerRegions?: Partial<Record<CloudName, readonly string[]>>;
  /**
   * The cluster's API endpoint, once Terraform has created the cluster.
   * @default no `cluster-endpoint` key: an unknown endpoint is left out, never invented
   */
  readonly clusterEndpoint?: string;
  /** @default 'kube-system' */
  readonly namespace?: string;
  /** @default 'cloud-config' */
  readonly name?: string;
  /** Argo CD sync wave. @default none */
  readonly syncWave?: number;
}

/** The `cloud-config` ConfigMap: where workloads read which cloud, region and cluster they run in. */
export class CloudConfig extends Construct {
  readonly configMap: ConfigMap;

  constructor(scope: Construct, id: string, props: CloudConfigProps) {
    super(scope, id);
    const data: Record<string, string> = {
      cloud: props.cloud,
      'cluster-name': props.clusterName,
      'kubernetes-version': props.kubernetesVersion,
      region: props.region,
    };
    for (const [cloud, regions] of Object.entries(props.peerRegions ?? {})) {
      const unique = [...new Set(regions)].sort();
      if (unique.length > 0) data[`${cloud}-region`] = unique.join(',');
    }
    if (props.clusterEndpoint) data['cluster-endpoint'] = props.clusterEndpoint;
    this.configMap = new ConfigMap(this, 'Resource', {
      metadata: {
        name: props.name ?? 'cloud-config',
        namespace: props.namespace ?? 'kube-system',
        ...syncWaveMetadata(props.syncWave),
      },
      data,
    });
  }
}
