import { resolveFleet } from '../fleet';
import { fullFleet } from '../../test/fleet-fixture';
import { istioCniRemovalWarnings } from './istio-cni-removal';

// The full test fleet: management cluster mgmt on aws; gcp-prod's Applications in its root's folder there.
const AGENT = 'k8s/aws/mgmt/argocd/clusters/gcp-prod/application.argoproj.io_gcp-prod-istio-cni.yaml';
const withoutAgent = (name: string) => {
  const f = fullFleet() as any;
  f.clusters.find((c: any) => c.name === name).istioCni = false;
  return resolveFleet(f);
};

describe('istioCniRemovalWarnings', () => {
  test('the synth that prunes a cluster\'s agent warns that its root waits for its last wave this once, and that the restart is the user\'s', () => {
    const warnings = istioCniRemovalWarnings(withoutAgent('gcp-prod'), [AGENT]);
    expect(warnings).toEqual([expect.stringContaining('cluster gcp-prod: istioCni false prunes gcp-prod-istio-cni last, so gcp-prod-root\'s sync waits for every wave to be healthy first, its last included')]);
    expect(warnings[0]).toContain('argocd app terminate-op gcp-prod-root');
    expect(warnings[0]).toContain('restart every injected workload');
  });

  test('nothing once the agent\'s Application is gone (a later synth), nor for a cluster that keeps the agent', () => {
    expect(istioCniRemovalWarnings(withoutAgent('gcp-prod'), [])).toEqual([]);
    expect(istioCniRemovalWarnings(withoutAgent('aws-prod'), [AGENT])).toEqual([]);
    expect(istioCniRemovalWarnings(resolveFleet(fullFleet()), [AGENT])).toEqual([]);
  });
});
