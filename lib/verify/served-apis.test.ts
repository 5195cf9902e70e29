import * as fs from 'fs';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { FleetAddon } from '../addons';
import { CLOUD_CATALOG, FleetError } from '../fleet';
import { renderForTest } from '../testing';
import { testFleet } from '../../test/fleets';
import { EXTERNAL_SECRETS_CHART } from '../addons/secrets/external-secrets/external-secrets-chart';
import { CHART_UNSERVED, LISTED_API_VERSIONS, SERVED_APIS_REVIEWED_AGAINST, unservedApiProblems, unservedBecause } from './served-apis';

const MODELS = path.dirname(require.resolve('kubernetes-models/package.json', { paths: [__dirname] }));

/** Every top-level kind the kubernetes-models package serves, as `<apiVersion>/<Kind>` (its model files set both). */
function packageKinds(): string[] {
  const kinds: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== '_schemas') walk(file);
      else if (entry.name.endsWith('.js')) {
        const text = fs.readFileSync(file, 'utf8');
        const kind = /this\.kind="([A-Za-z]+)"/.exec(text)?.[1];
        const apiVersion = /this\.apiVersion="([^"]+)"/.exec(text)?.[1];
        if (kind && apiVersion && !kind.endsWith('List')) kinds.push(`${apiVersion}/${kind}`);
      }
    }
  };
  walk(MODELS);
  return kinds.sort();
}

describe('served API versions', () => {
  test('the table was read against the installed kubernetes-models: a bump means re-reading what each minor serves', () => {
    const installed = JSON.parse(fs.readFileSync(path.join(MODELS, 'package.json'), 'utf8')).version;
    expect(installed).toBe(SERVED_APIS_REVIEWED_AGAINST.version);
  });

  test('every non-GA API version the package holds is listed (none is served by default by a minor the catalog offers)', () => {
    const offered = [...new Set(Object.values(CLOUD_CATALOG).flatMap((c) => c.kubernetesVersions))];
    const nonGa = packageKinds().filter((k) => /\/v\d+(alpha|beta)\d+\/[A-Za-z]+$/.test(k));
    expect(nonGa.length).toBeGreaterThan(50);
    for (const key of nonGa) {
      const cut = key.lastIndexOf('/');
      expect([key, LISTED_API_VERSIONS.includes(key) || LISTED_API_VERSIONS.includes(key.slice(0, cut))]).toEqual([key, true]);
      for (const minor of offered) expect([key, minor, unservedBecause(key.slice(0, cut), key.slice(cut + 1), minor)]).toEqual([key, minor, expect.stringContaining('removed in')]);
    }
  });

  test('GA kinds newer than the catalog\'s oldest minor are served from their minor on', () => {
    expect(unservedBecause('resource.k8s.io/v1', 'ResourceClaimTemplate', '1.33')).toBe('resource.k8s.io/v1 ResourceClaimTemplate is not served by Kubernetes 1.33 (served from 1.34)');
    expect(unservedBecause('resource.k8s.io/v1', 'ResourceClaimTemplate', '1.34')).toBeUndefined();
    expect(unservedBecause('networking.k8s.io/v1', 'ServiceCIDR', '1.32')).toMatch(/served from 1\.33/);
    expect(unservedBecause('networking.k8s.io/v1', 'NetworkPolicy', '1.32')).toBeUndefined();
    expect(unservedBecause('storage.k8s.io/v1', 'VolumeAttributesClass', '1.33')).toMatch(/served from 1\.34/);
    expect(unservedBecause('admissionregistration.k8s.io/v1', 'MutatingAdmissionPolicy', '1.35')).toMatch(/served from 1\.36/);
    expect(unservedBecause('admissionregistration.k8s.io/v1', 'MutatingAdmissionPolicy', '1.36')).toBeUndefined();
    expect(unservedBecause('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy', '1.32')).toBeUndefined();
    expect(unservedBecause('policy/v1beta1', 'PodDisruptionBudget', '1.36')).toBe('policy/v1beta1 PodDisruptionBudget is not served by Kubernetes 1.36 (removed in 1.25: use policy/v1)');
    expect(unservedBecause('example.com/v1', 'Widget', '1.32')).toBeUndefined();
  });

  test('fails when an object\'s API version is not served by the minor of the cluster whose folder holds it', () => {
    const fleet = { clusters: [{ name: 'old', cloud: 'aws' as const, kubernetesVersion: '1.33' }, { name: 'new', cloud: 'gcp' as const, kubernetesVersion: '1.35' }] };
    const problems = unservedApiProblems(fleet, [
      { path: 'k8s/aws/old/gpu/resourceclaimtemplate.resource.k8s.io_x.yaml', objectKind: 'resource.k8s.io/v1/ResourceClaimTemplate' },
      { path: 'k8s/gcp/new/gpu/resourceclaimtemplate.resource.k8s.io_x.yaml', objects: [{ apiVersion: 'resource.k8s.io/v1', kind: 'ResourceClaimTemplate' }] },
      { path: 'k8s/gcp/new/default/poddisruptionbudget.policy_x.yaml', objects: [{ apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget' }] },
      { path: 'terraform/stacks/old/cdk.tf.json' },
    ]);
    expect(problems.map((p) => [p.path, p.given, p.allowed])).toEqual([
      ['k8s/aws/old/gpu/resourceclaimtemplate.resource.k8s.io_x.yaml: apiVersion', 'resource.k8s.io/v1', 'an API version Kubernetes 1.33 serves'],
      ['k8s/gcp/new/default/poddisruptionbudget.policy_x.yaml: apiVersion', 'policy/v1beta1', 'an API version Kubernetes 1.35 serves'],
    ]);
  });

  test('fails when an add-on emits an API version its cluster does not serve, though the schema package holds it; naming the add-on', () => {
    const base = testFleet();
    const fleet = { ...base, clusters: base.clusters.map((c) => (c.name === 't-aws' ? { ...c, kubernetesVersion: '1.33' } : c)) };
    const legacy: FleetAddon = {
      name: 'legacy',
      manifests(scope, { cluster }) {
        const spec = { spec: { devices: { requests: [{ name: 'gpu', exactly: { deviceClassName: 'gpu.example.com' } }] } } };
        if (cluster.name === 't-aws' || cluster.name === 't-gcp') new ApiObject(scope, 'claim', { apiVersion: 'resource.k8s.io/v1', kind: 'ResourceClaimTemplate', metadata: { name: 'gpu', namespace: 'default' }, spec });
        if (cluster.name === 't-azure') new ApiObject(scope, 'pdb', { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'x', namespace: 'default' }, spec: { minAvailable: 1 } });
      },
    };
    let error: unknown;
    try {
      renderForTest({ ...fleet, addons: [legacy] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FleetError);
    expect((error as FleetError).problems.map((p) => [p.path, p.message])).toEqual([
      ['k8s/aws/t-aws/default/resourceclaimtemplate.resource.k8s.io_gpu.yaml: apiVersion', "resource.k8s.io/v1 ResourceClaimTemplate is not served by Kubernetes 1.33 (served from 1.34): the API server has no such resource, and Argo CD's sync of it fails (add-on legacy)"],
      ['k8s/azure/t-azure/default/poddisruptionbudget.policy_x.yaml: apiVersion', "policy/v1beta1 PodDisruptionBudget is not served by Kubernetes 1.35 (removed in 1.25: use policy/v1): the API server has no such resource, and Argo CD's sync of it fails (add-on legacy)"],
    ]);
  });
});

describe('API versions the platform charts\' CRDs do not serve', () => {
  test('external-secrets.io/v1beta1 is refused on every minor: External Secrets 2.9.0 installs it with served: false', () => {
    expect(unservedBecause('external-secrets.io/v1beta1', 'ExternalSecret', '1.35')).toMatch(/not served by the CRDs of External Secrets 2\.9\.0.*use external-secrets\.io\/v1/);
    expect(unservedBecause('external-secrets.io/v1', 'ExternalSecret', '1.35')).toBeUndefined();
    const problems = unservedApiProblems({ clusters: [{ name: 't-aws', cloud: 'aws', kubernetesVersion: '1.35' }] }, [{ path: 'k8s/aws/t-aws/app/externalsecret.yaml', objectKind: 'external-secrets.io/v1beta1/ExternalSecret' }]);
    expect(problems.map((p) => p.path)).toEqual(['k8s/aws/t-aws/app/externalsecret.yaml: apiVersion']);
  });

  test('read for the pinned External Secrets chart', () => {
    expect(CHART_UNSERVED['external-secrets.io/v1beta1'].version).toBe(EXTERNAL_SECRETS_CHART.version);
  });
});
