import { argocdOidcProviderStackName } from './names';
import { asText } from './fleet-error';
import { Problems } from './problems';

/*
 * What Argo CD's cross-cloud access needs from the fleet. Any management cloud manages every cloud
 * (lib/fleet/argocd-access.ts); these are the inputs without which it truly cannot be built.
 */
export function checkArgoCdAccess(p: Problems, clusters: readonly Record<string, unknown>[]): void {
  const names = new Set(clusters.map((c) => c.name));
  for (const c of clusters) {
    const path = `clusters[${asText(c.name)}]`;
    // The roles Argo CD may assume are named exactly, `arn:aws:iam::<accountId>:role/<cluster>-argocd`, and the IAM OIDC
    // provider for the management issuer is created once per account (IAM: one provider per URL per account).
    if (c.role === 'workload' && c.cloud === 'aws' && c.accountId === undefined) {
      p.add(`${path}.accountId`, 'required for an EKS workload cluster: Argo CD\'s access names its account (the exact role ARN, and the one IAM OIDC provider per account)', c.accountId, 'the 12-digit AWS account id the cluster is created in');
    }
    // The workload identity pool id argocd-<cluster> is checked with every other cloud name (cloud-names.ts).
  }
  // The per-account OIDC provider stacks sit beside the cluster stacks: no cluster may take one of their names.
  for (const c of clusters) {
    if (c.cloud === 'aws' && typeof c.accountId === 'string' && names.has(argocdOidcProviderStackName(c.accountId))) {
      p.add(`clusters[${argocdOidcProviderStackName(c.accountId)}].name`, 'is the name of the stack that holds the IAM OIDC provider of an AWS account', argocdOidcProviderStackName(c.accountId), 'another cluster name');
    }
  }
}

