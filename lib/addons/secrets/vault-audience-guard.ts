import { Problem, show } from '../../fleet';
import { isRecord } from '../../fleet/problems';
import { resolveVaultSettings, SecretsSettings } from './secrets-settings';
import { vaultAudience } from './vault-layout';

/** The `vault` stack's file in the output folder: there exactly while `platform.secrets` is on. */
export const VAULT_STACK_FILE = 'terraform/stacks/vault/cdk.tf.json';
/** The change this guard refuses, by name: the same as the core's mesh trust guard's (lib/synth/mesh-trust-guard.ts), under the same flag. */
export const MESH_TRUST_CHANGE = 'mesh-trust-change';
const FLAG = '--allow-mesh-trust-change';

/**
 * The audiences the previous `vault` stack binds its clusters' roles to, sorted; none without roles, or
 * when the file is not JSON (edited, or a merge left conflict markers in it): synth writes it anew, as
 * the other guards leave a previous file they cannot read to it.
 */
export function boundAudiences(vaultStack: string): string[] {
  let stack: unknown;
  try {
    stack = JSON.parse(vaultStack);
  } catch {
    return [];
  }
  const roles = isRecord(stack) && isRecord(stack.resource) && isRecord(stack.resource.vault_jwt_auth_backend_role) ? Object.values(stack.resource.vault_jwt_auth_backend_role) : [];
  const audiences = roles.flatMap((r) => (isRecord(r) && Array.isArray(r.bound_audiences) ? r.bound_audiences.filter((a): a is string => typeof a === 'string') : []));
  return [...new Set(audiences)].sort();
}

/**
 * A change of the audience the clusters' tokens carry, against the previous synth's `vault` stack.
 * Argo CD gives the ClusterSecretStores and the istio-ca Issuer the new audience within minutes, and
 * their tokens carry it (plus "vault" from External Secrets, v2.9.0 providers/v1/vault/auth_jwt.go;
 * plus `server` and `vault://istio-system/istio-ca` from cert-manager, v1.21.1 internal/vault/vault.go),
 * but the roles' `bound_audiences` change only when the pipeline applies the fleet-wide `vault`
 * stack, after the cluster stacks (terraform-provider-vault v5.6.0 vault/resource_jwt_auth_backend_role.go:
 * an in-place update; "any match is sufficient"). Meanwhile Vault refuses every login: no secret
 * syncs and istio-csr issues no certificate, so new pods get none. The audience follows the address
 * unless `vault.audience` is set, so moving Vault trips this too: keeping the old audience is the
 * way through (README, "Moving Vault"). An error unless `allowed`. `definition` is the fleet as
 * written (already validated); `previousVaultStack` the previous output's `vault` stack, if any.
 */
export function vaultAudienceChange(definition: unknown, previousVaultStack: string | undefined, allowed: boolean): Problem[] {
  if (allowed || previousVaultStack === undefined) return [];
  const secrets = isRecord(definition) && isRecord(definition.platform) ? definition.platform.secrets : undefined;
  if (!isRecord(secrets) || !isRecord(secrets.vault)) return [];
  const before = boundAudiences(previousVaultStack);
  const audience = vaultAudience(resolveVaultSettings(secrets as unknown as SecretsSettings));
  if (before.length === 0 || before.includes(audience)) return [];
  const set = secrets.vault.audience !== undefined;
  const old = before.length === 1 ? show(before[0]) : before.map(show).join(' or ');
  return [
    {
      path: `platform.secrets.vault.${set ? 'audience' : 'address'}`,
      message:
        `the previous synth's output binds the clusters' Vault roles to audience ${old} (${VAULT_STACK_FILE}, bound_audiences)` +
        (set ? '' : ', which follows the address unless vault.audience is set') +
        `: Argo CD gives the ClusterSecretStores and the istio-ca Issuer tokens for ${show(audience)} within minutes, while the roles accept them only once the pipeline applies the vault stack, after the cluster stacks; meanwhile Vault refuses every login, no ExternalSecret syncs and istio-csr issues no certificate (new pods get none)`,
      given: show(set ? audience : secrets.vault.address),
      allowed: `${set ? `${show(before[0])} as before` : `vault.audience: ${show(before[0])}, once the new address serves the same Vault (README, Secrets, "Moving Vault")`}; or change the audience as README, Secrets, "Changing the tokens' audience" describes and synth with ${FLAG}`,
    },
  ];
}
