import type { FleetAddon } from '../addons/addon';
import { DOCUMENTATION_AWS_ACCOUNT_ID, egressAddressCount, argocdRegistration, argocdTrust, ClusterOutputs, EGRESS_CIDRS_OUTPUT, EKS_CONTROL_PLANE_ZONES_OUTPUT, ResolvedCluster, ResolvedFleet, StackOutputValues, trustedValue } from '../fleet';

const FAKE_CA = Buffer.from('-----BEGIN CERTIFICATE-----\nZmxlZXRzeW50aCBmYWtlIENB\n-----END CERTIFICATE-----\n').toString('base64');
/** The GCP project number fake outputs report. */
export const FAKE_GCP_PROJECT_NUMBER = '123456789012';

/** What a cluster's stack reports about the cluster itself, before any Argo CD access. */
function fakeClusterFacts(cluster: ResolvedCluster, index: number): ClusterOutputs {
  const id = (index + 1).toString(16).padStart(8, '0').toUpperCase();
  switch (cluster.cloud) {
    case 'aws':
      return {
        clusterName: cluster.name,
        endpoint: `https://${id}.gr7.${cluster.region}.eks.amazonaws.com`,
        caCertificate: FAKE_CA,
        oidcIssuer: `https://oidc.eks.${cluster.region}.amazonaws.com/id/${id}`,
        // Created with the fleet's zones.
        values: { [EKS_CONTROL_PLANE_ZONES_OUTPUT]: cluster.zones.join(',') },
      };
    case 'gcp':
      return {
        clusterName: cluster.name,
        // GKE's `endpoint` is the control plane's public address once it has one (RFC 5737 / RFC 2544 ranges here).
        endpoint: `https://${index < 254 ? `203.0.113.${index + 1}` : `198.19.${Math.floor(index / 256)}.${index % 256}`}`,
        caCertificate: FAKE_CA,
        oidcIssuer: `https://container.googleapis.com/v1/projects/${cluster.project}/locations/${cluster.region}/clusters/${cluster.name}`,
      };
    case 'azure':
      return {
        clusterName: cluster.name,
        endpoint: `https://${cluster.name}-${id.toLowerCase()}.hcp.${cluster.region}.azmk8s.io:443`,
        caCertificate: FAKE_CA,
        oidcIssuer: `https://${cluster.region}.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/${id.toLowerCase()}/`,
        tenantId: '00000000-0000-0000-0000-000000000000',
      };
  }
}

/**
 * A cluster's static egress addresses, as its stack outputs them (one per zone; one on AKS), from
 * the documentation ranges (RFC 5737) and then the benchmarking range (RFC 2544, 198.18.0.0/15),
 * distinct for every cluster of even a large fleet.
 */
function withEgress(facts: ClusterOutputs, cluster: ResolvedCluster, index: number): ClusterOutputs {
  const count = egressAddressCount(cluster);
  const addresses = Array.from({ length: count }, (_, z) => {
    const n = index * 8 + z + 1; // a region has at most 6 zones, so clusters never share one
    return n < 256 ? `198.51.100.${n}/32` : `198.18.${Math.floor(n / 256)}.${n % 256}/32`;
  });
  return { ...facts, values: { ...(facts.values ?? {}), [EGRESS_CIDRS_OUTPUT]: addresses } };
}

/**
 * The outputs given, completed with deterministic, well-formed fake ones for every cluster that has
 * none, as if its stack had been applied after the management cluster's outputs existed (so its
 * Argo CD access trusts what the model expects). For the convergence check's second run and the
 * testing kit; never written to dist/.
 */
export function completeOutputs(fleet: ResolvedFleet, outputs: ReadonlyMap<string, ClusterOutputs>): Map<string, ClusterOutputs> {
  const all = new Map(fleet.clusters.map((c, i) => [c.name, outputs.get(c.name) ?? withEgress(fakeClusterFacts(c, i), c, i)]));
  const management = fleet.clusters.find((c) => c.role === 'management')!;
  if (!outputs.has(management.name) && management.cloud === 'aws') {
    const own = all.get(management.name)!;
    all.set(management.name, { ...own, argocdControllerRoleArn: `arn:aws:iam::${management.accountId ?? '999988887777'}:role/${management.name}-argocd-controller` });
  }
  fleet.clusters.forEach((c, i) => {
    // A workload whose access is not in place (no outputs, or outputs from before the management
    // cluster's) is taken as applied again: its Argo CD access trusts what the model expects.
    if (c.role !== 'workload' || argocdRegistration(fleet, all, c).ready) return;
    const trust = argocdTrust(fleet, all, c);
    if ('waitingFor' in trust) return;
    const identity = {
      aws: `arn:aws:iam::${c.accountId ?? DOCUMENTATION_AWS_ACCOUNT_ID}:role/${c.name}-argocd`,
      gcp: `${c.name}-argocd@${c.project}.iam.gserviceaccount.com`,
      azure: `00000000-0000-0000-0000-${(i + 1).toString(16).padStart(12, '0')}`,
    }[c.cloud];
    all.set(c.name, { ...all.get(c.name)!, argocdIdentity: identity, argocdTrusts: trustedValue(trust), ...(c.cloud === 'gcp' ? { gcpProjectNumber: FAKE_GCP_PROJECT_NUMBER } : {}) });
  });
  return all;
}

/**
 * `completeOutputs`, plus each add-on's fake outputs (`FleetAddon.fakeOutputs`) wherever a value is
 * missing: every cluster's stack and every fleet-wide stack as if applied with every add-on on.
 */
export function completeFleetOutputs(fleet: ResolvedFleet, outputs: ReadonlyMap<string, ClusterOutputs>, stackOutputs: ReadonlyMap<string, StackOutputValues>, addons: readonly FleetAddon[]): { outputs: Map<string, ClusterOutputs>; stackOutputs: Map<string, StackOutputValues> } {
  const clusters = completeOutputs(fleet, outputs);
  const stacks = new Map(stackOutputs);
  const ctx = { fleet, outputs: clusters, stackOutputs: stacks, holdBack: () => undefined, problem: () => undefined };
  for (const addon of addons) {
    const fake = addon.fakeOutputs?.(ctx);
    for (const [name, values] of Object.entries(fake?.clusters ?? {})) {
      const own = clusters.get(name);
      if (own) clusters.set(name, { ...own, values: { ...values, ...(own.values ?? {}) } });
    }
    for (const [name, values] of Object.entries(fake?.stacks ?? {})) stacks.set(name, { ...values, ...(stacks.get(name) ?? {}) });
  }
  return { outputs: clusters, stackOutputs: stacks };
}
