import { App, Chart, Testing } from 'cdk8s';
import { evaluateCel } from '../../../test/cel';
import { SIDECAR_REQUIRED_EXPRESSION, SIDECAR_REQUIRED_LABEL, SidecarRequiredPolicy } from './sidecar-required-policy';

const pod = (metadata: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop', ...metadata }, spec: { containers: [{ name: 'app', image: 'app' }], ...spec } });

describe('SidecarRequiredPolicy', () => {
  test('refuses a pod the injector has not processed; admits an injected one and the ones Istio leaves alone', () => {
    const cases: [string, unknown, boolean][] = [
      ['injected (the injector\'s status annotation)', pod({ annotations: { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' } }), true],
      ['created before istiod: no annotations at all', pod({}), false],
      ['created before istiod: other annotations and labels', pod({ annotations: { 'prometheus.io/scrape': 'true' }, labels: { app: 'shop' } }), false],
      ['opted out by label', pod({ labels: { 'sidecar.istio.io/inject': 'false' } }), true],
      ['opted out by the older annotation', pod({ annotations: { 'sidecar.istio.io/inject': 'false' } }), true],
      ['label asking for injection, not injected', pod({ labels: { 'sidecar.istio.io/inject': 'true' } }), false],
      ['host network (never injected)', pod({}, { hostNetwork: true }), true],
      ['host network off', pod({}, { hostNetwork: false }), false],
    ];
    const results = evaluateCel(SIDECAR_REQUIRED_EXPRESSION, cases.map(([, p]) => p));
    expect(results.map((r, i) => [cases[i][0], r])).toEqual(cases.map(([name, , admitted]) => [name, { value: admitted }]));
  });

  test('a v1 policy on pod creation only, bound with Deny to the namespaces labelled for it', () => {
    const chart = new Chart(new App(), 'c');
    new SidecarRequiredPolicy(chart, 'p');
    const [policy, binding] = Testing.synth(chart);
    expect(policy).toMatchObject({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', spec: { failurePolicy: 'Fail', matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }] } } });
    expect(policy.spec.validations).toEqual([expect.objectContaining({ expression: SIDECAR_REQUIRED_EXPRESSION, reason: 'Forbidden' })]);
    expect(binding).toMatchObject({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', spec: { policyName: policy.metadata.name, validationActions: ['Deny'], matchResources: { namespaceSelector: { matchLabels: { [SIDECAR_REQUIRED_LABEL]: 'true' } } } } });
  });
});
