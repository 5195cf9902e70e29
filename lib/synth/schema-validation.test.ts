import { schemaProblems, startSchemaCheck, USUAL_KINDS } from './schema-validation';

const app = () => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'x', namespace: 'argocd' },
  spec: {
    project: 'p',
    source: { repoURL: 'https://r', targetRevision: 'main', path: 'a', helm: { valuesObject: { anything: { goes: ['here'] } } } },
    destination: { name: 'c', namespace: 'n' },
    syncPolicy: { automated: { prune: true, selfHeal: true } },
  },
});
const dr = () => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'api', namespace: 'istio-system' },
  spec: { host: 'api.example.com', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } },
});
const check = (object: any) => schemaProblems([{ file: 'f.yaml', object }]);

describe('upstream schema validation (kubernetes-models, strict)', () => {
  test('passes valid objects, free-form Helm values included', () => {
    expect(check(app())).toEqual([]);
    expect(check(dr())).toEqual([]);
    expect(check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' }, data: { a: 'b' } })).toEqual([]);
  });

  test('checks any top-level kind the packages serve, found through its model file, not a fixed list', () => {
    const policy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'n' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } };
    expect(check(policy)).toEqual([]);
    expect(check({ ...policy, spec: { ...policy.spec, podSelecter: {} } }).map((p) => p.path)).toEqual(['f.yaml: spec.podSelecter']);
    // A nested type of the package is not a kind: DeploymentSpec has a schema but no model file.
    expect(check({ apiVersion: 'apps/v1', kind: 'DeploymentSpec', metadata: { name: 'x' } })[0].message).toContain('no upstream schema');
    // The apiVersion must be the one the kind is served at.
    expect(check({ ...policy, apiVersion: 'networking.k8s.io/v1beta1' })[0].message).toContain('no upstream schema');
  });

  test('fails when a field has the wrong type, naming file, object and field', () => {
    const o = app();
    (o.spec.syncPolicy.automated as any).prune = 'yes';
    expect(check(o)).toEqual([expect.objectContaining({ path: 'f.yaml: spec.syncPolicy.automated.prune', message: 'Application argocd/x: must be of type boolean', given: '"yes"' })]);
  });

  test('fails when a required field is missing', () => {
    const o = app();
    delete (o.spec as any).destination;
    expect(check(o).map((p) => p.path)).toContain('f.yaml: spec.destination');
  });

  test('fails when an enum value is not allowed', () => {
    const o = dr();
    (o.spec.trafficPolicy.tls as any).mode = 'MUTUAL_TLS';
    expect(check(o)).toEqual([expect.objectContaining({ path: 'f.yaml: spec.trafficPolicy.tls.mode', message: 'DestinationRule istio-system/api: not an allowed value' })]);
  });

  test('fails when a field is unknown (strict mode), at any depth', () => {
    const o = app();
    (o.spec.syncPolicy as any).syncOption = ['CreateNamespace=true'];
    (o.spec.destination as any).cluster = 'c';
    expect(check(o).map((p) => p.path).sort()).toEqual(['f.yaml: spec.destination.cluster', 'f.yaml: spec.syncPolicy.syncOption']);
  });

  test('fails when every key of an object is undeclared (not mistaken for a free-form object)', () => {
    const policy = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'n' }, spec: { podSelecter: { matchLabels: { a: 'b' } } } };
    expect(check(policy).map((p) => p.path)).toEqual(['f.yaml: spec.podSelecter']);
    // ... while Helm values stay free-form.
    expect(check(app())).toEqual([]);
  });

  test('fails when a kind has no upstream schema here', () => {
    expect(check({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })[0]).toMatchObject({ path: 'f.yaml', message: 'Widget w: no upstream schema for example.com/v1/Widget' });
  });

  test('a started check answers later, while this thread works; a check nobody waited for never answers for the next one', () => {
    const bad = app();
    (bad.spec as any).destination = { name: 7 };
    const first = startSchemaCheck([{ file: 'bad.yaml', object: bad }]);
    // never waited for: the next check must still get its own answer, not this one's
    void first;
    const second = startSchemaCheck([{ file: 'good.yaml', object: app() }]);
    const third = startSchemaCheck([{ file: 'also-bad.yaml', object: bad }]);
    expect(third().map((p) => p.path)).toEqual(['also-bad.yaml: spec.destination.name']);
    expect(second()).toEqual([]);
    // and an answer read twice is the same answer
    expect(third().map((p) => p.path)).toEqual(['also-bad.yaml: spec.destination.name']);
  });
});

describe('USUAL_KINDS (what a cold synth loads ahead)', () => {
  test.each(USUAL_KINDS.map((k) => [k]))('%s is a kind the schema packages serve', (key) => {
    const at = key.lastIndexOf('/');
    const problems = check({ apiVersion: key.slice(0, at), kind: key.slice(at + 1), metadata: { name: 'x', namespace: 'n' } });
    expect(problems.filter((p) => /no upstream schema/.test(p.message))).toEqual([]);
  });
});
