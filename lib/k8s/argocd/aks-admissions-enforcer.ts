import { Cloud, HelmValues } from '../../fleet';

/*
 * AKS's admissions enforcer adds namespace-selector expressions to every webhook configuration of an AKS
 * cluster, so that no webhook acts on kube-system or AKS's own namespaces (MicrosoftDocs/azure-aks-docs
 * articles/aks/faq.yml, "Can admission controller webhooks impact kube-system and internal AKS
 * namespaces?"): `control-plane DoesNotExist` (Azure/AKS#1771; on Istio's istio-sidecar-injector:
 * Azure/kubeflow-aks#18), and now `control-plane NotIn ["true"]` with `kubernetes.azure.com/managedby NotIn
 * ["aks"]` (Kong/kong-operator#239; DataDog/datadog-agent#55778). `matchExpressions` is an atomic list, so
 * Argo CD's diff of istiod's, cert-manager's and external-secrets' webhook configurations against their
 * charts never came out even: those Applications stayed OutOfSync, and self-heal re-applied them without
 * end (cert-manager/cert-manager#4116, SeldonIO/seldon-core#2392; the charts give no way to render the
 * expressions). Argo CD ignores exactly those expressions, as a system-level diff customization
 * (argo-cd v3.4.4 docs/user-guide/diffing.md, "System-Level Configuration"): any other change to a
 * webhook's selector is still a difference. The `admissions.enforcer/disabled` annotation is not used:
 * it would let the webhooks act on kube-system, which the enforcer is there to prevent.
 */
const ENFORCER_EXPRESSIONS = [
  '.key == "control-plane" and .operator == "DoesNotExist"',
  '.key == "control-plane" and .operator == "NotIn" and .values == ["true"]',
  '.key == "kubernetes.azure.com/managedby" and .operator == "NotIn" and .values == ["aks"]',
];

/** The jq path of the expressions the enforcer adds, in any webhook of a configuration. */
export const AKS_ENFORCER_SELECTOR_PATH = `.webhooks[]?.namespaceSelector.matchExpressions[]? | select(${ENFORCER_EXPRESSIONS.map((e) => `(${e})`).join(' or ')})`;

const WEBHOOK_CONFIGURATION_KINDS = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'] as const;

/** Argo CD's values that ignore the AKS admissions enforcer's expressions; none for a fleet without AKS clusters. */
export function aksAdmissionsEnforcerValues(clouds: readonly Cloud[]): HelmValues {
  if (!clouds.includes('azure')) return {};
  const customization = `jqPathExpressions:\n- '${AKS_ENFORCER_SELECTOR_PATH}'\n`;
  const cm = Object.fromEntries(WEBHOOK_CONFIGURATION_KINDS.map((kind) => [`resource.customizations.ignoreDifferences.admissionregistration.k8s.io_${kind}`, customization]));
  return { configs: { cm } };
}
