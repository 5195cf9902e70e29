import { resolveFleet } from '../fleet';
import { fullFleet } from '../../test/fleet-fixture';
import { applicationMoves } from './application-move-guard';
import { OutputIndex } from './output-index';

// The full test fleet (management cluster mgmt on AWS, fleet acme): its argocd/ folder.
const FOLDER = 'k8s/aws/mgmt/argocd';
const fleet = resolveFleet(fullFleet());
const index = (...files: string[]): OutputIndex => ({ generator: 'fleetsynth', files: Object.fromEntries(files.map((f) => [`${FOLDER}/${f}`, 'x'])) });
const at = (...files: string[]) => files.map((f) => `${FOLDER}/${f}`);

describe('applicationMoves', () => {
  test('nothing without a previous synth, when nothing changes root, or for an Application new to a cluster root', () => {
    const paths = at('application.argoproj.io_aws-prod-root.yaml', 'clusters/aws-prod/application.argoproj.io_aws-prod-istiod.yaml');
    expect(applicationMoves(fleet, undefined, paths, false)).toEqual([]);
    expect(applicationMoves(fleet, index('clusters/aws-prod/application.argoproj.io_aws-prod-istiod.yaml'), paths, false)).toEqual([]);
    expect(applicationMoves(fleet, index('application.argoproj.io_argocd.yaml'), paths, false)).toEqual([]);
  });

  test('fails when Applications move from the fleet root into a cluster root, one problem per cluster, naming them', () => {
    const previous = index('application.argoproj.io_aws-prod-istiod.yaml', 'application.argoproj.io_aws-prod-platform.yaml', 'application.argoproj.io_gcp-prod-istiod.yaml', 'application.argoproj.io_aws-prod-checkout.yaml');
    const paths = at(
      'application.argoproj.io_aws-prod-checkout.yaml',
      'clusters/aws-prod/application.argoproj.io_aws-prod-platform.yaml',
      'clusters/aws-prod/application.argoproj.io_aws-prod-istiod.yaml',
      'clusters/gcp-prod/application.argoproj.io_gcp-prod-istiod.yaml',
    );
    expect(applicationMoves(fleet, previous, paths, false)).toEqual([
      {
        path: `${FOLDER}/clusters/aws-prod`,
        message: `2 Applications of cluster aws-prod move from ${fleet.name}-root to aws-prod-root: ${fleet.name}-root would prune them, and the resources finalizer delete everything they deployed on aws-prod, while aws-prod-root deploys it again`,
        given: 'aws-prod-istiod, aws-prod-platform',
        allowed: 'hand them over first (README, What is in it, "Moving Applications to the clusters\' roots") and synth with --allow-application-move',
      },
      expect.objectContaining({ path: `${FOLDER}/clusters/gcp-prod`, given: 'gcp-prod-istiod' }),
    ]);
  });

  test('fails when an Application moves out of a cluster root into the fleet root', () => {
    const problems = applicationMoves(fleet, index('clusters/gcp-prod/application.argoproj.io_gcp-prod-istiod.yaml'), at('application.argoproj.io_gcp-prod-istiod.yaml'), false);
    expect(problems.map((p) => [p.path, p.given])).toEqual([[`${FOLDER}/clusters/gcp-prod`, 'gcp-prod-istiod']]);
    expect(problems[0].message).toContain(`1 Application of cluster gcp-prod moves from gcp-prod-root to ${fleet.name}-root: gcp-prod-root would prune it`);
  });

  test('a move allowed (after the hand-over) passes', () => {
    expect(applicationMoves(fleet, index('application.argoproj.io_aws-prod-istiod.yaml'), at('clusters/aws-prod/application.argoproj.io_aws-prod-istiod.yaml'), true)).toEqual([]);
  });
});
