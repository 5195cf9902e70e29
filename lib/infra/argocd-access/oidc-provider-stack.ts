import { Construct } from 'constructs';
import { ArgoCdOidcProviderStack, argocdOidcProviderStacks, ClusterOutputs, managementOf, ResolvedFleet } from '../../fleet';
import { addStateBackend } from '../backend';
import { TerraformStack } from '../cdktf';
import { requireTerraformVersion } from '../cluster-stack';
import { AwsProvider } from '../providers/aws';
import { AwsArgoCdOidcProvider } from './aws';

/**
 * The stacks `argocd-oidc-<account>` of a fleet whose management cluster is not on EKS: in each AWS
 * account of an EKS workload cluster, the IAM OIDC provider for the management cluster's issuer.
 * Left out (held back, `argocdAccessHeldBack`) until the management cluster's outputs exist.
 * Apply order: the management stack, these, then the EKS workload stacks of the account.
 */
export function argocdOidcProviderStacksOf(scope: Construct, fleet: ResolvedFleet, outputs: ReadonlyMap<string, ClusterOutputs>): TerraformStack[] {
  const issuer = outputs.get(managementOf(fleet).name)?.oidcIssuer;
  if (!issuer) return [];
  return argocdOidcProviderStacks(fleet).map((spec) => argocdOidcProviderStack(scope, fleet, spec, issuer));
}

function argocdOidcProviderStack(scope: Construct, fleet: ResolvedFleet, spec: ArgoCdOidcProviderStack, issuer: string): TerraformStack {
  const stack = new TerraformStack(scope, spec.name);
  addStateBackend(stack, fleet.stateBackend, spec.name);
  requireTerraformVersion(stack);
  const tags = { managed_by: 'fleetsynth', fleet: fleet.name };
  new AwsProvider(stack, 'aws', { region: spec.region, defaultTags: [{ tags }], allowedAccountIds: [spec.accountId] });
  new AwsArgoCdOidcProvider(stack, 'argocd-oidc', { issuer });
  return stack;
}
