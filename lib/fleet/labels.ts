import { DNS1123_SUBDOMAIN as DNS_SUBDOMAIN } from './dns-names';
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
  return undefined;
}

/** Checks a label map; `required` keys must be present with a non-empty value. */
export function checkLabels(p: Problems, path: string, labels: unknown, opts: { required: string[] }): void {
  if (!isRecord(labels)) {
    p.add(path, 'must be an object of label key to value', labels, '{ env: "prod", team: "platform" }');
    return;
  }
  for (const key of opts.required) {
    if (!isNonEmptyString(labels[key])) p.add(`${path}.${key}`, `the "${key}" label is required`, labels[key], 'a non-empty label value');
  }
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) p.add(`${path}[${key}]`, keyProblem, key, 'a qualified name like "team" or "example.com/team"');
    // Kubernetes allows "", but an empty value cannot be told from a missing one in generated files.
    const valueProblem = value === '' ? 'label values must not be empty here' : labelValueProblem(value);
    if (valueProblem) p.add(`${path}.${key}`, valueProblem, value, '1-63 characters of [A-Za-z0-9-_.]');
  }
}

