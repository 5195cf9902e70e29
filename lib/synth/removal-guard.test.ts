import { resolveFleet } from '../fleet';
import { fullFleet } from '../../test/fleet-fixture';
import { removedClusters, renamedFleet } from './removal-guard';
import { OutputIndex } from './output-index';

// The full test fleet: mgmt (aws), aws-prod, gcp-prod, azure-prod, fleet acme-platform.
const fleet = resolveFleet(fullFleet());
const index = (...files: string[]): OutputIndex => ({ generator: 'fleetsynth', files: Object.fromEntries(files.map((f) => [f, 'x'])) });
const cluster = (cloud: string, name: string) => [`k8s/${cloud}/${name}/_bootstrap/_cluster/namespace_istio-system.yaml`, `terraform/stacks/${name}/cdk.tf.json`];

describe('removedClusters', () => {
  test('nothing without a previous synth, or when every cluster it wrote is still in the fleet', () => {
    expect(removedClusters(fleet, undefined)).toEqual([]);
    expect(removedClusters(fleet, index(...cluster('aws', 'aws-prod'), ...cluster('gcp', 'gcp-prod'), 'terraform/stacks/vault/cdk.tf.json'))).toEqual([]);
  });

  test('fails when a cluster the previous synth wrote (folder and stack) is gone, at clusters, suggesting a rename it may be', () => {
    expect(removedClusters(fleet, index(...cluster('aws', 'aws-prod'), ...cluster('gcp', 'gcp-prod2')))).toEqual([
      {
        path: 'clusters',
        message: expect.stringMatching(/^cluster gcp-prod2, which the previous synth wrote, is no longer in the fleet \(renamed to gcp-prod\? a renamed cluster is a new one\): synth would prune its stack folder/),
        given: 'no cluster "gcp-prod2"',
        allowed: 'destroy its stack first (README, "Decommissioning a cluster"), then synth with --allow-cluster-removal gcp-prod2; or keep it in the fleet',
      },
    ]);
  });

  test('fails when a cluster goes with the fleet-wide stacks this synth drops, naming them and the --allow-replace each needs', () => {
    const [problem] = removedClusters(fleet, index(...cluster('azure', 'azure-old')), [], ['interconnect-aws-azure', 'interconnect-azure-gcp']);
    expect(problem).toEqual({
      path: 'clusters',
      message: expect.stringContaining('; with it this synth drops stacks interconnect-aws-azure, interconnect-azure-gcp, whose resources would go unmanaged the same way'),
      given: 'no cluster "azure-old"',
      allowed: 'destroy stacks interconnect-aws-azure, interconnect-azure-gcp and its own stack first (README, "Decommissioning a cluster", in its order), then synth with --allow-cluster-removal azure-old --allow-replace interconnect-aws-azure --allow-replace interconnect-azure-gcp; or keep it in the fleet',
    });
  });

  test('a removal allowed (after destroying the cluster) passes; the others are still checked', () => {
    const previous = index(...cluster('gcp', 'old-a'), ...cluster('azure', 'old-b'));
    expect(removedClusters(fleet, previous, ['old-a']).map((p) => p.given)).toEqual(['no cluster "old-b"']);
  });
});

describe('renamedFleet', () => {
  test('fails when the previous synth wrote another fleet into this folder, at name', () => {
    const previous = index('k8s/aws/mgmt/argocd/appproject.argoproj.io_acme-old-platform.yaml');
    expect(renamedFleet(fleet, previous)).toEqual([expect.objectContaining({ path: 'name', given: JSON.stringify(fleet.name), allowed: expect.stringContaining('"acme-old" as before') })]);
    expect(renamedFleet(fleet, index(`k8s/aws/mgmt/argocd/appproject.argoproj.io_${fleet.name}-platform.yaml`))).toEqual([]);
    expect(renamedFleet(fleet, undefined)).toEqual([]);
  });
});
