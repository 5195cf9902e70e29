import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { synth } from '../lib/synth';
import { fakeOutputs, outputsFolder, richTestFleet } from './fleets';
import { tempDir } from './tree';

/*
 * A running cluster taken off Istio's CNI node agent (`istioCni: false`): synth changes istiod back to
 * istio-init and drops the agent's Application, whose live object already says PruneLast, so Argo CD
 * deletes it after istiod has switched (argo-cd v3.4.7 gitops-engine/pkg/sync/sync_context.go reads the
 * option from the live object). Nothing else of the cluster goes, and the peers do not change.
 */
test('istioCni: false on a running cluster: istiod injects istio-init, the agent\'s Application (PruneLast) is the only file removed, the Pod Security labels go', () => {
  const fleet: any = richTestFleet();
  const outputs = outputsFolder(fakeOutputs(fleet));
  const out = path.join(tempDir(), 'dist');
  synth(fleet, { outDir: out, outputsDir: outputs, cache: false });
  const read = (file: string) => parse(fs.readFileSync(path.join(out, file), 'utf8'));
  const folder = 'k8s/aws/t-mgmt/argocd/clusters/t-gcp';
  const agentFile = `${folder}/application.argoproj.io_t-gcp-istio-cni.yaml`;
  expect(read(agentFile).metadata.annotations['argocd.argoproj.io/sync-options']).toBe('PruneLast=true');
  const namespace = fs.readdirSync(path.join(out, 'k8s/gcp/t-gcp/_bootstrap/_cluster')).filter((f) => f.startsWith('namespace_'));
  const appNamespaces = namespace.filter((f) => parse(fs.readFileSync(path.join(out, 'k8s/gcp/t-gcp/_bootstrap/_cluster', f), 'utf8')).metadata.labels?.['istio-injection'] === 'enabled');
  expect(appNamespaces.length).toBeGreaterThan(0);

  fleet.clusters.find((c: any) => c.name === 't-gcp').istioCni = false;
  const second = synth(fleet, { outDir: out, outputsDir: outputs, cache: false });
  expect(second.plan.stale).toEqual([agentFile]);
  expect(second.plan.added).toEqual([]);
  // The root's sync that prunes it waits for its last wave too, this once (lib/synth/istio-cni-removal.ts); a later synth is quiet.
  expect(second.warnings).toEqual(expect.arrayContaining([expect.stringContaining('cluster t-gcp: istioCni false prunes t-gcp-istio-cni last')]));
  expect(read(`${folder}/application.argoproj.io_t-gcp-istiod.yaml`).spec.source.helm.valuesObject.cni).toEqual({ enabled: false });
  for (const f of appNamespaces) {
    const labels = read(`k8s/gcp/t-gcp/_bootstrap/_cluster/${f}`).metadata.labels;
    expect(Object.keys(labels).filter((k) => k.startsWith('pod-security.kubernetes.io/'))).toEqual([]);
  }
  // only t-gcp's own files (and the index, and fleet.md) change: its registration folder and its cluster folder
  const changed = second.plan.changed.map((f) => f.path);
  expect(changed.filter((p) => !p.startsWith(`${folder}/`) && !p.startsWith('k8s/gcp/t-gcp/') && p !== 'fleetsynth-index.json' && p !== 'fleet.md')).toEqual([]);
  const third = synth(fleet, { outDir: out, outputsDir: outputs, cache: false });
  expect(third.warnings.filter((w) => w.includes('istioCni'))).toEqual([]);
});
