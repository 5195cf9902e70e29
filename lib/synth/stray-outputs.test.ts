import { strayOutputsWarnings } from './stray-outputs';

describe('strayOutputsWarnings', () => {
  const files = [{ path: 'terraform/stacks/vault/cdk.tf.json' }, { path: 'terraform/stacks/interconnect-aws-gcp/cdk.tf.json' }, { path: 'k8s/aws/old/x.yaml' }];

  test('names each outputs file of a stack the render did not write, sorted, saying why it matters', () => {
    const warned = strayOutputsWarnings('terraform-outputs', ['vault', 'old-pair', 'interconnect-aws-gcp', 'aws-old'], files);
    expect(warned).toEqual([
      expect.stringMatching(/^terraform-outputs\/aws-old\.json names no stack of the fleet .*"aws-old" is taken as applied/),
      expect.stringMatching(/^terraform-outputs\/old-pair\.json names no stack of the fleet/),
    ]);
  });

  test('a stack written, or a file only somewhere under its folder, is told apart', () => {
    expect(strayOutputsWarnings('o', ['vault', 'interconnect-aws-gcp'], files)).toEqual([]);
    // k8s/aws/old/ is a cluster's Kubernetes folder, not a stack.
    expect(strayOutputsWarnings('o', ['old'], files)).toHaveLength(1);
  });

  // An interconnect pair whose every link waits for a cluster's outputs is held back, not written (addons/interconnect
  // stacks()); its applied links are in its file: deleting it, as the warning said, would take them for unapplied.
  test('a stack held back is still the fleet\'s: its file is not reported', () => {
    const heldBack = [{ subject: 'addons[interconnect]', what: 'link aws-prod-gcp-prod (4 tunnels) of stack interconnect-aws-gcp', waitingFor: 'terraform-outputs/gcp-prod.json' }];
    expect(strayOutputsWarnings('o', ['interconnect-aws-gcp', 'aws-old'], [], heldBack)).toEqual([expect.stringMatching(/^o\/aws-old\.json names no stack/)]);
  });
});
