import { Cloud, CLUSTER_APPLICATION, ImageMirrors, mirroredPrefix } from '../../fleet';
import { PlatformChart } from '../argocd/platform-chart';
import { SYNC_WAVE } from '../argocd/sync-wave';
import { ISTIO_CHART_REPO, ISTIO_IMAGE_HUB, ISTIO_NAMESPACE } from './istio-version';

/*
 * Istio's CNI node agent (chart `cni`, DaemonSet `istio-cni-node`) sets up each injected pod's traffic
 * redirection while the pod's network is created, instead of the `istio-init` container, which needs
 * NET_ADMIN and NET_RAW in every app pod (istio.io docs: setup/additional-setup/cni). With istiod's
 * `cni.enabled` the injector writes `istio-validation` instead, with no capability, as user 1337
 * (istio 1.30.3 manifests/charts/istio-control/istio-discovery/files/injection-template.yaml), so app
 * pods meet Pod Security baseline. The agent itself is one privileged pod per node (hostPath to the CNI
 * directories, NET_ADMIN, SYS_ADMIN, …: manifests/charts/istio-cni/templates/daemonset.yaml), in
 * istio-system, which carries no Pod Security label.
 */

/**
 * Where each cloud's nodes keep their CNI plugins (the kubelet's CNI bin directory). GKE's are in
 * /home/kubernetes/bin, /opt/cni/bin being read-only there (istio/istio#53849). The chart finds it by
 * itself only when the rendered Kubernetes version contains "-gke" (templates/daemonset.yaml), and Argo
 * CD renders with the version's numbers alone (argo-cd v3.4.4 reposerver/repository/repository.go
 * parseKubeVersion: k8s.io/apimachinery version.ParseGeneric drops "-gke.N"), so it is set here; its
 * `platform: gke` profile leaves it empty on purpose and would not help. EKS (VPC CNI) and AKS (Azure
 * CNI) use the chart's default, as do Istio's platform notes (istio.io docs: ambient/install/platform-prerequisites).
 */
export const CNI_BIN_DIR: Readonly<Record<Cloud, string>> = { aws: '/opt/cni/bin', gcp: '/home/kubernetes/bin', azure: '/opt/cni/bin' };

export interface IstioCniChartProps {
  /** The cloud of the cluster's nodes (their CNI bin directory). @default EKS's and AKS's /opt/cni/bin */
  readonly cloud?: Cloud;
  /** Exact Istio version. */
  readonly version: string;
  /** The cluster's registry mirrors: a `docker.io` one becomes the agent's hub, as istiod's. @default none */
  readonly imageMirrors?: ImageMirrors;
}

/**
 * The chart of Istio's CNI node agent, in the wave before istiod's. Order matters: a pod istiod injects
 * for the CNI (`istio-validation`, no `istio-init`) on a node without the plugin starts with no
 * redirection, and its validation fails. The cluster's root waits for this Application's health, and a
 * DaemonSet is healthy once every scheduled pod is updated and available (gitops-engine
 * pkg/health/health_daemonset.go), a pod only once the plugin is installed on its node (readiness
 * /readyz): so istiod's switch reaches a cluster, new or upgraded, after the agent runs on every node.
 * Pods already running keep `istio-init`, which the plugin leaves alone (istio 1.30.3
 * cni/pkg/plugin/plugin.go: "excluded due to being already injected with istio-init container").
 *
 * A node that joins later may start a pod before its agent is ready: the agent then sets up that pod's
 * redirection after the fact (`repair.repairPods`, on by default, values.yaml), the pod's
 * `istio-validation` failing until then. The same holds on every node while its agent is replaced (an
 * Istio move rolls the DaemonSet): in sidecar mode a stopping agent takes its plugin out of the node's
 * CNI config (istio 1.30.3 cni/pkg/cmd/root.go installer.Cleanup, skipped only for an ambient upgrade).
 */
export function istioCniChart(props: IstioCniChartProps): PlatformChart {
  return {
    name: CLUSTER_APPLICATION.istioCni,
    chart: 'cni',
    releaseName: 'istio-cni',
    repoURL: ISTIO_CHART_REPO,
    version: props.version,
    namespace: ISTIO_NAMESPACE,
    values: {
      // `<hub>/install-cni` (templates/daemonset.yaml `.Values.hub | default .Values.global.hub`), as istiod's images.
      global: { hub: mirroredPrefix(props.imageMirrors, ISTIO_IMAGE_HUB) },
      cniBinDir: CNI_BIN_DIR[props.cloud ?? 'aws'],
      // The agent runs as system-node-critical, which GKE admits only in a namespace with a ResourceQuota
      // for that class (istio.io docs: ambient/install/platform-prerequisites, "Namespace restrictions");
      // the chart writes one (templates/resourcequota.yaml, as its GKE profile does). Written on every
      // cloud: where no such rule exists, a quota of 5000 such pods in istio-system limits nothing.
      resourceQuotas: { enabled: true },
    },
    wave: SYNC_WAVE.istioCni,
    contents: { crds: [], clusterResources: [{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }, { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' }] },
  };
}
