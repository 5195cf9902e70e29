import type { ITerraformDependable } from '../../infra/cdktf';

/** What a resource built by oneAfterAnother spreads into its config: its dependency on the one before. */
export interface After {
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Builds `count` resources of a link so that each depends on the one before: Terraform completes
 * every action on a dependency before acting on what depends on it (developer.hashicorp.com/terraform/
 * language/meta-arguments/depends_on), so an in-place change of all of them (new tunnel options, a
 * new IPsec policy, each of which renegotiates its tunnels) reaches them one at a time rather than all
 * at once. "Complete" is the provider's word, not the tunnels': the aws provider returns once EC2 has
 * the connection `available` again (terraform-provider-aws WaitVPNConnectionUpdated), before the
 * replaced tunnel has renegotiated, so neighbours' renegotiations can still overlap. Creating them
 * takes longer for it: each waits for the one before (an AWS VPN connection: until `available`).
 */
export function oneAfterAnother<T extends ITerraformDependable>(count: number, build: (k: number, after: After) => T): T[] {
  const built: T[] = [];
  for (let k = 0; k < count; k++) built.push(build(k, k === 0 ? {} : { dependsOn: [built[k - 1]] }));
  return built;
}
