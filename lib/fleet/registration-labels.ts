import { Cluster } from './cluster';
import { networkName } from './names';

/**
 * Labels every workload cluster's Argo CD registration carries: its fleet labels (env, team, …)
 * plus these. ApplicationSet cluster generators and `apps[].clusters.matchLabels` select on them.
 */
export const REGISTRATION_LABEL = {
  cloud: 'fleetsynth.io/cloud',
  region: 'fleetsynth.io/region',
  network: 'fleetsynth.io/network',
  cluster: 'fleetsynth.io/cluster',
} as const;

export function registrationLabels(cluster: Pick<Cluster, 'name' | 'cloud' | 'region'> & { readonly labels?: Readonly<Record<string, string>> }): Record<string, string> {
  return {
    ...(cluster.labels ?? {}),
    [REGISTRATION_LABEL.cloud]: cluster.cloud,
    [REGISTRATION_LABEL.region]: cluster.region,
    [REGISTRATION_LABEL.network]: networkName(cluster),
    [REGISTRATION_LABEL.cluster]: cluster.name,
  };
}

/** Whether a cluster's registration labels carry every label of the selector. */
export function matchesLabels(cluster: Parameters<typeof registrationLabels>[0], matchLabels: Readonly<Record<string, string>>): boolean {
  const labels = registrationLabels(cluster);
  return Object.entries(matchLabels).every(([k, v]) => labels[k] === v);
}
