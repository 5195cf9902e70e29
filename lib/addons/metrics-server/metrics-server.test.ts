import * as path from 'path';
import * as YAML from 'yaml';
import { fakeOutputs, outputsFolder, testFleet } from '../../../test/fleets';
import { readTree, tempDir } from '../../../test/tree';
import { SYNC_WAVE } from '../../k8s/argocd/sync-wave';
import { synth } from '../../synth';
import { fleetAddons } from '../fleet-addons';
import { METRICS_SERVER_CHART, metricsServerChart, metricsServerVersion } from './chart';

describe('Metrics Server (EKS pod autoscaling)', () => {
  const names = (fleet: unknown) => fleetAddons(fleet).addons.map((a) => a.name);

  test('is on by default, and off with platform.metricsServer: false', () => {
    expect(names(testFleet())).toContain('metrics-server');
    expect(names({ ...testFleet(), platform: { metricsServer: false } })).not.toContain('metrics-server');
    expect(names({ ...testFleet(), platform: { metricsServer: {} } })).toContain('metrics-server');
    // Independent of the Cluster Autoscaler.
    expect(names({ ...testFleet(), platform: { clusterAutoscaler: false } })).toEqual(['metrics-server']);
  });

  test('fails when it is given settings, at each setting (or at platform.metricsServer for a value that is no object)', () => {
    expect(fleetAddons({ ...testFleet(), platform: { metricsServer: { replicas: 3 } } }).problems.map((p) => p.path)).toEqual(['platform.metricsServer.replicas']);
    expect(fleetAddons({ ...testFleet(), platform: { metricsServer: true } }).problems.map((p) => p.path)).toEqual(['platform.metricsServer']);
  });

  test('the pinned chart: highly available, its cluster-scoped objects declared, in its cluster root\'s last wave (its APIService is Progressing until the API server reaches the pods)', () => {
    const chart = metricsServerChart({ kubernetesVersion: '1.35' });
    expect(chart).toMatchObject({ namespace: 'kube-system', repoURL: 'https://kubernetes-sigs.github.io/metrics-server/', chart: 'metrics-server', version: '3.13.1', releaseName: 'metrics-server', wave: SYNC_WAVE.aggregatedApis });
    const { operators, clusterBootstrap, istioBase, istiod, platformCharts, clusterPlatform } = SYNC_WAVE;
    expect(SYNC_WAVE.aggregatedApis).toBeGreaterThan(Math.max(operators, clusterBootstrap, istioBase, istiod, platformCharts, clusterPlatform));
    expect(chart.values).toMatchObject({ replicas: 2, podDisruptionBudget: { enabled: true, minAvailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' } });
    // Spread, never required: a second pod must not stay Pending on a one-node cluster.
    expect((chart.values!.topologySpreadConstraints as { whenUnsatisfiable: string }[]).map((c) => c.whenUnsatisfiable)).toEqual(['ScheduleAnyway', 'ScheduleAnyway']);
    expect(chart.contents).toEqual({
      crds: [],
      clusterResources: [
        { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
        { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
        { group: 'apiregistration.k8s.io', kind: 'APIService' },
      ],
    });
  });

  test('runs Metrics Server v0.9.0 from Kubernetes 1.34 on, ahead of the chart\'s appVersion 0.8.1 (built with a Go whose crypto/tls has CVE-2025-68121); 0.8.1 below, where 0.9 is unsupported', () => {
    expect(['1.32', '1.33', '1.34', '1.35', '1.36'].map(metricsServerVersion)).toEqual(['v0.8.1', 'v0.8.1', 'v0.9.0', 'v0.9.0', 'v0.9.0']);
    expect(metricsServerChart({ kubernetesVersion: '1.35' }).values).toMatchObject({ image: { tag: 'v0.9.0' } });
    expect(metricsServerChart({ kubernetesVersion: '1.33' }).values).toMatchObject({ image: { tag: 'v0.8.1' } });
  });

  describe('in the output', () => {
    const f = testFleet();
    const out = path.join(tempDir(), 'dist');
    synth(f, { outDir: out, outputsDir: outputsFolder(fakeOutputs(f)) });
    const tree = readTree(out);
    const apps = Object.keys(tree).filter((p) => p.endsWith('-metrics-server.yaml'));

    test('Argo CD installs it on every EKS cluster, the management cluster included, and on no GKE or AKS cluster', () => {
      expect(apps).toEqual(['k8s/aws/t-mgmt/argocd/clusters/t-aws/application.argoproj.io_t-aws-metrics-server.yaml', 'k8s/aws/t-mgmt/argocd/clusters/t-mgmt/application.argoproj.io_t-mgmt-metrics-server.yaml']);
      expect(Object.keys(tree).filter((p) => /t-(gcp|azure)/.test(p) && tree[p].includes('metrics-server'))).toEqual([]);
    });

    test('the Application: the pinned chart and its values, into kube-system', () => {
      const app = YAML.parse(tree[apps[0]]);
      expect(app.spec.source).toMatchObject({ repoURL: METRICS_SERVER_CHART.repoURL, chart: METRICS_SERVER_CHART.chart, targetRevision: METRICS_SERVER_CHART.version, helm: { releaseName: 'metrics-server' } });
      expect(app.spec.source.helm.valuesObject).toMatchObject({ replicas: 2, image: { tag: 'v0.9.0' }, podDisruptionBudget: { enabled: true, minAvailable: 1 } });
      expect(app.spec.destination.namespace).toBe('kube-system');
      expect(app.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe(String(SYNC_WAVE.aggregatedApis));
    });
  });
});
