import { resolveFleet } from '../fleet';
import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { managementSwitch } from './management-switch-guard';
import { OutputIndex } from './output-index';

// The full test fleet: acme-platform, its management cluster mgmt on aws, workloads aws-prod, gcp-prod, azure-prod.
const PREVIOUS: OutputIndex = {
  generator: 'fleetsynth',
  files: { 'k8s/aws/mgmt/argocd/application.argoproj.io_acme-platform-root.yaml': 'x', 'k8s/aws/aws-prod/_bootstrap/_cluster/namespace_podinfo.yaml': 'y' },
};
const switched = () => {
  const f = fullFleet();
  clusterOf(f, 'mgmt').role = 'workload';
  clusterOf(f, 'mgmt').accountId = clusterOf(f, 'aws-prod').accountId;
  clusterOf(f, 'aws-prod').role = 'management';
  // Apps run on workload clusters only.
  for (const app of f.apps) delete app.overrides?.['aws-prod'];
  return f;
};

describe('managementSwitch', () => {
  test('nothing without a previous synth, or when the previous root app is in the management cluster\'s folder', () => {
    expect(managementSwitch(resolveFleet(switched()), undefined)).toEqual([]);
    expect(managementSwitch(resolveFleet(fullFleet()), PREVIOUS)).toEqual([]);
  });

  test('fails when another cluster becomes the management cluster, at the former one\'s role, with no way through', () => {
    expect(managementSwitch(resolveFleet(switched()), PREVIOUS)).toEqual([
      {
        path: 'clusters[mgmt].role',
        message: 'the previous synth made mgmt the management cluster: Argo CD runs there, and its root app acme-platform-root syncs the output\'s k8s/aws/mgmt/argocd; this synth would move that folder to k8s/aws/aws-prod/argocd, and the running root would stop at "app path does not exist" while the Applications it made keep syncing the clusters\' folders as rewritten and prune what left them, and the stacks would then trust only an Argo CD on the new cluster',
        given: '"workload"',
        allowed: '"management" as before: fleetsynth has no procedure to hand a running fleet over to an Argo CD on another cluster (README, "Losing the management cluster")',
      },
    ]);
  });

  test('a former management cluster without Terraform outputs (never applied: Argo CD was never installed there) is refused too, the way out saying how to start over', () => {
    const outputs = new Map([['aws-prod', { clusterName: 'aws-prod', endpoint: 'https://x', caCertificate: 'x', oidcIssuer: 'https://x' }]]);
    expect(managementSwitch(resolveFleet(switched()), PREVIOUS, outputs, 'out')).toEqual([
      expect.objectContaining({ path: 'clusters[mgmt].role', allowed: expect.stringMatching(/; if mgmt was never applied \(it has no Terraform outputs, so Argo CD was never installed there: README, "Bootstrap"\), nothing runs yet: remove out and synth again$/) }),
    ]);
    outputs.set('mgmt', { clusterName: 'mgmt', endpoint: 'https://y', caCertificate: 'y', oidcIssuer: 'https://y' });
    expect(managementSwitch(resolveFleet(switched()), PREVIOUS, outputs, 'out')[0].allowed).not.toContain('never applied');
  });

  test('a management cluster gone from the fleet is refused at the new one\'s role', () => {
    const f = switched();
    (f as any).clusters = f.clusters.filter((c: { name: string }) => c.name !== 'mgmt');
    expect(managementSwitch(resolveFleet(f), PREVIOUS)).toEqual([
      expect.objectContaining({ path: 'clusters[aws-prod].role', given: '"management"', allowed: expect.stringMatching(/^"workload" as before, with mgmt back in the fleet as the management cluster/) }),
    ]);
  });

  test('the management cluster moved to another cloud under its name is refused at its cloud', () => {
    const moved = { ...PREVIOUS, files: { 'k8s/gcp/mgmt/argocd/application.argoproj.io_acme-platform-root.yaml': 'x' } };
    expect(managementSwitch(resolveFleet(fullFleet()), moved)).toEqual([
      expect.objectContaining({ path: 'clusters[mgmt].cloud', given: '"aws"', allowed: expect.stringMatching(/^"gcp" as before: a management cluster on another cloud is another cluster/) }),
    ]);
  });
});
