import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import { FleetError } from '../fleet';
import { fullFleet, LooseFleet } from '../../test/fleet-fixture';
import { fakeOutputsWithAddons, fakeStackOutputsWithAddons } from '../../test/fleets';
import { tempDir } from '../../test/tree';
import { renderFleet } from './render-fleet';
import { prepareFleet, synth } from './synth';

// The full test fleet: every platform service on (secrets, observability, interconnect, global DNS).
function problemsOf(f: LooseFleet): { path: string; message: string }[] {
  try {
    const { fleet, addons } = prepareFleet(f);
    renderFleet(fleet, { outputs: fakeOutputsWithAddons(f), stackOutputs: fakeStackOutputsWithAddons(f), addons, kubernetesOnly: true });
    return [];
  } catch (e) {
    if (!(e instanceof FleetError)) throw e;
    return e.problems.map((p) => ({ path: p.path, message: p.message }));
  }
}

const checkoutIn = (namespace: string, change: (f: LooseFleet) => void = () => {}) => {
  const f = fullFleet();
  f.apps.find((a: { name: string }) => a.name === 'checkout').namespace = namespace;
  change(f);
  return problemsOf(f);
};

describe('an app in a namespace the platform uses on one of its clusters', () => {
  test.each([
    ['cert-manager', 'chart cert-manager, Application aws-prod-cert-manager'],
    ['external-secrets', 'chart external-secrets, Application aws-prod-external-secrets'],
    ['monitoring', 'chart kube-prometheus-stack, Application aws-prod-metrics-agent'],
    ['loki', 'Namespace loki of add-on observability'],
    ['mimir', 'Namespace mimir of add-on observability'],
    ['istio-ingress', 'chart gateway, Application aws-prod-istio-ingress'],
  ])('fails when it is %s, at apps[checkout].namespace, naming the user on each cluster', (namespace, user) => {
    const problems = checkoutIn(namespace);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.path === 'apps[checkout].namespace')).toBe(true);
    expect(problems[0].message).toContain(`the platform uses this namespace on aws-prod (${user})`);
  });

  test('fails when a user add-on creates it', () => {
    const problems = checkoutIn('billing', (f) => {
      f.addons = [{ name: 'billing', manifests: (scope: Construct) => new ApiObject(scope, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'billing' } }) }];
    });
    expect(problems.map((p) => p.path)).toEqual(['apps[checkout].namespace', 'apps[checkout].namespace', 'apps[checkout].namespace']);
    expect(problems[0].message).toContain('(Namespace billing of add-on billing)');
    // The apps' own namespaces are not offered as taken.
    expect(problems[0].message).not.toContain('podinfo');
  });

  test('an add-on putting policy into the apps\' namespaces does not take them', () => {
    const policies = (scope: Construct) => ['checkout', 'podinfo'].forEach((ns) => new ApiObject(scope, `deny-${ns}`, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: ns }, spec: { podSelector: {}, policyTypes: ['Ingress'] } }));
    expect(checkoutIn('checkout', (f) => { f.addons = [{ name: 'app-policy', manifests: policies }]; })).toEqual([]);
  });

  test('a namespace the platform uses only on clusters the app does not select is the app\'s to take', () => {
    // grafana: the management cluster's alone; istio-ingress: global DNS's, on aws-prod and gcp-prod; monitoring: observability's.
    expect(checkoutIn('grafana')).toEqual([]);
    expect(checkoutIn('istio-ingress', (f) => { f.apps.find((a: { name: string }) => a.name === 'checkout').clusters = { matchLabels: { 'fleetsynth.io/cloud': 'azure' } }; })).toEqual([]);
    expect(checkoutIn('monitoring', (f) => { delete f.platform.observability; })).toEqual([]);
  });

  test('fails in synth before anything is written', () => {
    const out = path.join(tempDir(), 'dist');
    const f = fullFleet();
    f.apps.find((a: { name: string }) => a.name === 'checkout').namespace = 'cert-manager';
    expect(() => synth(f, { outDir: out, outputsDir: path.join(out, 'none'), cache: false })).toThrow(expect.objectContaining({ problems: expect.arrayContaining([expect.objectContaining({ path: 'apps[checkout].namespace' })]) }));
    expect(fs.existsSync(out)).toBe(false);
  });
});
