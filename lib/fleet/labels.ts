import type { Cloud } from './cluster';
import { DNS1123_SUBDOMAIN as DNS_SUBDOMAIN } from './dns-names';
import { looksLikePlaceholder } from './placeholder-text';
import { isNonEmptyString, isRecord, Problems } from './problems';

// Kubernetes label syntax (apimachinery validation.IsQualifiedName / IsValidLabelValue).
const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Why `key` is not a valid label key, or undefined when it is. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return 'label key prefix must be a lowercase DNS subdomain of at most 253 characters';
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    return 'label key name must be 1-63 characters of letters, digits, "-", "_" or ".", starting and ending alphanumeric';
  }
  return undefined;
}

/** Why `value` is not a valid label value, or undefined when it is. */
export function labelValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'label value must be a string';
  if (value.length > 63 || (value.length > 0 && !NAME.test(value))) {
    return 'label value must be at most 63 characters of letters, digits, "-", "_" or ".", starting and ending alphanumeric';
  }
  // Valid for Kubernetes, but the output check refuses it as a value nobody knew: say so here, where it was written.
  if (looksLikePlaceholder(value)) return 'label value reads as a placeholder ("undefined", "null", "NaN") and would be refused in the generated files';
  return undefined;
}

/** The prefix of a label key (`example.com` of `example.com/team`), or undefined for an unprefixed key. */
function keyPrefix(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  return slash >= 0 ? key.slice(0, slash) : undefined;
}

const inNamespace = (prefix: string | undefined, domain: string) => prefix !== undefined && (prefix === domain || prefix.endsWith(`.${domain}`));

const AKS_LABEL_NAMESPACE = 'kubernetes.azure.com';
/**
 * GKE's label namespaces (Google's domains): GKE's API refuses a node pool that sets a label it manages there,
 * after terraform plan passed (the google provider checks no label key): `Error 400: Node labels with key
 * "cloud.google.com/compute-class" are managed by GKE or Kubernetes and must not be manually specified`
 * (hashicorp/terraform-provider-google#19677, GoogleCloudPlatform/magic-modules#11878), and the same for
 * "sandbox.gke.io/runtime", which GKE sets from the pool's sandbox configuration.
 */
const GKE_LABEL_NAMESPACES = ['cloud.google.com', 'gke.io'];

/**
 * Label namespaces the EKS managed node group API refuses in a group's label and taint keys, subdomains
 * included, node.kubernetes.io/ and kubelet.kubernetes.io/ too (which the kubelet takes): CreateNodegroup
 * and UpdateNodegroupConfig fail with "Label cannot contain reserved prefixes [kubernetes.io/, k8s.io/,
 * eks.amazonaws.com/]" (eksctl-io/eksctl#4007, `node-role.kubernetes.io/test`), "Taint cannot contain
 * reserved prefixes [kubernetes.io/, k8s.io/, eks.amazonaws.com/]" (aws/containers-roadmap#1451), after
 * terraform plan passed: the aws provider checks neither key's prefix (internal/service/eks/node_group.go:
 * labels a plain map, taint.key StringLenBetween(1, 63)). EKS writes eks.amazonaws.com/ labels itself.
 */
export const EKS_RESERVED_KEY_NAMESPACES: readonly string[] = ['kubernetes.io', 'k8s.io', 'eks.amazonaws.com'];

/** The namespace of EKS_RESERVED_KEY_NAMESPACES a label or taint key is in, or undefined. */
export function eksReservedKeyNamespace(key: string): string | undefined {
  const prefix = keyPrefix(key);
  return EKS_RESERVED_KEY_NAMESPACES.find((ns) => inNamespace(prefix, ns));
}

/** Why EKS refuses a node group's label or taint key of a reserved namespace, or undefined. */
export function eksReservedKeyProblem(key: string, what: 'label' | 'taint'): string | undefined {
  const ns = eksReservedKeyNamespace(key);
  return ns ? `the EKS API refuses node group ${what} keys in ${EKS_RESERVED_KEY_NAMESPACES.map((n) => `${n}/`).join(', ')} and their subdomains (this one is in ${ns}/): the apply would fail` : undefined;
}

/**
 * Why a node label key is refused, or undefined. The kubelet refuses to start with `--node-labels` in
 * the kubernetes.io and k8s.io namespaces other than node.kubernetes.io/ and kubelet.kubernetes.io/
 * (kubernetes/kubernetes pkg/kubelet/apis/well_known_labels.go, and the NodeRestriction admission
 * plugin): a node pool carrying one would never join. The well-known ones the kubelet sets itself.
 * On AKS, kubernetes.azure.com/ is AKS's own: its API refuses the pool ("Invalid node label key …
 * The 'kubernetes.azure.com' prefix is preserved by aks system labels", ams0/aks-nvme-ssd-provisioner#5;
 * MicrosoftDocs/azure-aks-docs articles/aks/use-labels.md, "Reserved prefixes"), after terraform plan
 * passed: azurerm checks no label key. The spot label AKS sets there the stack states itself.
 * On EKS, node.kubernetes.io/, kubelet.kubernetes.io/ and eks.amazonaws.com/ too (EKS_RESERVED_KEY_NAMESPACES).
 */
export function nodeLabelKeyProblem(key: string, cloud?: Cloud): string | undefined {
  const prefix = keyPrefix(key);
  if (cloud === 'azure' && prefix === AKS_LABEL_NAMESPACE) return `the ${AKS_LABEL_NAMESPACE}/ label namespace is reserved to AKS: its API refuses the node pool`;
  const gke = cloud === 'gcp' ? GKE_LABEL_NAMESPACES.find((ns) => inNamespace(prefix, ns)) : undefined;
  if (gke) return `the ${gke}/ label namespace is GKE's: its API refuses a node pool setting the labels GKE manages there ("must not be manually specified")`;
  if (cloud === 'aws') return eksReservedKeyProblem(key, 'label');
  if (!inNamespace(prefix, 'kubernetes.io') && !inNamespace(prefix, 'k8s.io')) return undefined;
  if (inNamespace(prefix, 'node.kubernetes.io') || inNamespace(prefix, 'kubelet.kubernetes.io')) return undefined;
  return 'the kubernetes.io and k8s.io label namespaces are reserved: the kubelet refuses them and the nodes would never join';
}

/** Label namespaces the cluster registration writes itself (fleetsynth.io/cloud, …, and Argo CD's secret-type): a cluster label there would be overwritten. */
export const REGISTRATION_LABEL_NAMESPACES: readonly string[] = ['fleetsynth.io', 'argocd.argoproj.io'];

/** Why a cluster label key is refused, or undefined: the registration's own namespaces are reserved. */
export function clusterLabelKeyProblem(key: string): string | undefined {
  const prefix = keyPrefix(key);
  const taken = REGISTRATION_LABEL_NAMESPACES.find((ns) => inNamespace(prefix, ns));
  return taken ? `the ${taken}/ label namespace is reserved: the Argo CD registration writes those labels itself and would overwrite this one` : undefined;
}

export interface CheckLabelsOptions {
  /** Keys that must be present with a non-empty value. */
  readonly required: string[];
  /** A further rule on keys (reserved namespaces): why the key is refused, or undefined. @default none */
  readonly reserved?: (key: string) => string | undefined;
}

/** Checks a label map; `required` keys must be present with a non-empty value. */
export function checkLabels(p: Problems, path: string, labels: unknown, opts: CheckLabelsOptions): void {
  if (!isRecord(labels)) {
    p.add(path, 'must be an object of label key to value', labels, '{ env: "prod", team: "platform" }');
    return;
  }
  for (const key of opts.required) {
    if (!isNonEmptyString(labels[key])) p.add(`${path}.${key}`, `the "${key}" label is required`, labels[key], 'a non-empty label value');
  }
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = labelKeyProblem(key);
    const reservedProblem = keyProblem ? undefined : opts.reserved?.(key);
    if (keyProblem) p.add(`${path}[${key === '' ? '""' : key}]`, keyProblem, key, 'a qualified name like "team" or "example.com/team"');
    if (reservedProblem) p.add(`${path}[${key === '' ? '""' : key}]`, reservedProblem, key, 'a key in your own namespace, e.g. "example.com/team", or unprefixed');
    // Kubernetes allows "", but an empty value cannot be told from a missing one in generated files.
    const valueProblem = value === '' ? 'label values must not be empty here' : labelValueProblem(value);
    if (valueProblem) p.add(`${path}.${key}`, valueProblem, value, '1-63 characters of [A-Za-z0-9-_.]');
  }
}

