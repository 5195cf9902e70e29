import { renderForTest } from '../lib/testing';
import { ARGOCD_CHART } from '../lib/k8s/argocd/argocd-install';
import { ISTIO_CHART_REPO } from '../lib/k8s/istio/istio-version';
import { CERT_MANAGER_CHART } from '../lib/addons/secrets/mesh-trust/cert-manager-chart';
import { ISTIO_CSR_CHART } from '../lib/addons/secrets/mesh-trust/istio-csr-chart';
import { EXTERNAL_SECRETS_CHART } from '../lib/addons/secrets/external-secrets/external-secrets-chart';
import { CLUSTER_AUTOSCALER_CHART } from '../lib/addons/cluster-autoscaler/chart';
import { METRICS_SERVER_CHART } from '../lib/addons/metrics-server/chart';
import { MIRRORED_REGISTRIES } from '../lib/fleet';
import { fullTestFleet } from './full-fleet';
import { readsValue, valueLeaves } from './chart-values';

/*
 * A Helm value a chart does not read (a typo, a key renamed or moved in that version, a key under the
 * wrong parent) is silently ignored: it looks right in dist/ and does nothing in the cluster. Here, per
 * platform chart and the version fleetsynth pins, the value paths that chart's templates read, each with
 * where (read at the pinned tag; `path.**`: the chart passes that map through whole, every key below it
 * lands in the object named; see test/chart-values.ts). Every value the full test fleet sets on these charts, every cloud's and
 * every service's, must be one of them, and the chart at the version checked. A new value or a chart
 * bump fails here until someone has read the chart at that version (`git grep '.Values.<path>' <tag> --
 * <chart>/templates`, or `helm template` with and without the value) and added it.
 * (The observability charts have theirs: lib/addons/observability/chart-versions.test.ts.)
 */

interface ChartValuesRead {
  readonly repoURL: string;
  readonly chart: string;
  /** The version the paths were read at. */
  readonly version: string;
  /** Upstream repository, tag and folder of the chart. */
  readonly source: string;
  /** Value path → the templates that read it. */
  readonly reads: Readonly<Record<string, string>>;
}

// Read at 1.30.3; installed at 1.30.5, whose tag could not be read here: release-1.30 changed nothing under
// manifests/ up to 2026-08-21, six days before 1.30.4, and neither 1.30.4's nor 1.30.5's notes name a chart
// change (lib/k8s/istio/istio-version.ts).
const ISTIO = 'istio/istio 1.30.3';

const CHARTS: readonly ChartValuesRead[] = [
  {
    repoURL: ARGOCD_CHART.repoURL, chart: ARGOCD_CHART.chart, version: '10.1.1', source: 'argoproj/argo-helm argo-cd-10.1.1 charts/argo-cd',
    reads: {
      // omit .Values.configs.cm "create" "annotations": every other key is a key of the ConfigMap argocd-cm.
      'configs.cm.**': 'templates/_helpers.tpl argo-cd.config.cm, argocd-configs/argocd-cm.yaml',
      'crds.annotations.**': 'templates/crds/crd-application.yaml, crd-applicationset.yaml, crd-appproject.yaml',
      'global.image.tag': 'templates/_common.tpl argo-cd.defaultTag (every Argo CD component\'s image, argo-cd.versionLabel)',
      // omit .Values.configs.params "create" "annotations", merged over the presets: every other key is a key of argocd-cmd-params-cm
      // (the fleet's argoCd writes controller.sharding.algorithm, controller.status.processors, controller.operation.processors,
      // each read by the controller's env in templates/argocd-application-controller/statefulset.yaml).
      'configs.params.*': 'templates/_helpers.tpl argo-cd.config.params, argocd-configs/argocd-cmd-params-cm.yaml',
      'controller.replicas': 'templates/argocd-application-controller/statefulset.yaml (spec.replicas and env ARGOCD_CONTROLLER_REPLICAS)',
      'controller.resources.**': 'templates/argocd-application-controller/statefulset.yaml (toYaml into the container\'s resources)',
      'repoServer.replicas': 'templates/argocd-repo-server/deployment.yaml (unless repoServer.autoscaling.enabled)',
      'repoServer.resources.**': 'templates/argocd-repo-server/deployment.yaml (toYaml into the container\'s, and the copyutil init container\'s, resources)',
      // default .Values.global.image.repository .Values.<component>.image.repository, in every component's workload.
      'global.image.repository': 'templates/argocd-*/deployment.yaml, statefulset.yaml, redis-secret-init/job.yaml',
      'dex.enabled': 'templates/dex/*.yaml (each wrapped in `if .Values.dex.enabled`), _helpers.tpl argo-cd.config.params.presets (server.dex.server)',
      'redis.image.repository': 'templates/redis/deployment.yaml',
      ...Object.fromEntries(['controller', 'server'].flatMap((c) => {
        const at = c === 'controller' ? 'templates/argocd-application-controller/statefulset.yaml, deployment.yaml' : 'templates/argocd-server/deployment.yaml';
        const folder = c === 'controller' ? 'argocd-application-controller' : 'argocd-server';
        return [
          [`${c}.podAnnotations.*`, at],
          [`${c}.serviceAccount.annotations.*`, `templates/${folder}/serviceaccount.yaml`],
          [`${c}.volumes`, `${at} (concat .Values.global.extraVolumes)`],
          [`${c}.volumeMounts`, `${at} (concat .Values.global.extraVolumeMounts)`],
          [`${c}.env`, `${at} (concat .Values.global.env)`],
        ];
      })),
    },
  },
  {
    repoURL: ISTIO_CHART_REPO, chart: 'base', version: '1.30.5', source: `${ISTIO} manifests/charts/base`,
    reads: { defaultRevision: 'templates/defaultrevision-validatingwebhookconfiguration.yaml' },
  },
  {
    repoURL: ISTIO_CHART_REPO, chart: 'istiod', version: '1.30.5', source: `${ISTIO} manifests/charts/istio-control/istio-discovery`,
    reads: {
      // pick .Values "cni" "env" as the injector's `pilot` values, read as .Values.pilot.cni.enabled by files/injection-template.yaml.
      'cni.enabled': 'templates/istiod-injector-configmap.yaml, files/injection-template.yaml',
      autoscaleMin: 'templates/autoscale.yaml, poddisruptionbudget.yaml',
      'env.**': 'templates/deployment.yaml (range .Values.env)',
      'global.caAddress': 'files/injection-template.yaml, gateway-injection-template.yaml (CA_ADDR)',
      'global.hub': 'templates/deployment.yaml (hub | default global.hub), istiod-injector-configmap.yaml (pick .Values "global": pkg/kube/inject/inject.go ProxyImage)',
      'global.meshID': 'templates/configmap.yaml, files/injection-template.yaml',
      'global.meshNetworks.**': 'templates/configmap.yaml (toYaml into meshNetworks)',
      'global.multiCluster.clusterName': 'templates/deployment.yaml (CLUSTER_ID), files/injection-template.yaml',
      'global.network': 'files/injection-template.yaml, gateway-injection-template.yaml',
      'global.priorityClassName': 'templates/deployment.yaml (istiod\'s pod only)',
      // mergeOverwrite of the chart's mesh with .Values.meshConfig: every key is a MeshConfig field.
      'meshConfig.**': 'templates/configmap.yaml',
      'pdb.maxUnavailable': 'templates/poddisruptionbudget.yaml (taken over the chart\'s minAvailable whenever the key is given)',
      'pdb.unhealthyPodEvictionPolicy': 'templates/poddisruptionbudget.yaml',
      'sidecarInjectorWebhook.injectedAnnotations.**': 'templates/istiod-injector-configmap.yaml',
      topologySpreadConstraints: 'templates/deployment.yaml',
    },
  },
  {
    repoURL: ISTIO_CHART_REPO, chart: 'cni', version: '1.30.5', source: `${ISTIO} manifests/charts/istio-cni`,
    reads: {
      'global.hub': 'templates/daemonset.yaml (.Values.hub | default .Values.global.hub)',
      cniBinDir: 'templates/daemonset.yaml',
      'resourceQuotas.enabled': 'templates/resourcequota.yaml',
    },
  },
  {
    repoURL: ISTIO_CHART_REPO, chart: 'gateway', version: '1.30.5', source: `${ISTIO} manifests/charts/gateway`,
    reads: {
      name: 'templates/_helpers.tpl gateway.name',
      'labels.**': 'templates/_helpers.tpl gateway.labels, gateway.selectorLabels; deployment.yaml',
      'env.**': 'templates/deployment.yaml (range .Values.env)',
      'service.annotations.**': 'templates/service.yaml',
      'service.ports': 'templates/service.yaml',
      'autoscaling.minReplicas': 'templates/hpa.yaml, poddisruptionbudget.yaml',
      // toYaml into the PodDisruptionBudget's spec.
      'podDisruptionBudget.**': 'templates/poddisruptionbudget.yaml',
      priorityClassName: 'templates/deployment.yaml',
      topologySpreadConstraints: 'templates/deployment.yaml',
    },
  },
  {
    repoURL: CERT_MANAGER_CHART.repoURL, chart: CERT_MANAGER_CHART.chart, version: 'v1.21.1', source: 'cert-manager/cert-manager v1.21.1 deploy/charts/cert-manager',
    reads: {
      'crds.enabled': 'templates/crd-*.yaml',
      'global.priorityClassName': 'templates/deployment.yaml, webhook-deployment.yaml, cainjector-deployment.yaml, startupapicheck-job.yaml',
      extraObjects: 'templates/extras-objects.yaml (range, each string rendered with tpl)',
      // Each toYaml into its container's resources.
      'resources.**': 'templates/deployment.yaml',
      'webhook.resources.**': 'templates/webhook-deployment.yaml',
      'cainjector.resources.**': 'templates/cainjector-deployment.yaml',
      'startupapicheck.resources.**': 'templates/startupapicheck-job.yaml',
      imageRegistry: 'templates/_helpers.tpl cert-manager.image, from deployment.yaml, webhook-deployment.yaml, cainjector-deployment.yaml, startupapicheck-job.yaml',
      'webhook.replicaCount': 'templates/webhook-deployment.yaml',
      ...Object.fromEntries(['enabled', 'minAvailable', 'unhealthyPodEvictionPolicy'].map((k) => [`webhook.podDisruptionBudget.${k}`, 'templates/webhook-poddisruptionbudget.yaml'])),
      'webhook.topologySpreadConstraints': 'templates/webhook-deployment.yaml',
    },
  },
  {
    repoURL: ISTIO_CSR_CHART.repoURL, chart: ISTIO_CSR_CHART.chart, version: 'v0.17.0', source: 'cert-manager/istio-csr v0.17.0 deploy/charts/istio-csr',
    reads: {
      ...Object.fromEntries(['namespace', 'issuer.name', 'issuer.kind', 'issuer.group'].map((k) => [`app.certmanager.${k}`, 'templates/deployment.yaml args, certificate.yaml'])),
      'app.istio.namespace': 'templates/certificate.yaml, deployment.yaml',
      imageRegistry: 'templates/_helpers.tpl cert-manager-istio-csr.image, from deployment.yaml',
      'app.istio.revisions': 'templates/certificate.yaml, deployment.yaml',
      'app.server.clusterID': 'templates/deployment.yaml (--cluster-id)',
      'app.server.maxCertificateDuration': 'templates/deployment.yaml (--max-client-certificate-duration)',
      'app.tls.trustDomain': 'templates/deployment.yaml (--trust-domain), certificate.yaml',
      'app.tls.certificateDNSNames': 'templates/deployment.yaml (--serving-certificate-dns-names)',
      'app.tls.certificateDuration': 'templates/deployment.yaml (--serving-certificate-duration)',
      'app.tls.rootCAFile': 'templates/deployment.yaml (--root-ca-file)',
      'app.tls.istiodCertificateDuration': 'templates/certificate.yaml, deployment.yaml',
      'app.tls.istiodCertificateRenewBefore': 'templates/certificate.yaml, deployment.yaml',
      replicaCount: 'templates/deployment.yaml',
      priorityClassName: 'templates/deployment.yaml',
      'resources.**': 'templates/deployment.yaml (toYaml into the container\'s resources)',
      'podDisruptionBudget.enabled': 'templates/poddisruptionbudget.yaml',
      extraObjects: 'templates/extra-objects.yaml (range, each string rendered with tpl)',
      topologySpreadConstraints: 'templates/deployment.yaml',
      volumes: 'templates/deployment.yaml',
      volumeMounts: 'templates/deployment.yaml',
    },
  },
  {
    repoURL: EXTERNAL_SECRETS_CHART.repoURL, chart: EXTERNAL_SECRETS_CHART.chart, version: '2.9.0', source: 'external-secrets/external-secrets helm-chart-2.9.0 deploy/charts/external-secrets',
    reads: {
      // The CRD templates are written when the chart is packaged: hack/helm.generate.sh wraps each in {{- if .Values.installCRDs }}.
      installCRDs: 'templates/crds/*.yaml (hack/helm.generate.sh)',
      ...Object.fromEntries(['image', 'webhook.image', 'certController.image'].map((i) => [`${i}.repository`, 'templates/_helpers.tpl external-secrets.image, from deployment.yaml, webhook-deployment.yaml, cert-controller-deployment.yaml'])),
      'serviceAccount.create': 'templates/serviceaccount.yaml, _helpers.tpl external-secrets.serviceAccountName',
      'serviceAccount.name': 'templates/_helpers.tpl external-secrets.serviceAccountName',
      'rbac.serviceAccountTokenCreate': 'templates/rbac.yaml (the controller ClusterRole\'s serviceaccounts/token rule)',
      priorityClassName: 'templates/deployment.yaml',
      'webhook.priorityClassName': 'templates/webhook-deployment.yaml',
      'certController.priorityClassName': 'templates/cert-controller-deployment.yaml',
      'webhook.replicaCount': 'templates/webhook-deployment.yaml',
      'webhook.topologySpreadConstraints': 'templates/webhook-deployment.yaml (each constraint; its labelSelector kept when given)',
      // Each toYaml into its container's resources.
      'resources.**': 'templates/deployment.yaml',
      'webhook.resources.**': 'templates/webhook-deployment.yaml',
      'certController.resources.**': 'templates/cert-controller-deployment.yaml',
      'extraObjects': 'templates/extra-manifests.yaml (range, each object rendered whole)',
    },
  },
  {
    repoURL: CLUSTER_AUTOSCALER_CHART.repoURL, chart: CLUSTER_AUTOSCALER_CHART.chart, version: '9.59.0', source: 'kubernetes/autoscaler cluster-autoscaler-chart-9.59.0 cluster-autoscaler/charts/cluster-autoscaler',
    reads: {
      cloudProvider: 'templates/deployment.yaml, _helpers.tpl',
      awsRegion: 'templates/deployment.yaml (AWS_REGION)',
      'autoDiscovery.clusterName': 'templates/deployment.yaml, _helpers.tpl',
      'image.tag': 'templates/deployment.yaml',
      'image.repository': 'templates/deployment.yaml',
      fullnameOverride: 'templates/_helpers.tpl cluster-autoscaler.fullname',
      'rbac.serviceAccount.create': 'templates/serviceaccount.yaml, _helpers.tpl cluster-autoscaler.serviceAccountName',
      'rbac.serviceAccount.name': 'templates/_helpers.tpl cluster-autoscaler.serviceAccountName',
      'podAnnotations.**': 'templates/deployment.yaml (the pod template)',
      'resources.**': 'templates/deployment.yaml (toYaml into the container\'s resources)',
      // range .Values.extraArgs: each key a flag, --key=value.
      'extraArgs.**': 'templates/deployment.yaml',
    },
  },
  {
    repoURL: METRICS_SERVER_CHART.repoURL, chart: METRICS_SERVER_CHART.chart, version: '3.13.1', source: 'kubernetes-sigs/metrics-server metrics-server-helm-chart-3.13.1 charts/metrics-server',
    reads: {
      replicas: 'templates/deployment.yaml',
      'image.repository': 'templates/_helpers.tpl metrics-server.image',
      // default (printf "v%s" .Chart.AppVersion) .Values.image.tag: v0.9.0 over the chart's 0.8.1 (lib/addons/metrics-server/chart.ts).
      'image.tag': 'templates/_helpers.tpl metrics-server.image',
      'podDisruptionBudget.enabled': 'templates/pdb.yaml',
      'podDisruptionBudget.minAvailable': 'templates/pdb.yaml',
      'podDisruptionBudget.unhealthyPodEvictionPolicy': 'templates/pdb.yaml (Kubernetes 1.27+)',
      topologySpreadConstraints: 'templates/deployment.yaml',
    },
  },
];

interface ChartSource { readonly repoURL: string; readonly chart?: string; readonly targetRevision: string; readonly helm?: { readonly valuesObject?: unknown } }

// With every field of the fleet's argoCd (Argo CD's size), which the full test fleet leaves to Argo CD's defaults.
const ARGOCD_SIZING = {
  controller: { replicas: 3, shardingAlgorithm: 'consistent-hashing', statusProcessors: 50, operationProcessors: 25, resources: { requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '2', memory: '6Gi' } } },
  repoServer: { replicas: 2, resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } } },
};
/** The full fleet, and the same with a mirror for every registry the platform pulls from on every cloud: the image values are read too. */
const mirrorsAt = (prefix: string) => Object.fromEntries(MIRRORED_REGISTRIES.map((r) => [r, `${prefix}/${r.replace(/\./g, '-')}`]));
const mirrored = {
  ...fullTestFleet(),
  imageMirrors: { aws: mirrorsAt('111122223333.dkr.ecr.us-west-2.amazonaws.com'), gcp: mirrorsAt('us-central1-docker.pkg.dev/acme-platform-prod'), azure: mirrorsAt('acmecache.azurecr.io') },
};
const applicationsOf = (fleet: unknown) => renderForTest(fleet).objects({ kind: 'Application' }).map((o) => ({ name: o.object.metadata.name, source: (o.object as unknown as { spec: { source: ChartSource } }).spec.source }));
const plain = applicationsOf(fullTestFleet());
// Argo CD's size and the mirrors in one fleet: their values land in the same chart.
const withMirrors = applicationsOf({ ...mirrored, argoCd: ARGOCD_SIZING });
const applications = [...plain, ...withMirrors];

describe.each(CHARTS.map((c) => [c.chart, c] as const))('%s', (_, chart) => {
  const installs = applications.filter((a) => a.source?.repoURL === chart.repoURL && a.source.chart === chart.chart);

  test(`is installed at ${chart.version}, the version its values were read at (${chart.source})`, () => {
    expect(installs.length).toBeGreaterThan(0);
    expect([...new Set(installs.map((a) => a.source.targetRevision))]).toEqual([chart.version]);
  });

  test('every value fleetsynth sets on it is one the chart reads', () => {
    const unread = installs.flatMap((a) => valueLeaves(a.source.helm?.valuesObject ?? {})
      .filter((leaf) => leaf.length > 0 && !Object.keys(chart.reads).some((r) => readsValue(r, leaf)))
      .map((leaf) => `${a.name}: ${leaf.join('.')}`));
    expect(unread).toEqual([]);
  });
});

test('with mirrors, every platform chart sets image values the plain fleet does not: the check above reads them', () => {
  const leaves = (apps: typeof plain, chart: ChartValuesRead) => new Set(apps.filter((a) => a.source?.repoURL === chart.repoURL && a.source.chart === chart.chart).flatMap((a) => valueLeaves(a.source.helm?.valuesObject ?? {}).map((l) => l.join('.'))));
  // Istio's base chart runs no image; the gateway chart's image is `auto`, injected from istiod's hub.
  // istiod's and the CNI agent's hub is set on every cluster; a mirror changes its value, not its path.
  const withImages = CHARTS.filter((c) => c.chart !== 'base' && c.chart !== 'gateway');
  const added = withImages.map((c) => [c.chart, [...leaves(withMirrors, c)].filter((l) => !leaves(plain, c).has(l)).length > 0 || c.chart === 'istiod' || c.chart === 'cni'] as const);
  expect(added.filter(([, any]) => !any)).toEqual([]);
});

test('a read path covers the leaves it names and no others', () => {
  expect(readsValue('pdb.minAvailable', ['pdb', 'minAvailable'])).toBe(true);
  expect(readsValue('pdb.minAvailable', ['pdb', 'minAvailabel'])).toBe(false);
  expect(readsValue('pdb.minAvailable', ['pdb', 'minAvailable', 'x'])).toBe(false);
  expect(readsValue('env.*', ['env', 'ENABLE_CA_SERVER'])).toBe(true);
  expect(readsValue('env.*', ['env'])).toBe(false);
  expect(readsValue('meshConfig.**', ['meshConfig', 'defaultConfig', 'proxyMetadata', 'ISTIO_META_DNS_CAPTURE'])).toBe(true);
  expect(readsValue('meshConfig.*', ['meshConfig', 'defaultConfig', 'proxyMetadata'])).toBe(false);
  expect(readsValue('service.annotations.*', ['service', 'annotations', 'service.beta.kubernetes.io/aws-load-balancer-type'])).toBe(true);
  expect(valueLeaves({ a: { 'b.c': 1, d: [1] }, e: {} })).toEqual([['a', 'b.c'], ['a', 'd'], ['e']]);
});
