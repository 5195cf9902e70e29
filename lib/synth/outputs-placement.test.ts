import * as path from 'path';
import { ClusterOutputs, resolveFleet } from '../fleet';
import { fakeOutputs, outputsFolder, testFleet } from '../../test/fleets';
import { tempDir } from '../../test/tree';
import { fleetOutputsPlacementWarnings, outputsPlacementWarnings } from './outputs-placement';
import { synth } from './synth';

describe('outputsPlacementWarnings', () => {
  // GIVEN a fleet with a cluster on each cloud (t-aws in eu-west-1, t-gcp in europe-west4, t-azure in westeurope), EKS accounts held
  const definition = testFleet('aws');
  const fleet = resolveFleet(definition);
  const applied = fakeOutputs(definition);
  const cluster = (name: string) => fleet.clusters.find((c) => c.name === name)!;
  const file = (name: string) => `terraform-outputs/${name}.json`;
  const with_ = (name: string, change: Partial<ClusterOutputs>) => ({ ...applied.get(name)!, ...change });

  test('outputs saved where the fleet puts each cluster are its own', () => {
    expect(fleetOutputsPlacementWarnings(fleet, applied, 'terraform-outputs')).toEqual([]);
  });

  test('warns when the issuer names another region, on every cloud: saved before the cluster moved, or another fleet\'s', () => {
    const moved = {
      't-aws': 'https://oidc.eks.us-east-1.amazonaws.com/id/0A1B',
      't-gcp': `https://container.googleapis.com/v1/projects/${cluster('t-gcp').project}/locations/us-central1/clusters/t-gcp`,
      't-azure': 'https://northeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/0a1b/',
    };
    for (const [name, oidcIssuer] of Object.entries(moved)) {
      expect(outputsPlacementWarnings(cluster(name), with_(name, { oidcIssuer }), file(name))).toEqual([
        expect.stringMatching(new RegExp(`^${file(name)}: oidc_issuer_url names region [a-z0-9-]+, where the fleet puts ${name} in ${cluster(name).region}: outputs of the cluster from before it moved`)),
      ]);
    }
  });

  test('warns when a GKE issuer names another project', () => {
    const oidcIssuer = `https://container.googleapis.com/v1/projects/other-project/locations/${cluster('t-gcp').region}/clusters/t-gcp`;
    expect(outputsPlacementWarnings(cluster('t-gcp'), with_('t-gcp', { oidcIssuer }), file('t-gcp'))).toEqual([expect.stringContaining('oidc_issuer_url names project other-project, where the fleet puts t-gcp in test-fleet-project')]);
  });

  test('warns when a role the EKS stack creates is in another account than accountId, naming the output', () => {
    const workload = outputsPlacementWarnings(cluster('t-aws'), with_('t-aws', { argocdIdentity: 'arn:aws:iam::210987654321:role/t-aws-argocd' }), file('t-aws'));
    expect(workload).toEqual([expect.stringContaining(`argocd_identity names account 210987654321, where the fleet puts t-aws in ${cluster('t-aws').accountId}`)]);
    const management = outputsPlacementWarnings(cluster('t-mgmt'), with_('t-mgmt', { argocdControllerRoleArn: 'arn:aws:iam::210987654321:role/t-mgmt-argocd-controller' }), file('t-mgmt'));
    expect(management).toEqual([expect.stringContaining('argocd_controller_role_arn names account 210987654321')]);
  });

  test('the role a workload trusts is the management cluster\'s, in its own account: not compared', () => {
    expect(outputsPlacementWarnings(cluster('t-aws'), with_('t-aws', { argocdTrusts: 'arn:aws:iam::210987654321:role/mgmt-argocd-controller' }), file('t-aws'))).toEqual([]);
  });

  test('a value in a form it cannot read (an AKS issuer of the older form; no accountId) is not compared', () => {
    expect(outputsPlacementWarnings(cluster('t-azure'), with_('t-azure', { oidcIssuer: 'https://oidc.prod-aks.azure.com/0a1b/' }), file('t-azure'))).toEqual([]);
    const anyAccount = { ...cluster('t-aws'), accountId: undefined };
    expect(outputsPlacementWarnings(anyAccount, with_('t-aws', { argocdIdentity: 'arn:aws:iam::210987654321:role/t-aws-argocd' }), file('t-aws'))).toEqual([]);
  });

  test('synth says it, at the outputs folder given, and still writes (a cluster moving region keeps its old outputs until its stack is applied)', () => {
    const stale = new Map(applied).set('t-azure', with_('t-azure', { oidcIssuer: 'https://northeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/0a1b/' }));
    const outputsDir = outputsFolder(stale);
    const result = synth(definition, { outDir: path.join(tempDir(), 'dist'), outputsDir, cache: false });
    expect(result.warnings).toContainEqual(expect.stringMatching(new RegExp(`^${path.join(outputsDir, 't-azure.json')}: oidc_issuer_url names region northeurope, where the fleet puts t-azure in westeurope`)));
  });
});
