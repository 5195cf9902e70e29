import { renderForTest } from '../lib/testing';
import { fullTestFleet } from './full-fleet';

/*
 * The resource requests of the platform's pods whose charts set none (a pod without requests is BestEffort: the
 * first a node short of memory evicts, and one the scheduler and the Cluster Autoscaler count as taking nothing).
 * Each figure is the upstream one its chart's file cites; requests only, no limit. istiod and the gateways are not
 * here: Istio's charts request 500m/2048Mi and 100m/128Mi themselves (values.yaml, 1.30.3).
 */

const render = renderForTest(fullTestFleet());
const valuesOf = (application: string): Record<string, unknown> => {
  const [app] = render.objects({ kind: 'Application', name: application });
  return (app.object.spec as { source: { helm: { valuesObject: Record<string, unknown> } } }).source.helm.valuesObject;
};
const at = (values: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], values);

const REQUESTS: readonly (readonly [application: string, path: string, requests: Record<string, string>])[] = [
  // cert-manager v1.21.1 values.yaml, every component's "For example".
  ...['resources', 'webhook.resources', 'cainjector.resources', 'startupapicheck.resources'].map((p) => ['aws-prod-cert-manager', p, { cpu: '10m', memory: '32Mi' }] as const),
  ['aws-prod-istio-csr', 'resources', { cpu: '100m', memory: '128Mi' }],
  ...['resources', 'webhook.resources', 'certController.resources'].map((p) => ['aws-prod-external-secrets', p, { cpu: '10m', memory: '32Mi' }] as const),
  // The autoscaler's AWS example deployment.
  ['aws-prod-cluster-autoscaler', 'resources', { cpu: '100m', memory: '600Mi' }],
  // kube-state-metrics README, *Resource recommendation*.
  ['gcp-prod-metrics-agent', 'kube-state-metrics.resources', { cpu: '100m', memory: '250Mi' }],
  // The charts' commented examples (kube-prometheus-stack 88.5.3, prometheus-node-exporter 4.56.1).
  ['gcp-prod-metrics-agent', 'prometheus-node-exporter.resources', { cpu: '100m', memory: '30Mi' }],
  ['gcp-prod-metrics-agent', 'prometheusOperator.resources', { cpu: '100m', memory: '100Mi' }],
  ['gcp-prod-metrics-agent', 'prometheus.prometheusSpec.resources', { memory: '400Mi' }],
  // Alloy's *Estimate resource usage*, "Loki logs".
  ['azure-prod-log-agent', 'alloy.resources', { cpu: '100m', memory: '120Mi' }],
  // The loki chart's monolithic-values.yaml, memory only (its 2 CPUs fit no 2-vCPU node).
  ['mgmt-loki', 'singleBinary.resources', { memory: '2Gi' }],
  // Grafana's minimum memory; the chart's example CPU.
  ['mgmt-grafana', 'resources', { cpu: '100m', memory: '512Mi' }],
];

describe('the platform\'s pods request what upstream names, and set no limit', () => {
  test.each(REQUESTS.map(([app, path, requests]) => [`${app}: ${path}`, app, path, requests] as const))('%s', (_, app, path, requests) => {
    expect(at(valuesOf(app), path)).toEqual({ requests });
  });
});
