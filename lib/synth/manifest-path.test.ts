import { manifestPath, nameProblems } from './manifest-path';

describe('manifestPath', () => {
  test('namespaced core objects go under their namespace', () => {
    expect(manifestPath({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cloud-config', namespace: 'kube-system' } })).toBe('kube-system/configmap_cloud-config.yaml');
  });

  test('cluster-scoped objects go under _cluster', () => {
    expect(manifestPath({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } })).toBe('_cluster/namespace_istio-system.yaml');
  });

  test('a subfolder goes between the namespace folder and the file', () => {
    expect(manifestPath({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'aws-prod-istiod', namespace: 'argocd' } }, 'clusters/aws-prod/')).toBe('argocd/clusters/aws-prod/application.argoproj.io_aws-prod-istiod.yaml');
  });

  test('the same kind and name in two namespaces, or two groups, never share a file', () => {
    const paths = [
      { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'a' } },
      { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'b' } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'a' } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'entry-x', namespace: 'a' } },
      { apiVersion: 'v1', kind: 'ServiceEntry', metadata: { name: 'x', namespace: 'a' } },
    ].map((o) => manifestPath(o));
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths[0]).toBe('a/gateway.networking.istio.io_gw.yaml');
  });
});

describe('nameProblems', () => {
  test('passes DNS-1123 names and namespaces', () => {
    expect(nameProblems({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cloud-config', namespace: 'kube-system' } }, 'f.yaml')).toEqual([]);
  });

  test('fails when a name or namespace is not DNS-1123, naming file and field', () => {
    expect(nameProblems({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Cloud_Config', namespace: 'kube.system' } }, 'f.yaml').map((p) => p.path)).toEqual(['f.yaml: metadata.name', 'f.yaml: metadata.namespace']);
  });
});
