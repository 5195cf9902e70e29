import { resolveFleet } from '../fleet';
import { fullFleet, LooseFleet } from '../../test/fleet-fixture';
import { deployAsChanges } from './deploy-as-guard';
import { OutputIndex } from './output-index';

// The full test fleet: podinfo as an ApplicationSet, checkout as explicit Applications, on aws-prod, gcp-prod and azure-prod.
const FOLDER = 'k8s/aws/mgmt/argocd';
const index = (...files: string[]): OutputIndex => ({ generator: 'fleetsynth', files: Object.fromEntries(files.map((f) => [`${FOLDER}/${f}`, 'x'])) });
const PREVIOUS = index('applicationset.argoproj.io_podinfo.yaml', 'application.argoproj.io_aws-prod-checkout.yaml', 'application.argoproj.io_gcp-prod-checkout.yaml', 'application.argoproj.io_aws-prod-platform.yaml');
const deployed = (podinfo: string, checkout: string): LooseFleet => {
  const f = fullFleet();
  f.apps.find((a: { name: string }) => a.name === 'podinfo').deployAs = podinfo;
  f.apps.find((a: { name: string }) => a.name === 'checkout').deployAs = checkout;
  return resolveFleet(f);
};

describe('deployAsChanges', () => {
  test('nothing when every app is deployed as the previous synth deployed it, or there was no previous synth', () => {
    expect(deployAsChanges(deployed('applicationSet', 'applications'), PREVIOUS)).toEqual([]);
    expect(deployAsChanges(deployed('applications', 'applicationSet'), undefined)).toEqual([]);
  });

  test('fails when an ApplicationSet app becomes explicit Applications, at apps[<app>].deployAs, with the way out', () => {
    expect(deployAsChanges(deployed('applications', 'applications'), PREVIOUS)).toEqual([
      {
        path: 'apps[podinfo].deployAs',
        message: expect.stringContaining('the previous synth deployed the app as an ApplicationSet; switching prunes it'),
        given: '"applications"',
        allowed: '"applicationSet" as before; or hand the Applications over first (README, Apps, "Switching deployAs") and synth with --allow-deploy-as-change podinfo',
      },
    ]);
  });

  test('fails when explicit Applications become an ApplicationSet, naming the Applications the previous synth wrote', () => {
    const problems = deployAsChanges(deployed('applicationSet', 'applicationSet'), PREVIOUS);
    expect(problems.map((p) => [p.path, p.given])).toEqual([['apps[checkout].deployAs', '"applicationSet"']]);
    expect(problems[0].message).toContain('explicit Applications (aws-prod-checkout, gcp-prod-checkout)');
  });

  test('an app allowed to change (after the hand-over) passes; the others are still checked', () => {
    const fleet = deployed('applications', 'applicationSet');
    expect(deployAsChanges(fleet, PREVIOUS, ['podinfo']).map((p) => p.path)).toEqual(['apps[checkout].deployAs']);
    expect(deployAsChanges(fleet, PREVIOUS, ['podinfo', 'checkout'])).toEqual([]);
  });
});
