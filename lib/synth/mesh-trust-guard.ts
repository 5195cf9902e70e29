import { Problem, ResolvedFleet, show } from '../fleet';
import { OutputIndex } from './output-index';
import { PreviousIstiod } from './previous-istiod';
import { stackFilePath } from './stack-path';

/** The change this guard refuses, by name (`--allow-change mesh-trust-change`), and its own flag. */
export const MESH_TRUST_CHANGE = 'mesh-trust-change';
const FLAG = '--allow-mesh-trust-change';
/** The secrets service's stack (lib/addons/secrets): in an output exactly while `platform.secrets` was on. A name, not an import: the core works without that folder. */
const VAULT_STACK_FILE = stackFilePath('vault');

/** The mesh identity a previous synth gave istiod: the first istiod Application of its output that names a trust domain. */
function previousMesh(istiods: readonly PreviousIstiod[]): { file: string; trustDomain: string; meshID?: string } | undefined {
  const istiod = istiods.find((i) => i.trustDomain !== undefined);
  return istiod ? { file: istiod.file, trustDomain: istiod.trustDomain!, ...(istiod.meshID !== undefined ? { meshID: istiod.meshID } : {}) } : undefined;
}

/**
 * Changes to the mesh's trust that a running fleet does not survive as a plain push, against the
 * previous synth's output (its index, and its istiod Applications: previous-istiod.ts):
 * - `platform.secrets` added while the output's istiods are their clusters' CAs: each hands the CA to
 *   istio-csr (ENABLE_CA_SERVER=false), and running pods, whose proxies ask istiod (CA_ADDR) and trust its
 *   root, neither renew nor talk to pods started afterwards until they restart. Only istiods of clusters
 *   that exist: a `pending` cluster (no Terraform outputs) runs no pod, and a fleet never applied has
 *   the management cluster's istiod Application all the same.
 * - `platform.secrets` removed while the output had the `vault` stack: Argo CD prunes External
 *   Secrets' objects, whose finalizers only a running ESO controller removes, beside ESO itself
 *   (their Applications' syncs can hang for good), and every istiod becomes its own CA.
 * - `mesh.trustDomain` changed: istio-csr (or istiod) signs only the new domain's identities, and
 *   clients reject the old domain's certificates unless it is an alias (istio pkg/spiffe/spiffe.go
 *   ExpandWithTrustDomains).
 * - `mesh.meshID` changed with `platform.secrets` on: the mesh's root CA in Vault is named after
 *   it, and a new name replaces the root (terraform-provider-vault
 *   vault/resource_pki_secret_backend_root_cert.go: `common_name` is ForceNew): a new mesh.
 * Each is an error unless `allowed`, after the README's procedure. Where the istiods judged are all of
 * `pending` clusters (no Terraform outputs), the way out also says that a fleet never applied needs the
 * flag alone. It stays a refusal: a missing outputs file does not prove that nothing runs (one deleted
 * or lost on a running cluster would let the change through unseen).
 */
export function meshTrustChanges(fleet: ResolvedFleet, secrets: boolean, previous: OutputIndex | undefined, istiods: readonly PreviousIstiod[], allowed: boolean, pending: readonly string[]): Problem[] {
  if (!previous || allowed) return [];
  const problems: Problem[] = [];
  const hadVault = VAULT_STACK_FILE in previous.files;
  if (hadVault && !secrets) {
    problems.push({
      path: 'platform.secrets',
      message: `the previous synth's output has it (${VAULT_STACK_FILE}): removing it prunes External Secrets' ExternalSecrets, PushSecrets and ClusterSecretStores, whose finalizers only a running External Secrets controller removes, while ESO goes too (their Applications' syncs can hang for good); and every istiod becomes its own CA, with a root of its own: mTLS fails between pods started before and after, and across clusters, whose remote secrets go`,
      given: 'nothing',
      allowed: `platform.secrets as before; or take the mesh off Vault first (README, Secrets, "Turning platform.secrets off") and synth with ${FLAG}`,
    });
  }
  // istiod its cluster's CA before (no caAddress), istio-csr's CA now: the proxies of running pods ask istiod
  // (their CA_ADDR, set at injection) while it signs no more (ENABLE_CA_SERVER=false), and their root is not Vault's.
  const ownCa = secrets ? istiods.find((i) => i.trustDomain !== undefined && i.caAddress === undefined) : undefined;
  const neverApplied = (clusters: readonly string[]) =>
    clusters.every((c) => pending.includes(c))
      ? `; ${[...new Set(clusters)].join(', ')} ${clusters.length === 1 ? 'has' : 'have'} no Terraform outputs: if never applied, nothing runs there yet and ${FLAG} alone is enough (if the outputs file was only lost, pods run: follow the procedure)`
      : '';
  if (ownCa) {
    problems.push({
      path: 'platform.secrets',
      message: `the previous synth's output has istiod as its cluster's CA (${ownCa.file}: no global.caAddress): once istio-csr is healthy each istiod hands the CA over to it and Vault, and pods started afterwards hold certificates from Vault's root and trust only it, while pods started before hold istiod's and trust only that, and ask istiod to renew, which signs no more: under the mesh-wide STRICT mTLS the two cannot talk, and the old ones lose their certificates within 24 hours, until every pod has restarted`,
      given: '{ vault: … }',
      allowed: `nothing, as before; or turn it on as README, Secrets, "Turning platform.secrets on in a running fleet" describes and synth with ${FLAG}${neverApplied(istiods.filter((i) => i.trustDomain !== undefined && i.caAddress === undefined).map((i) => i.cluster))}`,
    });
  }
  const before = previousMesh(istiods);
  if (!before) return problems;
  const unapplied = neverApplied(istiods.filter((i) => i.trustDomain !== undefined).map((i) => i.cluster));
  const { trustDomain, meshID } = fleet.mesh;
  if (before.trustDomain !== trustDomain) {
    problems.push({
      path: 'mesh.trustDomain',
      message: `the previous synth's output uses trust domain ${show(before.trustDomain)} (${before.file}): the mesh's CA would sign only the new domain's identities, so running pods cannot renew their certificates, and clients reject servers whose certificates carry the old domain, unless it is in mesh.trustDomainAliases`,
      given: show(trustDomain),
      allowed: `${show(before.trustDomain)} as before; or migrate with mesh.trustDomainAliases (README, Secrets, "Changing the trust domain or the mesh ID") and synth with ${FLAG}${unapplied}`,
    });
  }
  if (secrets && hadVault && before.meshID !== undefined && before.meshID !== meshID) {
    problems.push({
      path: 'mesh.meshID',
      message: `the previous synth's output uses mesh ID ${show(before.meshID)} (${before.file}), which names the mesh's root CA in Vault ("${before.meshID} root CA", stack vault): a new name replaces the root CA and every intermediate, so every certificate chains to a new root: a new mesh`,
      given: show(meshID),
      allowed: `${show(before.meshID)} as before; or move to a new mesh (README, Secrets, "Changing the trust domain or the mesh ID") and synth with ${FLAG}`,
    });
  }
  return problems;
}
