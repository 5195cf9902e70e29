import { CLOUDS } from '../../fleet';
import { SYNC_WAVE } from '../argocd/sync-wave';
import { CNI_BIN_DIR, istioCniChart } from './istio-cni';
import { istioCharts } from './istio-installation';
import { ISTIO_VERSION } from './istio-version';

const mesh = { meshID: 'acme-mesh', clusterName: 'c', network: 'c-net' };
const valuesOf = (chart: { readonly values?: { readonly [key: string]: unknown } }) => chart.values as Record<string, any>;

describe('istioCniChart', () => {
  test('GKE nodes get the agent\'s plugin in /home/kubernetes/bin: Argo CD renders without "-gke", so the chart\'s own detection never fires', () => {
    expect(valuesOf(istioCniChart({ cloud: 'gcp', version: ISTIO_VERSION })).cniBinDir).toBe('/home/kubernetes/bin');
    expect(valuesOf(istioCniChart({ cloud: 'aws', version: ISTIO_VERSION })).cniBinDir).toBe('/opt/cni/bin');
    expect(valuesOf(istioCniChart({ cloud: 'azure', version: ISTIO_VERSION })).cniBinDir).toBe('/opt/cni/bin');
    expect(valuesOf(istioCniChart({ version: ISTIO_VERSION })).cniBinDir).toBe('/opt/cni/bin');
    expect(Object.keys(CNI_BIN_DIR).sort()).toEqual([...CLOUDS].sort());
  });

  test('the chart writes the ResourceQuota GKE asks of a namespace running system-node-critical pods other than kube-system', () => {
    for (const cloud of CLOUDS) expect(valuesOf(istioCniChart({ cloud, version: ISTIO_VERSION })).resourceQuotas).toEqual({ enabled: true });
  });

  test('the agent\'s image comes from Istio\'s hub, or the cluster\'s Docker Hub mirror, as istiod\'s', () => {
    const mirrors = { 'docker.io': 'registry.example.com/docker-hub' };
    expect(valuesOf(istioCniChart({ version: ISTIO_VERSION })).global).toEqual({ hub: 'docker.io/istio' });
    const cni = istioCharts({ ...mesh, imageMirrors: mirrors }).find((c) => c.chart === 'cni')!;
    const istiod = istioCharts({ ...mesh, imageMirrors: mirrors }).find((c) => c.chart === 'istiod')!;
    expect(valuesOf(cni).global.hub).toBe('registry.example.com/docker-hub/istio');
    expect(valuesOf(cni).global.hub).toBe(valuesOf(istiod).global.hub);
  });
});

describe('Istio with the CNI node agent', () => {
  const charts = istioCharts({ ...mesh, cloud: 'gcp' });
  const cni = charts.find((c) => c.chart === 'cni')!;
  const istiod = charts.find((c) => c.chart === 'istiod')!;

  test('istiod injects for the CNI (istio-validation, no istio-init with NET_ADMIN and NET_RAW)', () => {
    expect(valuesOf(istiod).cni).toEqual({ enabled: true });
  });

  test('the agent is in a wave before istiod, in istio-system, at istiod\'s version: a pod injected for the CNI never lands on a node without the plugin', () => {
    expect(cni.wave).toBeLessThan(istiod.wave);
    expect(cni.wave).toBe(SYNC_WAVE.istioCni);
    expect([cni.namespace, cni.version, cni.repoURL, cni.releaseName]).toEqual([istiod.namespace, istiod.version, istiod.repoURL, 'istio-cni']);
    expect(cni.name).toBe('istio-cni');
  });

  test('what the chart creates cluster-wide is declared, for the projects and the convergence check', () => {
    expect(cni.contents).toEqual({ crds: [], clusterResources: [{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }, { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' }] });
  });
});

describe('a cluster with `istioCni: false`', () => {
  test('istiod injects istio-init again, and the agent\'s chart is not in the cluster\'s charts', () => {
    const charts = istioCharts({ ...mesh, cni: false });
    expect(charts.map((c) => c.chart)).not.toContain('cni');
    expect(valuesOf(charts.find((c) => c.chart === 'istiod')!).cni).toEqual({ enabled: false });
  });

  test('the agent\'s Application, once in a cluster\'s root, is pruned last: after istiod has switched back, not in the agent\'s wave before it', () => {
    expect(istioCniChart({ version: ISTIO_VERSION }).pruneLast).toBe(true);
  });
});
