import { REGISTRATION_LABEL, resolveFleet } from '../fleet';
import { fullFleet } from '../../test/fleet-fixture';
import { renderedFileScope } from './cluster-selection';

// The full test fleet (acme-platform): management cluster mgmt (aws), workloads aws-prod, gcp-prod, azure-prod.
const fleet = resolveFleet(fullFleet());
const ARGOCD = 'k8s/aws/mgmt/argocd';

/** A rendered file whose `objects` may not be read (it would keep the parsed object with the file), with its object's JSON. */
function renderedFile(path: string, object: unknown) {
  return {
    path,
    objectJson: JSON.stringify(object),
    get objects(): never {
      throw new Error(`objects of ${path} read`);
    },
  };
}

describe('renderedFileScope', () => {
  test('a file told by its folder or stack: its object is not read', () => {
    expect(renderedFileScope(fleet, renderedFile('k8s/gcp/gcp-prod/istio-system/service_istiod.yaml', { kind: 'Service' }))).toBe('gcp-prod');
    expect(renderedFileScope(fleet, renderedFile('k8s/aws/mgmt/istio-system/service_istiod.yaml', { kind: 'Service' }))).toBe('mgmt');
  });

  test('an Argo CD object of the management cluster: its owner from its JSON, not from the memoized objects', () => {
    const secret = { kind: 'Secret', metadata: { labels: { 'argocd.argoproj.io/secret-type': 'cluster', [REGISTRATION_LABEL.cluster]: 'azure-prod' } } };
    expect(renderedFileScope(fleet, renderedFile(`${ARGOCD}/secret_cluster-azure-prod.yaml`, secret))).toBe('azure-prod');
    const app = { kind: 'Application', spec: { destination: { name: 'gcp-prod' } } };
    expect(renderedFileScope(fleet, renderedFile(`${ARGOCD}/application.argoproj.io_x.yaml`, app))).toBe('gcp-prod');
    expect(renderedFileScope(fleet, renderedFile(`${ARGOCD}/appproject.argoproj.io_x.yaml`, { kind: 'AppProject' }))).toBeUndefined();
  });

  test('a file with objects and no JSON (a test kit\'s, a carried file) is read through its objects', () => {
    const app = { kind: 'Application', spec: { destination: { server: 'https://kubernetes.default.svc' } } };
    expect(renderedFileScope(fleet, { path: `${ARGOCD}/application.argoproj.io_y.yaml`, objects: [app] })).toBe('mgmt');
  });
});
