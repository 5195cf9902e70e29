import { stringify } from 'yaml';
import { ChartImage } from '../../../fleet';
import { ChartContents, PlatformChart } from '../../../k8s/argocd/platform-chart';
import { SYNC_WAVE } from '../../../k8s/argocd/sync-wave';
import { spreadOverZonesThenNodes } from '../../../k8s/pod-spread';
import { PLATFORM_PRIORITY_CLASS } from '../../../k8s/critical-pods';
import { ISTIO_NAMESPACE } from '../../../k8s/istio/istio-version';
import { MESH_CERT_LIFETIME_HOURS, MESH_CERT_RENEW_BEFORE_HOURS } from '../vault-layout';
import { CERT_MANAGER_CHART } from './cert-manager-chart';

/**
 * cert-manager istio-csr, pinned exactly (cert-manager/istio-csr deploy/charts/istio-csr, tag v0.17.0):
 * the CA server Istio's proxies and istiod ask for certificates, each request signed by a
 * cert-manager Issuer (here: Vault, with the cluster's intermediate CA).
 */
export const ISTIO_CSR_CHART = { repoURL: 'https://charts.jetstack.io', chart: 'cert-manager-istio-csr', version: 'v0.17.0', releaseName: 'cert-manager-istio-csr' } as const;

/** Its image: `<imageRegistry>/<imageNamespace>/<name>` (values.yaml v0.17.0 `imageRegistry: quay.io`; templates/_helpers.tpl cert-manager-istio-csr.image), as cert-manager's. */
export const ISTIO_CSR_IMAGES: readonly ChartImage[] = [{ image: 'quay.io', at: 'imageRegistry', spelling: 'prefix' }];

/** The gRPC address of istio-csr's Service (chart defaults: Service `cert-manager-istio-csr`, port 443) that proxies use as their CA (`global.caAddress`). */
export const ISTIO_CSR_ADDRESS = `cert-manager-istio-csr.${CERT_MANAGER_CHART.namespace}.svc:443`;
/** DNS name of istio-csr's own serving certificate (chart value `app.tls.certificateDNSNames`). */
export const ISTIO_CSR_SERVING_DNS_NAME = `cert-manager-istio-csr.${CERT_MANAGER_CHART.namespace}.svc`;
/** DNS name and common name of istiod's certificate for the `default` revision (chart templates/certificate.yaml). */
export const ISTIOD_DNS_NAME = `istiod.${ISTIO_NAMESPACE}.svc`;
/** The Secret istio-csr's Certificate `istiod` writes, which the istiod chart mounts at /var/run/secrets/istiod/tls (istio manifests/charts/istio-control/istio-discovery/templates/deployment.yaml). */
export const ISTIOD_TLS_SECRET = 'istiod-tls';
/** Name of the Issuer istio-csr signs with (in the Istio namespace, where it creates its CertificateRequests). */
export const ISTIO_CA_ISSUER = 'istio-ca';
/** The Secret and key istio-csr reads the mesh's root certificate from (its trust anchor). */
export const MESH_ROOT_CA_SECRET = { name: 'istio-root-ca', key: 'ca.pem' } as const;
const ROOT_CA_MOUNT = '/var/run/secrets/istio-csr';
/** A Go duration (what the chart's duration values take). */
const hours = (h: number) => `${h}h`;

const RBAC = 'rbac.authorization.k8s.io';

/** What the chart creates cluster-wide (templates/clusterrole.yaml, clusterrolebinding.yaml); no CRDs. */
export const ISTIO_CSR_CHART_CONTENTS: ChartContents = {
  crds: [],
  clusterResources: [{ group: RBAC, kind: 'ClusterRole' }, { group: RBAC, kind: 'ClusterRoleBinding' }],
};

/** The pods' labels (templates/deployment.yaml: `app: <chart name>`). */
const ISTIO_CSR_POD_LABELS = { app: ISTIO_CSR_CHART.chart } as const;

/**
 * istio-csr's PodDisruptionBudget: one pod evicted at a time, as the chart's own (templates/poddisruptionbudget.yaml,
 * values.yaml `maxUnavailable: 1`), but one that never waits on an unready pod, which the chart's cannot say (it
 * renders `minAvailable` and `maxUnavailable` only). A pod is ready once it holds its serving certificate
 * (pkg/tls/tls.go Check), which it gets through cert-manager and Vault: two pods started while Vault was away are
 * both unready, and with the default policy (IfHealthyBudget) neither could be evicted until Vault came back, so
 * a drain of their nodes failed (EKS: `PodEvictionFailure` after 15 minutes, EKS User Guide *Understand each phase
 * of node updates*; AKS: the upgrade stops after its 30-minute drain timeout, AKS docs *upgrade-aks-node-pools-rolling*). Through the chart's `extraObjects`, each a string it renders with `tpl`
 * (templates/extra-objects.yaml), under the chart's own PDB's name.
 */
function istioCsrDisruptionBudget(): string {
  return stringify({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: ISTIO_CSR_CHART.chart, namespace: CERT_MANAGER_CHART.namespace },
    spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: { ...ISTIO_CSR_POD_LABELS } } },
  });
}

export interface IstioCsrChartProps {
  /** The cluster's name in the mesh: istio-csr accepts only CSRs from this cluster ID. */
  readonly clusterID: string;
  /** The mesh's SPIFFE trust domain. */
  readonly trustDomain: string;
}

/**
 * istio-csr on one cluster, in the `istioBase` wave: after the cluster's `_bootstrap` (the Issuer it
 * signs with and the root certificate it pins) and before istiod, which starts with the certificate
 * istio-csr's Certificate `istiod` writes. Argo CD counts the Application healthy only once that
 * Certificate is Ready (argo-cd resource_customizations/cert-manager.io/Certificate/health.lua).
 */
export function istioCsrChart(props: IstioCsrChartProps): PlatformChart {
  return {
    name: 'istio-csr',
    namespace: CERT_MANAGER_CHART.namespace,
    repoURL: ISTIO_CSR_CHART.repoURL,
    chart: ISTIO_CSR_CHART.chart,
    version: ISTIO_CSR_CHART.version,
    releaseName: ISTIO_CSR_CHART.releaseName,
    values: {
      app: {
        certmanager: {
          namespace: ISTIO_NAMESPACE,
          issuer: { name: ISTIO_CA_ISSUER, kind: 'Issuer', group: 'cert-manager.io' },
        },
        istio: { namespace: ISTIO_NAMESPACE, revisions: ['default'] },
        server: {
          clusterID: props.clusterID,
          // A proxy's certificate lasts min(what it asks, this) (pkg/server/server.go CreateCertificate);
          // proxies ask for 24 h, and this lets them have it instead of the chart's 1 h.
          maxCertificateDuration: hours(MESH_CERT_LIFETIME_HOURS),
        },
        tls: {
          trustDomain: props.trustDomain,
          certificateDNSNames: [ISTIO_CSR_SERVING_DNS_NAME],
          // Pin the trust anchor rather than trusting whatever CA a signed certificate names (istio-csr docs, "rootCAFile").
          rootCAFile: `${ROOT_CA_MOUNT}/${MESH_ROOT_CA_SECRET.key}`,
          // istiod serves xDS with this one (Certificate `istiod`, templates/certificate.yaml): renewed
          // with half left, as the proxies renew theirs.
          istiodCertificateDuration: hours(MESH_CERT_LIFETIME_HOURS),
          istiodCertificateRenewBefore: hours(MESH_CERT_RENEW_BEFORE_HOURS),
          // istio-csr's own gRPC certificate (renewed with a third left, retried every 20 s: pkg/tls/tls.go).
          // Only proxies asking for a certificate use it, which cannot succeed while Vault is away anyway.
          certificateDuration: hours(MESH_CERT_LIFETIME_HOURS),
        },
      },
      // Every proxy's renewal and every new pod's first certificate go through istio-csr: two, in
      // different zones, else on different nodes, where there are several, and a PodDisruptionBudget
      // (istioCsrDisruptionBudget, in place of the chart's) so that a drain, a lost node or a lost zone
      // leaves one serving. Soft spreading: a one-node cluster runs both.
      replicaCount: 2,
      // templates/deployment.yaml; admitted on GKE by the quota cert-manager's chart puts in this namespace.
      priorityClassName: PLATFORM_PRIORITY_CLASS,
      // The chart sets none (BestEffort): its values.yaml's example (v0.17.0 `resources`, "For example"), requests
      // only. Its example limits equal them; a memory limit would OOM-kill the CA of every proxy under load.
      resources: { requests: { cpu: '100m', memory: '128Mi' } },
      podDisruptionBudget: { enabled: false },
      extraObjects: [istioCsrDisruptionBudget()],
      topologySpreadConstraints: spreadOverZonesThenNodes(ISTIO_CSR_POD_LABELS),
      volumes: [{ name: 'root-ca', secret: { secretName: MESH_ROOT_CA_SECRET.name } }],
      volumeMounts: [{ name: 'root-ca', mountPath: ROOT_CA_MOUNT, readOnly: true }],
    },
    wave: SYNC_WAVE.istioBase,
    contents: ISTIO_CSR_CHART_CONTENTS,
  };
}
