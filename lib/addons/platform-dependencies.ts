import { asText, Problem } from '../fleet';
import { isRecord, itemPath, listItems } from '../fleet/problems';

/*
 * What one part of the fleet needs of a platform service it does not configure itself: checked
 * here, beside the registry, once every add-on has checked its own settings (each add-on validates
 * only its own). Read from the fleet as written, defensively: it is not validated yet.
 *
 * Cross-cluster mesh traffic needs `platform.secrets`. A client's sidecar reaches another cluster's
 * pods only through endpoints its istiod discovered, and istiod discovers another cluster's
 * endpoints only through a remote secret for it (istio pkg/kube/multicluster/secretcontroller.go
 * watches Secrets labelled `istio/multiCluster`), which the secrets service alone writes
 * (lib/addons/secrets/mesh-trust/istio-remote-secret.ts); it alone opens each API server to the
 * peers' istiods (`apiClients`), and gives every cluster's CA one root (without it each istiod
 * signs with a root of its own, which no other cluster trusts). A Service of the mesh without it
 * resolves, but its other clusters' copies are no endpoints: requests get no healthy upstream.
 *
 * Argo CD's OIDC client secret (`argoCd.oidc.clientSecret`) needs it too: only External Secrets, which it
 * installs, copies the secret from Vault into the Secret `oidc.config` names (secrets/argocd-oidc-secret.ts).
 */

/** Problems with what the fleet's parts need of each other's platform services. */
export function platformDependencyProblems(fleet: Readonly<Record<string, unknown>>): Problem[] {
  const platform = isRecord(fleet.platform) ? fleet.platform : {};
  const on = (service: string) => platform[service] !== undefined && platform[service] !== false;
  if (on('secrets')) return [];
  const problems: Problem[] = [];
  const workloads = (Array.isArray(fleet.clusters) ? fleet.clusters : []).filter((c) => isRecord(c) && c.role === 'workload').map((c) => asText((c as Record<string, unknown>).name)).sort();
  const observability = platform.observability;
  if (on('observability') && isRecord(observability) && workloads.length > 0) {
    const shipped = [observability.metrics !== false ? 'metrics' : '', observability.logs !== false ? 'logs' : ''].filter(Boolean);
    if (shipped.length > 0) {
      problems.push({
        path: 'platform.observability',
        message: `the workload clusters' ${shipped.join(' and ')} (${workloads.join(', ')}) reach Mimir and Loki on the management cluster through the mesh, whose endpoints across clusters istiod discovers only through the remote secrets platform.secrets writes (and whose mTLS across clusters needs its one root): without it they never arrive`,
        given: `${shipped.join(' and ')} on, without platform.secrets`,
        allowed: `platform.secrets (see README, Secrets), or ${shipped.map((s) => `${s}: false`).join(' and ')}`,
      });
    }
  }
  const argoCd = isRecord(fleet.argoCd) ? fleet.argoCd : {};
  if (isRecord(argoCd.oidc) && argoCd.oidc.clientSecret !== undefined) {
    problems.push({
      path: 'argoCd.oidc.clientSecret',
      message: 'is read from Vault by External Secrets, which platform.secrets installs: without it no Secret holds the client secret, and no one can sign in',
      given: 'a client secret in Vault, without platform.secrets',
      allowed: 'platform.secrets (see README, Secrets), or no clientSecret and enablePKCE: true (a public client)',
    });
  }
  const services = Array.isArray(fleet.meshServices) ? fleet.meshServices : [];
  for (const { item: s, index, present } of listItems(services)) {
    if (!present || !isRecord(s) || s.namespace === undefined) continue;
    problems.push({
      path: itemPath('meshServices', s, index),
      message: 'a Service of the mesh is reached in its other clusters, and fails over to them, only through endpoints istiod discovers through the remote secrets platform.secrets writes (and with mTLS that needs its one root): without it clients see only the copies in their own cluster, and none where it does not run',
      given: `namespace ${JSON.stringify(s.namespace)}, without platform.secrets`,
      allowed: 'platform.secrets (see README, Secrets); or, for a service outside the mesh, host and endpoints (Envoy dials those directly)',
    });
  }
  return problems;
}
