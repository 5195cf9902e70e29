import * as path from 'path';
import { clusterManifestFolder, resolveFleet } from '../lib/fleet';
import { synth } from '../lib/synth';
import { fakeOutputs, fakeOutputsWithAddons, outputsFolder, testFleet } from './fleets';
import { fullTestFleet } from './full-fleet';
import { tempDir } from './tree';

/*
 * A pending cluster's outputs arrive (its stack was applied): the next synth registers it and adds
 * what targets it. It must remove nothing (Argo CD would prune it from a running cluster) and change
 * only what reads the new outputs.
 */
function arrive(fleet: any, allOutputs: Map<string, any>, late: string) {
  const out = path.join(tempDir(), 'dist');
  const before = new Map(allOutputs);
  before.delete(late);
  const first = synth(fleet, { outDir: out, outputsDir: outputsFolder(before), cache: false });
  expect(first.pending).toEqual([late]);
  const second = synth(fleet, { outDir: out, outputsDir: outputsFolder(allOutputs), cache: false });
  expect(second.pending).toEqual([]);
  const folder = clusterManifestFolder(resolveFleet(fleet).clusters.find((c) => c.name === late)!);
  return { plan: second.plan, folder };
}

test('without platform services: files are added (registration, Applications), none removed; only the cluster\'s own folder changes, and fleet.md (Argo CD now syncs it)', () => {
  const fleet = testFleet('aws');
  const { plan, folder } = arrive(fleet, fakeOutputs(fleet), 't-gcp');
  const added = plan.added.map((f) => f.path);
  expect(added).toEqual(expect.arrayContaining([expect.stringMatching(/argocd\/secret_cluster-t-gcp\.yaml$/), expect.stringMatching(/argocd\/application\.argoproj\.io_t-gcp-root\.yaml$/), expect.stringMatching(/argocd\/clusters\/t-gcp\/application\.argoproj\.io_t-gcp-platform\.yaml$/)]));
  expect(plan.stale).toEqual([]);
  expect(plan.changed.map((f) => f.path).filter((p) => !p.startsWith(`${folder}/`))).toEqual(['fleet.md', 'fleetsynth-index.json']);
});

test('with every platform service: nothing removed; outside its folder only the peers\' stacks (API allow lists admit its egress) the fleet alerts (its "stopped reporting" rule) and fleet.md (its registration, Route 53 record, links) change', () => {
  const fleet = fullTestFleet();
  const { plan, folder } = arrive(fleet, fakeOutputsWithAddons(fleet), 'gcp-prod');
  expect(plan.stale).toEqual([]);
  expect(plan.added.length).toBeGreaterThan(0);
  const outside = plan.changed.map((f) => f.path).filter((p) => !p.startsWith(`${folder}/`));
  expect(outside.filter((p) => !/^terraform\/stacks\/[^/]+\/cdk\.tf\.json$/.test(p))).toEqual(['fleet.md', 'k8s/aws/mgmt/monitoring/prometheusrule.monitoring.coreos.com_fleet-alerts.yaml', 'fleetsynth-index.json']);
});
