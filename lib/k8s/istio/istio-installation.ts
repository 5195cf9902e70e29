import { Construct } from 'constructs';
import { spreadOverZonesThenNodes } from '../pod-spread';
import { PLATFORM_PRIORITY_CLASS } from '../critical-pods';
import { Cloud, CLUSTER_APPLICATION, ImageMirrors, mirroredPrefix } from '../../fleet';
import { ApplicationDestination } from '../argocd/argocd-application';
import { ChartApplication, ChartContents, PlatformChart } from '../argocd/platform-chart';
import { SYNC_WAVE } from '../argocd/sync-wave';
import { PropsCheck } from '../props-check';
import { ISTIO_CHART_REPO, ISTIO_IMAGE_HUB, ISTIO_NAMESPACE, ISTIO_VERSION, NETWORK_LABEL } from './istio-version';
import { evictableProxyAnnotations } from './evictable-proxies';
import { EASTWEST_SERVICE, EASTWEST_TLS_PORT, MeshNetwork } from './mesh-networks';
import { MESH_TCP_KEEPALIVE } from './idle-connections';
import { istioCniChart } from './istio-cni';

export interface IstioChartsProps {
  readonly meshID: string;
  /** The cluster's name in the mesh. */
  readonly clusterName: string;
  readonly network: string;
  /** @default 'cluster.local' */
  readonly trustDomain?: string;
  /** Other trust domains whose identities count as this one's (`meshConfig.trustDomainAliases`). @default none */
  readonly trustDomainAliases?: readonly string[];
  /** @default ISTIO_VERSION */
  readonly version?: string;
  /**
   * An external CA serving Istio's certificate API (cert-manager istio-csr, …) instead of istiod:
   * istiod's CA server is off (`env.ENABLE_CA_SERVER=false`) and every proxy asks `address` for its
   * certificate (`global.caAddress`, which the injection templates pass as `CA_ADDR`). istiod then
   * serves with the certificate in the Secret `istiod-tls`, which its chart mounts at
   * /var/run/secrets/istiod/tls: that Secret must exist before istiod starts (istio
   * pilot/pkg/bootstrap/server.go initIstiodCerts; istio-discovery templates/deployment.yaml).
   * @default istiod is the mesh's CA
   */
  readonly certificateAuthority?: { readonly address: string };
  /**
   * Envoy stats every proxy exports besides Istio's own, as regular expressions matched against the
   * whole stat name (`meshConfig.defaultConfig.proxyStatsMatcher.inclusionRegexps`). Istio keeps only
   * `cluster_manager`, `listener_manager`, `server`, `cluster.xds-grpc`, `wasm` and a few suffixes
   * (istio/istio pkg/bootstrap/config.go, 1.30.3), and a proxy reads this when it starts: running pods
   * export the new stats after a restart.
   * @default Istio's stats only
   */
  readonly proxyStatsInclusionRegexps?: readonly string[];
  /**
   * The networks istiod reaches through a gateway Service it is told (`global.meshNetworks`; see
   * mesh-networks.ts): those of clusters with private peers. Every other network's gateway is found
   * by its label. @default none
   */
  readonly meshNetworks?: Readonly<Record<string, MeshNetwork>>;
  /**
   * Whether the east-west gateway Service carries this cluster's network label, so that every istiod
   * finds it (Istio's label discovery). False for a cluster with private peers, whose gateways each
   * istiod is told in meshNetworks. @default true
   */
  readonly gatewayLabelled?: boolean;
  /** Annotations of the public east-west gateway's Service (idle-connections.ts publicEastWestAnnotations). @default none */
  readonly eastWestServiceAnnotations?: Readonly<Record<string, string>>;
  /** The cluster's registry mirrors: a `docker.io` one becomes the hub of istiod and of every proxy it injects. @default none */
  readonly imageMirrors?: ImageMirrors;
  /** The cloud of the cluster's nodes, for the CNI node agent (istio-cni.ts CNI_BIN_DIR). @default EKS's and AKS's paths: set it on GKE */
  readonly cloud?: Cloud;
  /**
   * Istio's CNI node agent (istio-cni.ts): its chart, and istiod injecting pods for it. Off, istiod injects
   * `istio-init` again and the agent's Application is removed after everything else has synced (PruneLast).
   * @default true
   */
  readonly cni?: boolean;
}

/** What an add-on may set on a cluster's Istio installation (see FleetAddon.istio). */
export type IstioOptions = Pick<IstioChartsProps, 'certificateAuthority' | 'proxyStatsInclusionRegexps'>;

export interface IstioInstallationProps extends IstioChartsProps {
  /** Prefix of the Application names: usually the cluster name. */
  readonly name: string;
  readonly project: string;
  /** The cluster to install into. */
  readonly destination: Omit<ApplicationDestination, 'namespace'>;
}

/*
 * The east-west gateway's public ports: the status port (load balancer health checks) and 15443,
 * where the cross-network Gateway passes mTLS through. Istio's sample
 * (samples/multicluster/gen-eastwest-gateway.sh) also publishes 15012 and 15017, which serve only a
 * primary-remote mesh that exposes istiod (samples/multicluster/expose-istiod.yaml). Every cluster
 * here is a primary, so no Gateway listens there: published, they would only put istiod's ports on
 * an internet load balancer.
 */
export const EASTWEST_PORTS: readonly { readonly name: string; readonly port: number; readonly targetPort: number }[] = [
  { name: 'status-port', port: 15021, targetPort: 15021 },
  { name: 'tls', port: EASTWEST_TLS_PORT, targetPort: EASTWEST_TLS_PORT },
];

/** Labels of the east-west gateway's pods (the chart's selector labels): its Services select them. */
export const EASTWEST_GATEWAY_LABELS: Readonly<Record<string, string>> = { app: 'istio-eastwestgateway', istio: 'eastwestgateway' };

const ADMISSION = 'admissionregistration.k8s.io';
const RBAC = 'rbac.authorization.k8s.io';

/** The CRDs of Istio's `base` chart (istio/istio manifests/charts/base/files/crd-all.gen.yaml, 1.30), all namespaced. */
export const ISTIO_CRDS: ChartContents['crds'] = [
  ['extensions.istio.io', ['TrafficExtension', 'WasmPlugin']],
  ['networking.istio.io', ['DestinationRule', 'EnvoyFilter', 'Gateway', 'ProxyConfig', 'ServiceEntry', 'Sidecar', 'VirtualService', 'WorkloadEntry', 'WorkloadGroup']],
  ['security.istio.io', ['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication']],
  ['telemetry.istio.io', ['Telemetry']],
].flatMap(([group, kinds]) => (kinds as string[]).map((kind) => ({ group: group as string, kind, scope: 'Namespaced' as const })));

/** The labels of istiod's pods without a revision (istio-discovery templates/deployment.yaml). */
const ISTIOD_POD_LABELS = { app: 'istiod', istio: 'pilot' } as const;

/**
 * Istio multi-primary, multi-network on one cluster, as four charts installed in order: `base`
 * (CRDs) and `cni` (the CNI node agent, istio-cni.ts), `istiod`, and the east-west `gateway`. What each
 * creates cluster-wide is read from istio/istio manifests/charts/{base,istio-cni,istio-control/istio-discovery,gateway}/templates.
 */
export function istioCharts(props: IstioChartsProps): PlatformChart[] {
  const version = props.version ?? ISTIO_VERSION;
  const ca = props.certificateAuthority;
  const stats = props.proxyStatsInclusionRegexps ?? [];
  const networks = props.meshNetworks ?? {};
  const cni = props.cni ?? true;
  // No namespaceLabels: istio-system is a Namespace object of the cluster's bootstrap stage, with the
  // network label (see PlatformChart.namespaceLabels).
  const common = { repoURL: ISTIO_CHART_REPO, version, namespace: ISTIO_NAMESPACE };
  return [
    {
      ...common,
      name: CLUSTER_APPLICATION.istioBase,
      chart: 'base',
      values: { defaultRevision: 'default' },
      wave: SYNC_WAVE.istioBase,
      contents: {
        crds: ISTIO_CRDS,
        clusterResources: [{ group: ADMISSION, kind: 'ValidatingWebhookConfiguration' }, { group: ADMISSION, kind: 'ValidatingAdmissionPolicy' }, { group: ADMISSION, kind: 'ValidatingAdmissionPolicyBinding' }],
      },
      // istiod rewrites the validating webhook's failurePolicy once it is up; do not fight it.
      ignoreDifferences: [{ group: ADMISSION, kind: 'ValidatingWebhookConfiguration', name: 'istiod-default-validator', jsonPointers: ['/webhooks/0/failurePolicy'] }],
    },
    ...(cni ? [istioCniChart({ cloud: props.cloud, version, imageMirrors: props.imageMirrors })] : []),
    {
      ...common,
      name: CLUSTER_APPLICATION.istiod,
      chart: 'istiod',
      values: {
        global: {
          // istiod's image and, through its injector, every proxy's and gateway's (istio-version.ts):
          // `<hub>/pilot`, `<hub>/proxyv2` (istio-discovery templates/deployment.yaml; pkg/kube/inject ProxyImage).
          hub: mirroredPrefix(props.imageMirrors, ISTIO_IMAGE_HUB),
          meshID: props.meshID,
          multiCluster: { clusterName: props.clusterName },
          network: props.network,
          ...(Object.keys(networks).length > 0 ? { meshNetworks: networks } : {}),
          ...(ca ? { caAddress: ca.address } : {}),
          // istiod's pod only (templates/deployment.yaml; the injection templates do not read it). istio-system
          // holds the quota that admits it on GKE (IstioSystemNamespace).
          priorityClassName: PLATFORM_PRIORITY_CLASS,
        },
        meshConfig: {
          trustDomain: props.trustDomain ?? 'cluster.local',
          // Clients accept these domains' identities too (istio pkg/spiffe/spiffe.go ExpandWithTrustDomains).
          ...(props.trustDomainAliases && props.trustDomainAliases.length > 0 ? { trustDomainAliases: [...props.trustDomainAliases] } : {}),
          // Calls to other clusters cross load balancers that forget idle flows (idle-connections.ts).
          tcpKeepalive: { ...MESH_TCP_KEEPALIVE },
          // DNS proxying: sidecars answer for services of other clusters that have no Service in the
          // client's cluster, and for ServiceEntry hosts (istio.io docs: ops/configuration/traffic-management/dns-proxy).
          defaultConfig: {
            proxyMetadata: { ISTIO_META_DNS_CAPTURE: 'true' },
            ...(stats.length > 0 ? { proxyStatsMatcher: { inclusionRegexps: [...stats] } } : {}),
          },
        },
        // Pods are injected for Istio's CNI node agent, which a wave before runs on every node
        // (istio-cni.ts): `istio-validation` instead of `istio-init` and its NET_ADMIN and NET_RAW.
        // Off (the cluster's `istioCni: false`), `istio-init` as before the agent.
        cni: { enabled: cni },
        // The istiod chart's values are flat since the charts were split: `env`, not `pilot.env` (values.yaml).
        env: {
          ...(ca ? { ENABLE_CA_SERVER: 'false' } : {}),
          // A Gateway selects gateway pods of its own namespace only (istio pilot/pkg/features/pilot.go:
          // off by default, so a Gateway in any app namespace could take the shared ingress gateway's
          // pods, publish any host on its addresses and serve certificates of istio-ingress). Every
          // Gateway fleetsynth writes sits beside the pods it selects (istio-system, istio-ingress).
          PILOT_SCOPE_GATEWAY_TO_NAMESPACE: 'true',
        },
        // Istio's scratch volumes on every injected pod would otherwise keep Cluster Autoscaler from
        // ever removing a node that runs one (see evictable-proxies.ts).
        sidecarInjectorWebhook: { injectedAnnotations: evictableProxyAnnotations() },
        // istiod answers the sidecar injection webhook, whose failurePolicy is Fail, and serves every
        // proxy's configuration. The chart runs one pod (autoscaleMin 1) and writes its PodDisruptionBudget
        // only above one (templates/poddisruptionbudget.yaml), so a node drain stopped pod creation in every
        // injected namespace until a new istiod was ready. Two at least, spread, one evicted at a time:
        // `maxUnavailable`, not `minAvailable: 1`, which lets a drain take all but one once the HPA has added
        // pods for load (up to autoscaleMax); the template writes maxUnavailable whenever the key is given
        // (hasKey), the chart's default minAvailable then unused.
        autoscaleMin: 2,
        pdb: { maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
        topologySpreadConstraints: spreadOverZonesThenNodes(ISTIOD_POD_LABELS),
      },
      wave: SYNC_WAVE.istiod,
      contents: {
        crds: [],
        clusterResources: [
          { group: RBAC, kind: 'ClusterRole' }, { group: RBAC, kind: 'ClusterRoleBinding' },
          { group: ADMISSION, kind: 'MutatingWebhookConfiguration' }, { group: ADMISSION, kind: 'ValidatingWebhookConfiguration' },
          { group: ADMISSION, kind: 'ValidatingAdmissionPolicy' }, { group: ADMISSION, kind: 'ValidatingAdmissionPolicyBinding' },
        ],
      },
      // Its own validating webhook too: rendered with failurePolicy Ignore (Argo CD's Helm rendering is
      // never an upgrade: istio-discovery templates/validatingwebhookconfiguration.yaml), flipped to Fail
      // by istiod once ready (pkg/webhooks/validation/controller/controller.go, which selects every
      // webhook of its revision); without this the Application is OutOfSync for good and self-heal
      // writes Ignore back forever (istio/istio#52785).
      ignoreDifferences: [{ group: ADMISSION, kind: 'ValidatingWebhookConfiguration', name: `istio-validator-${ISTIO_NAMESPACE}`, jsonPointers: ['/webhooks/0/failurePolicy'] }],
    },
    {
      ...common,
      name: CLUSTER_APPLICATION.istioEastwest,
      chart: 'gateway',
      releaseName: EASTWEST_SERVICE,
      values: {
        name: EASTWEST_SERVICE,
        // The chart puts `labels` on the Service and the pods alike. With private peers, no
        // topology.istio.io/network label: a labelled Service would be this network's gateway for
        // every istiod, next to the internal one meshNetworks names for the peers. The pods' network
        // comes from the istio-system namespace label, the proxy's own from global.network.
        labels: { ...EASTWEST_GATEWAY_LABELS, ...(props.gatewayLabelled === false ? {} : { [NETWORK_LABEL]: props.network }) },
        env: { ISTIO_META_REQUESTED_NETWORK_VIEW: props.network },
        service: {
          ports: EASTWEST_PORTS.map((p) => ({ ...p })),
          ...(props.eastWestServiceAnnotations && Object.keys(props.eastWestServiceAnnotations).length > 0 ? { annotations: { ...props.eastWestServiceAnnotations } } : {}),
        },
        // Every request from another network into this cluster passes these pods.
        ...gatewayAvailability(EASTWEST_GATEWAY_LABELS),
      },
      wave: SYNC_WAVE.gateways,
      contents: { crds: [], loadBalancerService: true },
    },
  ];
}

/**
 * Values of Istio's `gateway` chart for a gateway every request of its kind passes (east-west, ingress).
 * The chart runs one pod (autoscaling.minReplicas 1) and no PodDisruptionBudget (it writes one only
 * above one replica: gateway templates/poddisruptionbudget.yaml), so a node drain, a node pool upgrade
 * or a scale-down took the gateway away until a new pod was ready. Two at least (the HPA raises a
 * Deployment below minReplicas before it reads any metric, so even where no Metrics Server runs:
 * EKS without the metricsServer platform service), spread over zones then nodes where there are several (soft: a one-node cluster runs both),
 * and a drain evicts one at a time; an unready pod never holds a drain up. At the platform's priority
 * (critical-pods.ts; templates/deployment.yaml): their namespace holds the quota that admits them on GKE.
 */
export function gatewayAvailability(podLabels: Readonly<Record<string, string>>): Record<string, unknown> {
  return {
    autoscaling: { minReplicas: 2 },
    priorityClassName: PLATFORM_PRIORITY_CLASS,
    podDisruptionBudget: { maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
    topologySpreadConstraints: spreadOverZonesThenNodes(podLabels),
  };
}

/** Istio on one cluster as Argo CD Applications (the charts of `istioCharts`), for use in any chart. */
export class IstioInstallation extends Construct {
  readonly applications: readonly ChartApplication[];

  constructor(scope: Construct, id: string, props: IstioInstallationProps) {
    super(scope, id);
    new PropsCheck(`IstioInstallation[${props.name}]`)
      .name('name', props.name, 'label')
      .name('meshID', props.meshID, 'label')
      .name('network', props.network, 'label')
      .name('clusterName', props.clusterName, 'label')
      .check('version', /^\d+\.\d+\.\d+$/.test(props.version ?? ISTIO_VERSION), 'must be an exact Istio version', props.version, 'e.g. "1.30.5"')
      .done();
    this.applications = istioCharts(props).map((chart) => new ChartApplication(this, chart.name, { chart, clusterName: props.name, project: props.project, destination: props.destination }));
  }
}
