/*
 * Name syntaxes. Kubernetes object names are DNS-1123 subdomains (≤ 253) or labels (≤ 63);
 * fleet names (clusters, pools, apps) must also start with a letter, because several clouds
 * (GKE clusters, GCP service accounts) refuse a leading digit.
 */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const LETTER_DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export function isDns1123Label(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && DNS1123_LABEL.test(value);
}

export function isDns1123Subdomain(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/**
 * A trust domain istiod accepts: every dot-separated part a DNS-1123 label, so at most 63 characters
 * (istio 1.30.3 pkg/config/validation/agent/validation.go ValidateTrustDomain, run on the mesh config
 * istiod starts with), at most 253 in all.
 */
export function isTrustDomain(value: unknown): value is string {
  return isDns1123Subdomain(value) && value.split('.').every((label) => label.length <= 63);
}
