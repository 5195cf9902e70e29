import { Problem } from '../fleet';
import { isCdktfNumberToken, PLACEHOLDER_TEXT } from '../fleet/placeholder-text';
// Where "" is a real value: the API group "" is the core group, in an RBAC rule (Kubernetes RBAC docs,
// "Role examples") and in an admission policy's resource rules (admissionregistration/v1 RuleWithOperations).
const EMPTY_ALLOWED = /(^|\.)(rules|resourceRules)\[\d+\]\.apiGroups\[\d+\]$/;

/**
 * Every value in a generated document that looks like a value nobody knew: `undefined`, `null`,
 * `NaN`, `[object Object]`, or an empty string. Paths read `metadata.labels[app.kubernetes.io/name]`.
 */
export function findPlaceholders(doc: unknown, file: string): Problem[] {
  const problems: Problem[] = [];
  const visit = (value: unknown, path: string): void => {
    if (value === undefined || value === null) {
      problems.push({ path: `${file}: ${path}`, message: 'placeholder value in generated output', given: String(value), allowed: 'a real value, or leave the field out' });
    } else if (typeof value === 'number' && !Number.isFinite(value)) {
      problems.push({ path: `${file}: ${path}`, message: 'placeholder value in generated output', given: String(value), allowed: 'a finite number' });
    } else if (typeof value === 'number' && isCdktfNumberToken(value)) {
      problems.push({ path: `${file}: ${path}`, message: 'an unresolved cdktf number token (Token.asNumber) in generated output', given: String(value), allowed: 'the number itself' });
    } else if (typeof value === 'string') {
      if ((value.trim() === '' && !(value === '' && EMPTY_ALLOWED.test(path))) || PLACEHOLDER_TEXT.test(value)) {
        problems.push({ path: `${file}: ${path}`, message: 'placeholder value in generated output', given: JSON.stringify(value), allowed: 'a real value, or leave the field out' });
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${path}[${i}]`));
    } else if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        visit(v, path === '' ? keyPath(k) : /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `${path}.${k}` : `${path}[${k}]`);
      }
    }
  };
  visit(doc, '');
  return problems;
}

function keyPath(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : `[${k}]`;
}
