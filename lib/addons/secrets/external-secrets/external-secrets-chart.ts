import { ChartImage } from '../../../fleet';
import { ChartContents, PlatformChart } from '../../../k8s/argocd/platform-chart';
import { SYNC_WAVE } from '../../../k8s/argocd/sync-wave';
import { criticalPodsQuota, PLATFORM_PRIORITY_CLASS } from '../../../k8s/critical-pods';
import { spreadOverZonesThenNodes } from '../../../k8s/pod-spread';
import { EXTERNAL_SECRETS_SA } from '../vault-layout';

/**
 * External Secrets Operator's Helm chart, pinned exactly (external-secrets/external-secrets
 * deploy/charts/external-secrets, tag helm-chart-2.9.0: chart and app v2.9.0, serving `external-secrets.io/v1`).
 */
export const EXTERNAL_SECRETS_CHART = { repoURL: 'https://charts.external-secrets.io', chart: 'external-secrets', version: '2.9.0', releaseName: 'external-secrets' } as const;

/**
 * Its images: the controller, the webhook and the cert controller, one repository (values.yaml, helm-chart-2.9.0;
 * templates/_helpers.tpl external-secrets.image: `<repository>:<tag>`, global.repository unset).
 */
export const EXTERNAL_SECRETS_IMAGES: readonly ChartImage[] = ['image', 'webhook.image', 'certController.image'].map((at) => ({ image: 'ghcr.io/external-secrets/external-secrets', at: `${at}.repository`, spelling: 'image' }));

const ADMISSION = 'admissionregistration.k8s.io';
const RBAC = 'rbac.authorization.k8s.io';
const namespaced = (group: string, kinds: string[]) => kinds.map((kind) => ({ group, kind, scope: 'Namespaced' as const }));
const cluster = (group: string, kinds: string[]) => kinds.map((kind) => ({ group, kind, scope: 'Cluster' as const }));

/**
 * The CRDs the chart installs with `installCRDs: true` (config/crds/bases/kustomization.yaml at
 * v2.9.0, scopes from each CRD) and its other cluster-wide objects (templates/rbac.yaml,
 * cert-controller-rbac.yaml, validatingwebhook.yaml).
 */
export const EXTERNAL_SECRETS_CHART_CONTENTS: ChartContents = {
  crds: [
    ...cluster('external-secrets.io', ['ClusterExternalSecret', 'ClusterPushSecret', 'ClusterSecretStore']),
    ...namespaced('external-secrets.io', ['ExternalSecret', 'PushSecret', 'SecretStore']),
    ...cluster('generators.external-secrets.io', ['ClusterGenerator']),
    ...namespaced('generators.external-secrets.io', [
      'ACRAccessToken', 'BeyondtrustWorkloadCredentialsDynamicSecret', 'CloudsmithAccessToken', 'ECRAuthorizationToken', 'Fake', 'GCRAccessToken', 'GeneratorState',
      'GithubAccessToken', 'GitlabDeployToken', 'Grafana', 'MFA', 'Password', 'QuayAccessToken', 'SSHKey', 'STSSessionToken', 'UUID', 'VaultDynamicSecret', 'Webhook',
    ]),
  ],
  clusterResources: [{ group: RBAC, kind: 'ClusterRole' }, { group: RBAC, kind: 'ClusterRoleBinding' }, { group: ADMISSION, kind: 'ValidatingWebhookConfiguration' }],
};

/** The Role (and its binding) letting the controller request its own service account's tokens. */
export const EXTERNAL_SECRETS_TOKEN_REQUEST = `${EXTERNAL_SECRETS_SA.name}-tokenrequest`;

/**
 * What the controller may mint tokens for: its own service account, the one every ClusterSecretStore of the
 * fleet logs in to Vault with (external-secrets v2.9.0 providers/v1/vault/auth.go createServiceAccountToken:
 * a TokenRequest for `serviceAccountRef`, in its namespace, with the controller's client). The chart's
 * `rbac.serviceAccountTokenCreate` (on by default) puts `create` on `serviceaccounts/token` in the controller's
 * ClusterRole: a token of any service account of the cluster, for any audience (Argo CD's controller's on the
 * management cluster, which its cloud roles trust). Turned off, the chart asks for "per-ServiceAccount
 * Role/RoleBinding with resourceNames constraint" (values.yaml, helm-chart-2.9.0): these, through its
 * `extraObjects` (templates/extra-manifests.yaml), so they come and go with the ClusterRole's rule in one sync.
 */
function ownTokenRequest(): Record<string, unknown>[] {
  const metadata = { name: EXTERNAL_SECRETS_TOKEN_REQUEST, namespace: EXTERNAL_SECRETS_SA.namespace };
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata,
      rules: [{ apiGroups: [''], resources: ['serviceaccounts/token'], resourceNames: [EXTERNAL_SECRETS_SA.name], verbs: ['create'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: EXTERNAL_SECRETS_TOKEN_REQUEST },
      subjects: [{ kind: 'ServiceAccount', name: EXTERNAL_SECRETS_SA.name, namespace: EXTERNAL_SECRETS_SA.namespace }],
    },
  ];
}

/**
 * The webhook's pod labels (templates/_helpers.tpl external-secrets-webhook.selectorLabels, helm-chart-2.9.0: the chart's
 * name with `-webhook`, and the release).
 */
const WEBHOOK_POD_LABELS = { 'app.kubernetes.io/name': `${EXTERNAL_SECRETS_CHART.chart}-webhook`, 'app.kubernetes.io/instance': EXTERNAL_SECRETS_CHART.releaseName } as const;

/**
 * The webhook's PodDisruptionBudget: one pod evicted at a time, never waiting on an unready one, which the chart's own
 * cannot say (templates/webhook-poddisruptionbudget.yaml renders `maxUnavailable` or `minAvailable` only). A webhook pod
 * is ready only while it holds a certificate valid for another hour (cmd/controller/webhook.go, readyz check "certs"),
 * which the cert controller writes: pods started while it is away are all unready, and with the default policy
 * (IfHealthyBudget) none could be evicted, so a drain of their nodes would fail until it came back. Through the chart's
 * `extraObjects` (templates/extra-manifests.yaml), under the chart's own PDB's name (_helpers.tpl external-secrets.webhookPdbName).
 */
function webhookDisruptionBudget(): Record<string, unknown> {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: `${EXTERNAL_SECRETS_CHART.releaseName}-webhook-pdb`, namespace: EXTERNAL_SECRETS_SA.namespace },
    spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: { ...WEBHOOK_POD_LABELS } } },
  };
}

/**
 * What each of its pods asks for: the chart sets none (BestEffort), and its values.yaml's commented figure for the
 * controller, the webhook and the cert controller alike (helm-chart-2.9.0 `resources`: "requests: cpu: 10m,
 * memory: 32Mi"); requests only, no limit.
 */
const EXTERNAL_SECRETS_RESOURCES = { requests: { cpu: '10m', memory: '32Mi' } } as const;

/**
 * External Secrets Operator on one cluster, in the `operators` wave: its CRDs and webhook exist
 * before the cluster's `_bootstrap` folder applies the ClusterSecretStores. Its controller's
 * service account is the one Vault trusts (EXTERNAL_SECRETS_SA), named explicitly here, and the
 * only one whose tokens it may request (ownTokenRequest).
 */
export function externalSecretsChart(): PlatformChart {
  return {
    name: 'external-secrets',
    namespace: EXTERNAL_SECRETS_SA.namespace,
    repoURL: EXTERNAL_SECRETS_CHART.repoURL,
    chart: EXTERNAL_SECRETS_CHART.chart,
    version: EXTERNAL_SECRETS_CHART.version,
    releaseName: EXTERNAL_SECRETS_CHART.releaseName,
    values: {
      installCRDs: true,
      serviceAccount: { create: true, name: EXTERNAL_SECRETS_SA.name },
      rbac: { serviceAccountTokenCreate: false },
      // Its three Deployments (templates/deployment.yaml, webhook-deployment.yaml, cert-controller-deployment.yaml),
      // admitted on GKE by the quota applied with them (critical-pods.ts; a ResourceQuota before Deployments, as cert-manager's).
      priorityClassName: PLATFORM_PRIORITY_CLASS,
      resources: EXTERNAL_SECRETS_RESOURCES,
      // The webhook fails closed on every ExternalSecret, SecretStore and ClusterSecretStore write (validatingwebhook.yaml,
      // `webhook.failurePolicy: Fail`): with one pod, a drain of its node fails each `_bootstrap` sync that touches them
      // until the pod is back. Two, apart by zone, else by node, where there are several (soft: a one-node cluster runs
      // both), and a budget that keeps one through a drain (webhookDisruptionBudget). The controller and the cert
      // controller stay at one each (README, *Availability of the platform*).
      webhook: {
        priorityClassName: PLATFORM_PRIORITY_CLASS,
        resources: EXTERNAL_SECRETS_RESOURCES,
        replicaCount: 2,
        topologySpreadConstraints: spreadOverZonesThenNodes(WEBHOOK_POD_LABELS),
      },
      certController: { priorityClassName: PLATFORM_PRIORITY_CLASS, resources: EXTERNAL_SECRETS_RESOURCES },
      extraObjects: [...ownTokenRequest(), criticalPodsQuota(EXTERNAL_SECRETS_SA.namespace), webhookDisruptionBudget()],
    },
    wave: SYNC_WAVE.operators,
    contents: EXTERNAL_SECRETS_CHART_CONTENTS,
  };
}
