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

describe('an app whose Application would have a platform chart\'s name', () => {
  const withApp = (name: string, change: (f: LooseFleet) => void = () => {}) => {
    const f = fullFleet();
    f.apps.push({ name, namespace: 'myapp', source: { helm: { repoURL: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', version: '6.7.1' } } });
    change(f);
    return problemsOf(f);
  };

  test.each(['cluster-autoscaler', 'metrics-server', 'cert-manager', 'istio-csr', 'metrics-agent'])('fails when an app is named %s, at apps[<app>].name, naming the chart\'s Application', (name) => {
    const problems = withApp(name);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.path === `apps[${name}].name`)).toBe(true);
    expect(problems[0].message).toMatch(new RegExp(`^its Application on [a-z-]+ would be "[a-z-]+-${name}", already the Application of platform chart `));
  });

  test.each(['applicationSet', 'applications'])('fails when deployed as %s (not only at the output file)', (deployAs) => {
    expect(withApp('cert-manager', (f) => { f.apps.at(-1).deployAs = deployAs; }).map((p) => p.path)).toContain('apps[cert-manager].name');
  });

  test('fails when a user add-on\'s chart has the name, at apps[<app>].name', () => {
    const chart = { name: 'billing-db', namespace: 'billing-db', repoURL: 'https://charts.example.com', chart: 'postgres', version: '1.0.0', wave: 10, contents: { crds: [] } };
    const problems = withApp('billing-db', (f) => { f.addons = [{ name: 'billing', charts: () => [chart] }]; });
    expect(problems.map((p) => p.path)).toContain('apps[billing-db].name');
    expect(problems.find((p) => p.path === 'apps[billing-db].name')!.message).toContain('already the Application of platform chart postgres');
  });

  test('fails when the names meet through a cluster\'s name (gcp + prod-cert-manager is gcp-prod + cert-manager)', () => {
    const problems = withApp('prod-cert-manager', (f) => {
      // azure-prod renamed gcp, everywhere the fleet names it.
      const renamed = JSON.parse(JSON.stringify(f).replace(/"azure-prod"/g, '"gcp"'));
      Object.keys(f).forEach((k) => delete f[k]);
      Object.assign(f, renamed);
    });
    expect(problems).toContainEqual({ path: 'apps[prod-cert-manager].name', message: 'its Application on gcp would be "gcp-prod-cert-manager", already the Application of platform chart cert-manager on gcp-prod' });
  });

  test('an app named like a chart that is not on its clusters is accepted', () => {
    // grafana is a chart of the management cluster only; apps run on workload clusters.
    expect(withApp('grafana')).toEqual([]);
  });

  test('fails in synth before anything is written', () => {
    const out = path.join(tempDir(), 'dist');
    const f = fullFleet();
    f.apps.push({ name: 'cert-manager', namespace: 'myapp', source: { helm: { repoURL: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', version: '6.7.1' } } });
    expect(() => synth(f, { outDir: out, outputsDir: path.join(out, 'none'), cache: false })).toThrow(expect.objectContaining({ problems: expect.arrayContaining([expect.objectContaining({ path: 'apps[cert-manager].name' })]) }));
    expect(fs.existsSync(out)).toBe(false);
  });
});
