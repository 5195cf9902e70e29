import { resolveFleet } from '../fleet';
import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { versionSteps } from './version-step-guard';

// The full test fleet: aws-prod on EKS, gcp-prod on GKE, azure-prod on AKS.
const stack = (type: string, attribute: string, version: string) => JSON.stringify({ resource: { [type]: { c: { [attribute]: version } } } });
const change = (name: string, type: string, attribute: string, before: string, after: string) => ({ stack: name, before: stack(type, attribute, before), after: stack(type, attribute, after) });

describe('versionSteps', () => {
  const f = fullFleet();
  clusterOf(f, 'aws-prod').kubernetesVersion = '1.35';
  const fleet = resolveFleet(f);

  test('nothing for the same minor, one minor up, a new stack, or a stack that is not a cluster\'s', () => {
    expect(versionSteps(fleet, [
      change('aws-prod', 'aws_eks_cluster', 'version', '1.35', '1.35'),
      change('gcp-prod', 'google_container_cluster', 'min_master_version', '1.34', '1.35'),
      change('azure-prod', 'azurerm_kubernetes_cluster', 'kubernetes_version', '1.34', '1.35'),
      { stack: 'aws-prod', before: '{}', after: stack('aws_eks_cluster', 'version', '1.35') },
      change('vault', 'aws_eks_cluster', 'version', '1.30', '1.35'),
    ])).toEqual([]);
  });

  test('fails when a minor is skipped, at the cluster\'s kubernetesVersion, naming the step to take first', () => {
    expect(versionSteps(fleet, [change('aws-prod', 'aws_eks_cluster', 'version', '1.33', '1.35')])).toEqual([{
      path: 'clusters[aws-prod].kubernetesVersion',
      message: 'EKS upgrades a control plane one minor at a time: its stack was written with 1.33, and the cloud refuses 1.33 → 1.35 at apply',
      given: '"1.35"',
      allowed: '"1.34" first (apply it), then the next',
    }]);
  });

  test('a GKE stack written with a minor the Regular channel no longer offers may go straight to the oldest it offers, and no further', () => {
    expect(versionSteps(fleet, [change('gcp-prod', 'google_container_cluster', 'min_master_version', '1.32', '1.34')])).toEqual([]);
    expect(versionSteps(fleet, [change('gcp-prod', 'google_container_cluster', 'min_master_version', '1.32', '1.35')]).map((p) => p.allowed)).toEqual(['"1.34" first (apply it), then the next']);
    // Not on the clouds whose API refuses the skip: AKS and EKS still take one minor at a time.
    expect(versionSteps(fleet, [change('azure-prod', 'azurerm_kubernetes_cluster', 'kubernetes_version', '1.33', '1.35')])).toHaveLength(1);
  });

  test('fails when the version goes down (GKE would keep the running one, AKS and EKS refuse)', () => {
    const problems = versionSteps(fleet, [
      change('gcp-prod', 'google_container_cluster', 'min_master_version', '1.35', '1.34'),
      change('azure-prod', 'azurerm_kubernetes_cluster', 'kubernetes_version', '1.35', '1.33'),
    ]);
    expect(problems.map((p) => [p.path, p.message, p.allowed])).toEqual([
      ['clusters[gcp-prod].kubernetesVersion', 'GKE does not downgrade a control plane: its stack was written with 1.35', expect.stringMatching(/^"1\.35" or later; if 1\.35 was never applied, put back the stack as it was applied \(git checkout <that commit> -- dist\/terraform\/stacks\/gcp-prod\/cdk\.tf\.json\)/)],
      ['clusters[azure-prod].kubernetesVersion', 'AKS does not downgrade a control plane: its stack was written with 1.35', expect.stringContaining('"1.35" or later')],
    ]);
  });
});
