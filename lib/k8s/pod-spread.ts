/**
 * `topologySpreadConstraints` that keep a workload's pods apart by zone, then by node, where there are
 * several; preferred, never required (`ScheduleAnyway`): with a required spread, a pod that cannot be
 * placed (a one-node or one-zone cluster) stays Pending, and its Deployment, Degraded past its progress
 * deadline, would fail the sync wave it is in.
 */
export function spreadOverZonesThenNodes(podLabels: Readonly<Record<string, string>>): Record<string, unknown>[] {
  return ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map((topologyKey) => ({
    maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { ...podLabels } },
  }));
}
