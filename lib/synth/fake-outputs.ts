import { ClusterOutputs, ResolvedCluster, ResolvedFleet } from '../fleet';

const FAKE_CA = Buffer.from('-----BEGIN CERTIFICATE-----\nZmxlZXRzeW50aCBmYWtlIENB\n-----END CERTIFICATE-----\n').toString('base64');

/**
 * Deterministic, well-formed Terraform outputs for a cluster, as if its stack had been applied: for
 * checking what the fleet becomes once every cluster exists (the convergence check's second run,
 * and the testing kit). Never written to dist/ by synth.
 */
export function fakeClusterOutputs(cluster: ResolvedCluster, index: number): ClusterOutputs {
  const id = (index + 1).toString(16).padStart(8, '0').toUpperCase();
  const workload = cluster.role === 'workload';
  switch (cluster.cloud) {
    case 'aws':
      return {
        clusterName: cluster.name,
        endpoint: `https://${id}.gr7.${cluster.region}.eks.amazonaws.com`,
        caCertificate: FAKE_CA,
        oidcIssuer: `https://oidc.eks.${cluster.region}.amazonaws.com/id/${id}`,
        ...(workload ? { argocdIdentity: `arn:aws:iam::${cluster.accountId ?? '111122223333'}:role/${cluster.name}-argocd` } : {}),
      };
    case 'gcp':
      return {
        clusterName: cluster.name,
        endpoint: `https://10.255.${Math.floor(index / 250)}.${(index % 250) + 1}`,
        caCertificate: FAKE_CA,
        oidcIssuer: `https://container.googleapis.com/v1/projects/${cluster.project}/locations/${cluster.region}/clusters/${cluster.name}`,
        ...(workload ? { argocdIdentity: `${cluster.name}-argocd@${cluster.project}.iam.gserviceaccount.com` } : {}),
      };
    case 'azure':
      return {
        clusterName: cluster.name,
        endpoint: `https://${cluster.name}-${id.toLowerCase()}.hcp.${cluster.region}.azmk8s.io:443`,
        caCertificate: FAKE_CA,
        oidcIssuer: `https://${cluster.region}.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/${id.toLowerCase()}/`,
        tenantId: '00000000-0000-0000-0000-000000000000',
        ...(workload ? { argocdIdentity: `00000000-0000-0000-0000-${id.toLowerCase().padStart(12, '0')}` } : {}),
      };
  }
}

/** The outputs given, completed with fake ones for every cluster that has none. */
export function completeOutputs(fleet: ResolvedFleet, outputs: ReadonlyMap<string, ClusterOutputs>): Map<string, ClusterOutputs> {
  return new Map(fleet.clusters.map((c, i) => [c.name, outputs.get(c.name) ?? fakeClusterOutputs(c, i)]));
}
