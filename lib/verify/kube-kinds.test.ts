import { BUILT_IN_KINDS, builtInKind, crdDefinedBy, groupOf } from './kube-kinds';

describe('built-in kinds', () => {
  test('cover the groups every cluster serves, with their scope', () => {
    const groups = new Set(BUILT_IN_KINDS.map((k) => k.group));
    for (const g of ['', 'apps', 'batch', 'rbac.authorization.k8s.io', 'networking.k8s.io', 'policy', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'storage.k8s.io', 'scheduling.k8s.io', 'autoscaling', 'coordination.k8s.io', 'discovery.k8s.io']) {
      expect(groups).toContain(g);
    }
    expect(builtInKind('', 'Namespace')).toEqual({ group: '', kind: 'Namespace', namespaced: false });
    expect(builtInKind('networking.k8s.io', 'NetworkPolicy')?.namespaced).toBe(true);
    expect(builtInKind('networking.istio.io', 'ServiceEntry')).toBeUndefined();
  });

  test('groups from apiVersion, and what a CRD defines', () => {
    expect([groupOf('v1'), groupOf('apps/v1'), groupOf(undefined)]).toEqual(['', 'apps', '']);
    const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x' }, spec: { group: 'example.com', names: { kind: 'Widget' }, scope: 'Cluster' } };
    expect(crdDefinedBy(crd)).toEqual({ group: 'example.com', kind: 'Widget', namespaced: false });
  });
});
