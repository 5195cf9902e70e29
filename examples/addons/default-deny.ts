/*
 * Example add-on (README, "Add-ons"): a default-deny ingress NetworkPolicy in every workload cluster.
 * List it in your fleet file: `addons: [defaultDeny]`.
 */
import { ApiObject } from 'cdk8s';
import type { FleetAddon } from 'fleetsynth';

export const defaultDeny: FleetAddon = {
  name: 'default-deny',
  manifests(scope, { cluster }) {
    if (cluster.role !== 'workload') return;
    new ApiObject(scope, 'deny-ingress', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny-ingress', namespace: 'default' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });
  },
};
