import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CLOUDS, ClusterOutputs, compareStrings, crossCloudFailover, networkName, ResolvedCluster, ResolvedFleet } from '../fleet';
import { SYNC_WAVE, syncWave } from './argocd/sync-wave';
import { CloudConfig } from './cloud-config';
import { CrossNetworkGateway } from './istio/cross-network-gateway';
import { FailoverDestinationRule } from './istio/failover-destination-rule';
import { IstioSystemNamespace } from './istio/istio-system-namespace';
import { MeshMtls } from './istio/mesh-mtls';
import { MeshServiceEntry } from './istio/mesh-service-entry';
import { PrivateEastWestService } from './istio/private-eastwest-service';
import { ISTIO_INJECTION_LABEL } from './istio/istio-version';
import { SIDECAR_REQUIRED_LABEL, SidecarRequiredPolicy } from './istio/sidecar-required-policy';
import { Namespace } from './plus';
import { APP_NAMESPACE_POD_SECURITY_LABELS } from './pod-security';

export interface ClusterChartProps {
  readonly fleet: ResolvedFleet;
  readonly cluster: ResolvedCluster;
  /** Terraform outputs per cluster name. @default none: every cluster pending */
  readonly outputs?: ReadonlyMap<string, ClusterOutputs>;
  /**
   * The clusters whose networks this one's reaches over a private path (FleetAddon.privatePaths):
   * they may connect to its internal east-west gateway. @default none: no internal gateway
   */
  readonly privatePeers?: readonly ResolvedCluster[];
}

/**
 * The first stage of a cluster's objects, `<cluster folder>/_bootstrap`, applied by the
 * `<cluster>-bootstrap` Application before Istio and the platform charts: the namespaces (Istio's,
 * each fleet app's) and the `cloud-config` ConfigMap the charts may read. Add-ons put here what
 * must exist before the charts start (secret stores, the CA istiod reads).
 */
export class ClusterBootstrapChart extends Chart {
  constructor(scope: Construct, id: string, props: ClusterChartProps) {
    // Explicit names everywhere: hashed auto-names would change whenever a construct path does.
    super(scope, id, { disableResourceNameHashes: true });
    const { fleet, cluster } = props;
    const own = props.outputs?.get(cluster.name);
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
    // The fleet's apps sync into these; created here so the apps' projects need no cluster-scoped kind.
    // Sidecars are injected: the apps are clients and servers of the mesh. An ApplicationSet reaches a
    // cluster added later as soon as it is registered, before its istiod: the policy refuses a pod the
    // injector has not processed, so none starts outside the mesh (see SidecarRequiredPolicy). Pod Security
    // baseline is warned about and audited, not enforced (see pod-security.ts); not with `istio-init`
    // (`istioCni: false`), whose NET_ADMIN and NET_RAW baseline refuses: every pod would warn.
    const appNamespaces = [...new Set(fleet.apps.filter((a) => a.clusters.includes(cluster.name)).map((a) => a.namespace))].sort();
    if (appNamespaces.length > 0) new SidecarRequiredPolicy(this, 'SidecarRequired');
    for (const ns of appNamespaces) {
      new Namespace(this, `AppNamespace-${ns}`, { metadata: { name: ns, labels: { [ISTIO_INJECTION_LABEL]: 'enabled', [SIDECAR_REQUIRED_LABEL]: 'true', ...(cluster.istioCni === false ? {} : APP_NAMESPACE_POD_SECURITY_LABELS) }, annotations: syncWave(SYNC_WAVE.namespaces) } });
    }
  }
}

/**
 * The second stage, the rest of the cluster's folder `dist/k8s/<cloud>/<cluster>`, applied by the
 * `<cluster>-platform` Application once Istio and the platform charts are up: the cross-network
 * gateway, mesh-wide mTLS, the mesh services, and the internal east-west gateway Service when the
 * cluster has private peers.
 */
export class ClusterChart extends Chart {
  constructor(scope: Construct, id: string, props: ClusterChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    const { fleet, cluster } = props;
    new CrossNetworkGateway(this, 'CrossNetworkGateway');
    const privatePeers = props.privatePeers ?? [];
    if (privatePeers.length > 0) {
      // Where peers' mesh traffic comes from: node addresses, and GKE pod addresses too (GKE does not
      // masquerade towards RFC 1918 destinations: cloud.google.com/kubernetes-engine/docs/concepts/ip-masquerade-agent).
      // EKS (VPC CNI, for destinations outside the VPC) and AKS (CNI overlay) translate pod traffic to
      // the node's address. Fewer ranges, fewer rules: EKS puts ~3 per range on the cluster security group.
      const ranges = [...new Set(privatePeers.flatMap((p) => [p.network.nodeCidr, ...(p.cloud === 'gcp' ? [p.network.podCidr] : [])]))].sort(compareStrings);
      new PrivateEastWestService(this, 'PrivateEastWestService', { cloud: cluster.cloud, sourceRanges: ranges });
    }
    new MeshMtls(this, 'MeshMtls');
    // Every cluster is a client of every mesh service: each region a cluster is in gets an ordered failover.
    const clients = fleet.clusters.map((c) => ({ region: c.region, cloud: c.cloud }));
    for (const service of fleet.meshServices) {
      if (service.kind === 'external') {
        new MeshServiceEntry(this, `ServiceEntry-${service.name}`, { name: service.name, host: service.host, ports: service.ports, resolution: service.resolution!, endpoints: service.endpoints });
      }
      new FailoverDestinationRule(this, `DestinationRule-${service.name}`, {
        name: service.name,
        host: service.host,
        outlierDetection: service.outlierDetection,
        failover: crossCloudFailover(service.servingRegions, clients, service.failoverOrder),
        ...(service.kind === 'in-mesh' ? { tlsMode: 'ISTIO_MUTUAL' as const, preferClientNetwork: true } : {}),
      });
    }
  }
}
