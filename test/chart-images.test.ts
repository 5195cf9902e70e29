import { renderForTest } from '../lib/testing';
import { ChartImage, MIRRORED_REGISTRIES, splitImage } from '../lib/fleet';
import { ARGOCD_IMAGES } from '../lib/k8s/argocd/argocd-images';
import { ISTIO_IMAGE_HUB } from '../lib/k8s/istio/istio-version';
import { OBSERVABILITY_CHARTS } from '../lib/addons/observability/chart-versions';
import { CERT_MANAGER_IMAGES } from '../lib/addons/secrets/mesh-trust/cert-manager-chart';
import { ISTIO_CSR_IMAGES } from '../lib/addons/secrets/mesh-trust/istio-csr-chart';
import { EXTERNAL_SECRETS_IMAGES } from '../lib/addons/secrets/external-secrets/external-secrets-chart';
import { CLUSTER_AUTOSCALER_IMAGES } from '../lib/addons/cluster-autoscaler/chart';
import { METRICS_SERVER_IMAGES } from '../lib/addons/metrics-server/chart';
import { fullTestFleet } from './full-fleet';

/*
 * The images every platform chart runs, pointed at registry mirrors, as the charts compose them from the
 * values fleetsynth sets (each template is cited where its images are listed). The mirrors are ECR pull
 * through cache rules with the console's default prefixes (ECR User Guide, pull-through-cache-working-pulling):
 * what a node pulls must be `<prefix>/<upstream path>`, with `library/` for Docker Hub's official images.
 */

const ECR = '111122223333.dkr.ecr.us-west-2.amazonaws.com';
const AR = 'us-central1-docker.pkg.dev/acme-platform-prod/docker-hub';

/** Every table of images the platform's charts run. */
const TABLES: readonly (readonly ChartImage[])[] = [
  [{ image: ISTIO_IMAGE_HUB, at: 'global.hub', spelling: 'prefix' }],
  ARGOCD_IMAGES,
  ...OBSERVABILITY_CHARTS.map((c) => c.images),
  CERT_MANAGER_IMAGES,
  ISTIO_CSR_IMAGES,
  EXTERNAL_SECRETS_IMAGES,
  CLUSTER_AUTOSCALER_IMAGES,
  METRICS_SERVER_IMAGES,
];

test('the registries a mirror can be set for are exactly those the pinned charts pull from', () => {
  const registries = [...new Set(TABLES.flat().map((i) => splitImage(i.image).registry))].sort();
  expect(registries).toEqual([...MIRRORED_REGISTRIES]);
});

describe('with mirrors, each chart pulls every image through them', () => {
  const fleet = {
    ...fullTestFleet(),
    imageMirrors: {
      aws: { 'docker.io': `${ECR}/docker-hub`, 'quay.io': `${ECR}/quay`, 'registry.k8s.io': `${ECR}/k8s`, 'ghcr.io': `${ECR}/github`, 'ecr-public.aws.com': `${ECR}/ecr-public` },
    },
  };
  // A cluster's own mirror replaces the fleet's for that registry.
  fleet.clusters.find((c: { name: string }) => c.name === 'gcp-prod').imageMirrors = { 'docker.io': AR };
  const rendered = renderForTest(fleet);
  const values = (application: string): any => (rendered.objects({ kind: 'Application', name: application })[0].object as any).spec.source.helm.valuesObject;
  const joined = (image: { registry: string; repository: string }) => `${image.registry}/${image.repository}`;

  test('Istio: istiod `<hub>/pilot`, every sidecar and gateway `<hub>/proxyv2` (istio-discovery templates/deployment.yaml; pkg/kube/inject ProxyImage)', () => {
    expect(`${values('mgmt-istiod').global.hub}/proxyv2`).toBe(`${ECR}/docker-hub/istio/proxyv2`);
    // The GKE cluster's own Docker Hub mirror; an AKS cluster without one keeps Docker Hub.
    expect(values('gcp-prod-istiod').global.hub).toBe(`${AR}/istio`);
    expect(values('azure-prod-istiod').global.hub).toBe('docker.io/istio');
  });

  test('Argo CD (on the management cluster): `<repository>:<tag>`, Redis an official image behind ECR Public', () => {
    const argo = values('argocd');
    expect(argo.global.image.repository).toBe(`${ECR}/quay/argoproj/argocd`);
    expect(argo.dex).toEqual({ enabled: false }); // no Dex pod, no image to mirror
    expect(argo.redis.image.repository).toBe(`${ECR}/ecr-public/docker/library/redis`);
  });

  test('cert-manager and istio-csr: `<imageRegistry>/<imageNamespace>/<name>` (cert-manager.image helper)', () => {
    expect(`${values('aws-prod-cert-manager').imageRegistry}/jetstack/cert-manager-controller`).toBe(`${ECR}/quay/jetstack/cert-manager-controller`);
    expect(`${values('aws-prod-istio-csr').imageRegistry}/jetstack/cert-manager-istio-csr`).toBe(`${ECR}/quay/jetstack/cert-manager-istio-csr`);
  });

  test('External Secrets, Cluster Autoscaler, Metrics Server: `<image.repository>:<tag>`, the tag fleetsynth pins kept', () => {
    const eso = values('aws-prod-external-secrets');
    expect([eso.image, eso.webhook.image, eso.certController.image].map((i) => i.repository)).toEqual(Array(3).fill(`${ECR}/github/external-secrets/external-secrets`));
    const ca = values('aws-prod-cluster-autoscaler');
    expect(`${ca.image.repository}:${ca.image.tag}`).toBe(`${ECR}/k8s/autoscaling/cluster-autoscaler:v1.35.2`);
    const ms = values('aws-prod-metrics-server');
    expect(`${ms.image.repository}:${ms.image.tag}`).toBe(`${ECR}/k8s/metrics-server/metrics-server:v0.9.0`);
  });

  test('the metrics and log agents: `<registry>/<repository>`', () => {
    const kps = values('aws-prod-metrics-agent');
    expect([kps.prometheusOperator.image, kps.prometheusOperator.prometheusConfigReloader.image, kps.prometheusOperator.admissionWebhooks.patch.image, kps.prometheus.prometheusSpec.image, kps['kube-state-metrics'].image, kps['prometheus-node-exporter'].image].map(joined)).toEqual([
      `${ECR}/quay/prometheus-operator/prometheus-operator`,
      `${ECR}/quay/prometheus-operator/prometheus-config-reloader`,
      `${ECR}/github/jkroepke/kube-webhook-certgen`,
      `${ECR}/quay/prometheus/prometheus`,
      `${ECR}/k8s/kube-state-metrics/kube-state-metrics`,
      `${ECR}/quay/prometheus/node-exporter`,
    ]);
    const alloy = values('aws-prod-log-agent');
    expect([alloy.image, alloy.configReloader.image].map(joined)).toEqual([`${ECR}/docker-hub/grafana/alloy`, `${ECR}/quay/prometheus-operator/prometheus-config-reloader`]);
  });

  test('the central stores and Grafana (on the management cluster), Docker Hub\'s official memcached under library/', () => {
    const loki = values('mgmt-loki');
    expect(['loki', 'gateway', 'memcached', 'memcachedExporter', 'sidecar'].map((k) => joined(loki[k].image))).toEqual([
      `${ECR}/docker-hub/grafana/loki`,
      `${ECR}/docker-hub/nginxinc/nginx-unprivileged`,
      `${ECR}/docker-hub/library/memcached`,
      `${ECR}/docker-hub/prom/memcached-exporter`,
      `${ECR}/docker-hub/kiwigrid/k8s-sidecar`,
    ]);
    expect(joined(loki.gateway.metrics.image)).toBe(`${ECR}/github/jkroepke/access-log-exporter`);
    expect(joined(loki.defaults.statefulSetRecreateJob.image)).toBe(`${ECR}/k8s/kubectl`);
    const mimir = values('mgmt-mimir');
    expect([mimir.image.repository, joined(mimir.gateway.nginx.image)]).toEqual([`${ECR}/docker-hub/grafana/mimir`, `${ECR}/docker-hub/nginxinc/nginx-unprivileged`]);
    const grafana = values('mgmt-grafana');
    expect([joined(grafana.image), joined(grafana.sidecar.image)]).toEqual([`${ECR}/docker-hub/grafana/grafana`, `${ECR}/quay/kiwigrid/k8s-sidecar`]);
  });
});
