import { synthChart } from '../../test/k8s-fixture';
import { KubeObject } from '../synth/manifest-path';
import { schemaProblems } from '../synth/schema-validation';
import { CriticalPodsQuota, criticalPodsQuota } from './critical-pods';

describe('CriticalPodsQuota', () => {
  test('a ResourceQuota in the namespace, scoped to system-cluster-critical pods, in the wave given', () => {
    const [quota] = synthChart((c) => new CriticalPodsQuota(c, 'q', { namespace: 'istio-system', syncWave: -3 }));
    expect(quota).toEqual({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'critical-pods', namespace: 'istio-system', annotations: { 'argocd.argoproj.io/sync-wave': '-3' } },
      spec: { hard: { pods: '1G' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['system-cluster-critical'] }] } },
    });
  });

  test('for the node agents\' class: a quota of its own name, scoped to system-node-critical alone, as the istio-cni chart\'s', () => {
    const [quota] = synthChart((c) => new CriticalPodsQuota(c, 'q', { namespace: 'monitoring', syncWave: -3, priorityClass: 'system-node-critical' }));
    expect(quota.metadata.name).toBe('node-critical-pods');
    expect(quota.spec).toEqual({ hard: { pods: '1G' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['system-node-critical'] }] } });
    expect(schemaProblems([{ file: 'quota.yaml', object: quota as KubeObject }])).toEqual([]);
  });

  test('as a chart\'s extra object: no wave (the chart\'s own kind order puts it before the Deployments); valid against the Kubernetes schema', () => {
    const quota = criticalPodsQuota('cert-manager');
    expect(quota.metadata).toEqual({ name: 'critical-pods', namespace: 'cert-manager' });
    expect(schemaProblems([{ file: 'quota.yaml', object: quota as KubeObject }])).toEqual([]);
  });
});
