import { parse } from 'yaml';
import { renderWithAddons, testFleet } from '../../../test/fleets';
import { AKS_ENFORCER_SELECTOR_PATH, aksAdmissionsEnforcerValues } from './aks-admissions-enforcer';

const KEYS = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'].map((kind) => `resource.customizations.ignoreDifferences.admissionregistration.k8s.io_${kind}`);

describe('the AKS admissions enforcer\'s webhook selectors', () => {
  test('a fleet with an AKS cluster: Argo CD ignores, in both kinds of webhook configuration, the expressions the enforcer adds', () => {
    const cm = (aksAdmissionsEnforcerValues(['aws', 'azure']) as { configs: { cm: Record<string, string> } }).configs.cm;
    expect(Object.keys(cm).sort()).toEqual(KEYS);
    for (const key of KEYS) expect(parse(cm[key])).toEqual({ jqPathExpressions: [AKS_ENFORCER_SELECTOR_PATH] });
  });

  test('only those three expressions, by key, operator and values: a chart\'s own selector stays compared', () => {
    // Argo CD deletes what the path selects (gojq `del(<path>)`, argo-cd v3.4.4 util/argo/normalizers/diff_normalizer.go).
    expect(AKS_ENFORCER_SELECTOR_PATH).toBe('.webhooks[]?.namespaceSelector.matchExpressions[]? | select('
      + '(.key == "control-plane" and .operator == "DoesNotExist")'
      + ' or (.key == "control-plane" and .operator == "NotIn" and .values == ["true"])'
      + ' or (.key == "kubernetes.azure.com/managedby" and .operator == "NotIn" and .values == ["aks"]))');
  });

  test('a fleet without AKS clusters: nothing', () => {
    expect(aksAdmissionsEnforcerValues(['aws', 'gcp'])).toEqual({});
  });
});

describe('Argo CD on the management cluster', () => {
  test('a fleet with an AKS cluster installs Argo CD with the customization (its own Application\'s values, which the bootstrap installs too)', () => {
    // GIVEN testFleet(), whose workload clusters include t-azure
    const { files } = renderWithAddons(testFleet());
    // WHEN Argo CD's own Application is read
    const path = Object.keys(files).find((p) => p.endsWith('/argocd/application.argoproj.io_argocd.yaml'));
    const cm = parse(files[path!]).spec.source.helm.valuesObject.configs.cm;
    // THEN both webhook configuration kinds carry it
    for (const key of KEYS) expect(parse(cm[key])).toEqual({ jqPathExpressions: [AKS_ENFORCER_SELECTOR_PATH] });
  });
});
