import * as path from 'path';
import { parse } from 'yaml';
import { synth } from '../lib/synth';
import { generateApplications } from '../lib/verify/application-set';
import { clusterOfSecret, RegisteredCluster } from '../lib/verify/argo-cluster';
import { ArgoProject } from '../lib/verify/argo-project';
import { fileCache } from './file-cache';
import { clusterOf, fullFleet } from './fleet-fixture';
import { fakeOutputsWithAddons, outputsFolder, refused, synthesizedFullFleet } from './fleets';
import { readTree, tempDir } from './tree';

// The guards judge edited fleets synthesized with this file's own cache: what an edit leaves alone
// is not rendered and checked again (test/file-cache.ts: where the path without a cache is tested).
const withCache = fileCache();

/*
 * What changes to a fleet's apps do across synths.
 *
 * A cluster leaves an app's selection (relabelled): in the root's sync the app's project is applied
 * (wave -10) before the Application of that cluster is pruned (wave -1), and Argo CD deletes only
 * the objects the project still permits (argo-cd controller/appcontroller.go
 * getPermittedAppLiveObjects). So the project after the change must still permit every Application
 * that goes away, on a cluster that is still registered; otherwise its workloads are orphaned.
 */

/** The fleet's Applications in an output folder: those the root applies, and those its ApplicationSets generate now. */
function applicationsOf(out: string) {
  const argocd = Object.entries(readTree(out)).filter(([p]) => p.startsWith('k8s/aws/mgmt/argocd/')).map(([, text]) => parse(text));
  const registered = argocd.filter((o) => o.kind === 'Secret').map((o) => clusterOfSecret(o) as RegisteredCluster);
  const generated = argocd.filter((o) => o.kind === 'ApplicationSet').flatMap((set) => {
    const g = generateApplications(set, registered);
    if ('error' in g) throw new Error(`ApplicationSet ${set.metadata.name}: ${g.error}`);
    return g.applications;
  });
  const applications = [...argocd.filter((o) => o.kind === 'Application'), ...generated];
  const projects = new Map(argocd.filter((o) => o.kind === 'AppProject').map((o) => [o.metadata.name, new ArgoProject(o.metadata.name, o.spec)]));
  return { registered, applications, projects };
}

test('a cluster relabelled out of the apps\' selection: every Application that goes away is still permitted by its project, for the ApplicationSet app and the explicit one', () => {
  const fleet = fullFleet();
  // Both apps select on env: podinfo through its ApplicationSet's generator, checkout with explicit Applications.
  fleet.apps.find((a: { name: string }) => a.name === 'podinfo').clusters = { matchLabels: { env: 'prod' } };
  const out = path.join(tempDir(), 'dist');
  const outputsDir = outputsFolder(fakeOutputsWithAddons(fleet));
  synth(fleet, { outDir: out, outputsDir, ...withCache });
  const before = applicationsOf(out);

  clusterOf(fleet, 'azure-prod').labels.env = 'staging';
  synth(fleet, { outDir: out, outputsDir, ...withCache });
  const after = applicationsOf(out);

  const kept = new Set(after.applications.map((a) => a.metadata.name));
  const gone = before.applications.filter((a) => !kept.has(a.metadata.name));
  expect(gone.map((a) => a.metadata.name).sort()).toEqual(['azure-prod-checkout', 'azure-prod-podinfo']);
  for (const app of gone) {
    const cluster = after.registered.find((c) => c.name === app.spec.destination.name);
    expect(cluster).toBeDefined();
    const project = after.projects.get(app.spec.project)!;
    expect([app.metadata.name, project.isDestinationPermitted(cluster!, app.spec.destination.namespace)]).toEqual([app.metadata.name, true]);
  }
});

describe('switching an app\'s deployAs', () => {
  const appOf = (f: any, name: string) => f.apps.find((a: { name: string }) => a.name === name);

  test.each([
    ['podinfo', 'applications', ['k8s/aws/mgmt/argocd/applicationset.argoproj.io_podinfo.yaml'], ['k8s/aws/mgmt/argocd/application.argoproj.io_aws-prod-podinfo.yaml']],
    ['checkout', 'applicationSet', ['k8s/aws/mgmt/argocd/application.argoproj.io_aws-prod-checkout.yaml'], ['k8s/aws/mgmt/argocd/applicationset.argoproj.io_checkout.yaml']],
  ])('fails when %s switches to %s, at its deployAs, writing nothing; with --allow-deploy-as-change it switches', (name, deployAs, gone, added) => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    const before = readTree(out);
    appOf(fleet, name).deployAs = deployAs;
    expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache })).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ path: `apps[${name}].deployAs` })] }));
    expect(readTree(out)).toEqual(before);

    const result = synth(fleet, { outDir: out, outputsDir, ...withCache, allowDeployAsChange: [name] });
    expect(result.plan.stale).toEqual(expect.arrayContaining(gone));
    expect(result.plan.added.map((f) => f.path)).toEqual(expect.arrayContaining(added));
  });
});

describe('removing, renaming or moving an app deletes what it deployed: refused until --allow-app-removal names it', () => {
  const appOf = (f: any, name: string) => f.apps.find((a: { name: string }) => a.name === name);
  const NS = (cluster: string, ns: string) => `k8s/${cluster === 'aws-prod' ? 'aws' : cluster === 'gcp-prod' ? 'gcp' : 'azure'}/${cluster}/_bootstrap/_cluster/namespace_${ns}.yaml`;
  test('fails when an app is renamed (podinfo to web), at apps[web].name; allowed, the old ApplicationSet and project go and the new release is named web', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    appOf(fleet, 'podinfo').name = 'web';
    const problems = refused(out, () => synth(fleet, { outDir: out, outputsDir, ...withCache }));
    expect(problems).toEqual([expect.objectContaining({ path: 'apps[web].name', message: expect.stringContaining('(renamed to web? a renamed app is a removed one plus a new one') })]);

    const result = synth(fleet, { outDir: out, outputsDir, ...withCache, allowAppRemoval: ['podinfo'] });
    expect(result.plan.stale).toEqual(expect.arrayContaining(['k8s/aws/mgmt/argocd/applicationset.argoproj.io_podinfo.yaml', 'k8s/aws/mgmt/argocd/appproject.argoproj.io_acme-platform-app-podinfo.yaml']));
    const web = parse(readTree(out)['k8s/aws/mgmt/argocd/applicationset.argoproj.io_web.yaml']);
    expect(web.spec.template.spec.source.helm.releaseName).toBe('web');
  });

  test('fails when an app\'s namespace changes, at apps[<app>].namespace, naming the old namespace deleted on each cluster; allowed, it is pruned', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    appOf(fleet, 'checkout').namespace = 'checkout2';
    const problems = refused(out, () => synth(fleet, { outDir: out, outputsDir, ...withCache }));
    expect(problems).toEqual([expect.objectContaining({ path: 'apps[checkout].namespace', given: '"checkout2"', message: expect.stringContaining('delete namespace checkout on aws-prod, azure-prod, gcp-prod') })]);

    const result = synth(fleet, { outDir: out, outputsDir, ...withCache, allowAppRemoval: ['checkout'] });
    expect(result.plan.stale).toEqual(expect.arrayContaining(['aws-prod', 'gcp-prod', 'azure-prod'].map((c) => NS(c, 'checkout'))));
  });

  test('--cluster: a selection that deletes the removed app\'s namespace is refused, naming that cluster only; one that touches nothing of it is not', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    fleet.apps = fleet.apps.filter((a: { name: string }) => a.name !== 'podinfo');
    const problems = refused(out, () => synth(fleet, { outDir: out, outputsDir, ...withCache, clusters: ['gcp-prod'] }));
    expect(problems).toEqual([expect.objectContaining({ path: 'apps', message: expect.stringContaining('delete namespace podinfo on gcp-prod, and') })]);
    expect(synth(fleet, { outDir: out, outputsDir, ...withCache, clusters: ['mgmt'] }).selected).toEqual(['mgmt']);
  });

  test('fails when the app a global endpoint routes to goes, --allow-app-removal or not, at the endpoint\'s backend.namespace; with the endpoint moved to the new app, allowed', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    const before = readTree(out);
    appOf(fleet, 'podinfo').namespace = 'web';
    const backend = 'platform.globalDns.endpoints[podinfo].backend.namespace';
    expect(refused(out, () => synth(fleet, { outDir: out, outputsDir, ...withCache })).map((p) => p.path)).toEqual(['apps[podinfo].namespace', backend]);
    expect(refused(out, () => synth(fleet, { outDir: out, outputsDir, ...withCache, allowAppRemoval: ['podinfo'] }))).toEqual([
      expect.objectContaining({ path: backend, message: expect.stringContaining('after this edit no cluster of the fleet has namespace podinfo: its Namespace object on aws-prod, azure-prod, gcp-prod would be pruned') }),
    ]);
    expect(readTree(out)).toEqual(before);

    fleet.platform.globalDns.endpoints[0].backend.namespace = 'web';
    const result = synth(fleet, { outDir: out, outputsDir, ...withCache, allowAppRemoval: ['podinfo'] });
    expect(result.plan.stale).toEqual(expect.arrayContaining([NS('gcp-prod', 'podinfo')]));
    expect(parse(readTree(out)['k8s/gcp/gcp-prod/istio-ingress/virtualservice.networking.istio.io_podinfo.yaml']).spec.http[0].route[0].destination.host).toBe('podinfo.web.svc.cluster.local');
  });

  test('fails when gitops.path changes against the root app the previous synth wrote, at gitops.path; allowed, every Application reads the new path', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    fleet.gitops.path = 'platform/dist';
    const problems = refused(out, () => synth(fleet, { outDir: out, outputsDir, ...withCache }));
    expect(problems).toEqual([expect.objectContaining({ path: 'gitops.path', given: '"platform/dist"' })]);

    synth(fleet, { outDir: out, outputsDir, ...withCache, allowGitopsPathChange: true });
    const root = parse(readTree(out)['k8s/aws/mgmt/argocd/application.argoproj.io_acme-platform-root.yaml']);
    expect(root.spec.source.path).toBe('platform/dist/k8s/aws/mgmt/argocd');
  });
});
