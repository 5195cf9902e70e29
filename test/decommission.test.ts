import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { generateApplications } from '../lib/verify/application-set';
import { clusterOfSecret, isClusterSecret, RegisteredCluster } from '../lib/verify/argo-cluster';
import { kubectlStandIn, mergePatch } from './kubectl-stand-in';
import { readmeBlock } from './readme-block';

/*
 * The README's emptying of a cluster before its stack is destroyed (*Decommissioning a cluster*, the sh
 * block between `<!-- decommission-empty:begin -->` and `<!-- decommission-empty:end -->`), run as written
 * with bash in a folder synth wrote for the full test fleet, with a stand-in `kubectl` that records its
 * calls and answers the Applications query from the Applications synth wrote. What it must do: stop the
 * root app (else it re-creates what is deleted), take the cluster out of every ApplicationSet's generators
 * (else they re-create their Applications there), then delete, waiting, the apps' Applications on the
 * cluster, then its root, then every Application still targeting it; their resources finalizers delete
 * what they deployed. The apps before the root: the root deletes istiod and the token the other clusters'
 * istiods read this one with before the apps' namespaces, and an istiod keeps the endpoints it last read
 * of a cluster it can no longer read (istio 1.30.3 pkg/kube/multicluster/secretcontroller.go drops a
 * cluster only when its remote secret changes).
 */

const CLUSTER = 'aws-prod';

/** Every object synth wrote under the management cluster's `argocd/` folder. */
function argocdObjects(work: string): Record<string, any>[] {
  const dir = path.join(work, 'dist', 'k8s', 'aws', 'mgmt', 'argocd');
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS()));
}

test('the README\'s emptying stops the root, takes the cluster out of every ApplicationSet, deletes, waiting, the apps on it, then its root, then every Application still on it', () => {
  const block = readmeBlock('decommission-empty');
  const probe = kubectlStandIn();
  const objects = argocdObjects(probe.work);
  const applications = objects.filter((o) => o.kind === 'Application');
  const root = applications.find((a) => a.spec.source?.path?.endsWith('/argocd'))!;
  const fleet = root.metadata.name.replace(/-root$/, '');
  const targeting = applications.filter((a) => a.spec.destination?.name === CLUSTER);
  const onCluster = targeting.map((a) => a.metadata.name).sort();
  // The platform's project, which the block names `$fleet-platform`: the root's and the clusters' roots' children's.
  expect(root.spec.project).toBe(`${fleet}-platform`);
  const apps = targeting.filter((a) => a.spec.project !== root.spec.project).map((a) => a.metadata.name).sort();
  expect(onCluster.length).toBeGreaterThan(5);
  expect(apps.length).toBeGreaterThan(0);
  expect(apps.length).toBeLessThan(onCluster.length);

  // The API server's answer to the block's query: a line per Application, its name and its project.
  const answer = targeting.map((a) => `${a.metadata.name} ${a.spec.project}\n`).join('');
  const kubectl = kubectlStandIn({ prints: [{ prefix: '-n argocd get applications -o jsonpath=', stdout: answer }] });
  kubectl.run(block.replace(/^fleet=\S+/m, `fleet=${fleet}`).replace(/^cluster=\S+/m, `cluster=${CLUSTER}`));
  const calls = kubectl.calls();
  const at = (verb: string) => calls.findIndex((c) => c[2] === verb);

  // 1. The root app stops syncing: its automated sync off, the rest of it as synth wrote it.
  const patch = calls[at('patch')];
  expect(patch.slice(0, 5)).toEqual(['-n', 'argocd', 'patch', 'application', root.metadata.name]);
  const stopped = mergePatch(root, JSON.parse(patch[patch.indexOf('-p') + 1])) as any;
  expect(stopped.spec.syncPolicy.automated.enabled).toBe(false);
  expect({ ...stopped, spec: { ...stopped.spec, syncPolicy: root.spec.syncPolicy } }).toEqual(root);

  // 2. The label it removes is the one every ApplicationSet selects clusters by: the registration it names is the cluster's.
  const label = calls[at('label')];
  expect(at('patch')).toBeLessThan(at('label'));
  const registration = objects.find((o) => isClusterSecret(o, 'argocd') && o.metadata.name === label[4])!;
  expect((clusterOfSecret(registration) as RegisteredCluster).name).toBe(CLUSTER);
  const removed = label[5].replace(/-$/, '');
  const registered = objects.filter((o) => isClusterSecret(o, 'argocd')).map((o) => clusterOfSecret(o) as RegisteredCluster);
  const unlabelled = registered.map((c) => (c.name === CLUSTER ? { ...c, labels: Object.fromEntries(Object.entries(c.labels).filter(([k]) => k !== removed)) } : c));
  const targets = (clusters: readonly RegisteredCluster[]) => objects.filter((o) => o.kind === 'ApplicationSet').flatMap((s) => {
    const generated = generateApplications(s, clusters);
    if ('error' in generated) throw new Error(generated.error);
    return generated.applications.map((a) => a.spec.destination.name);
  });
  expect(targets(registered)).toContain(CLUSTER);
  expect(targets(unlabelled)).not.toContain(CLUSTER);
  expect(targets(unlabelled).length).toBeGreaterThan(0);

  // 3. The apps' Applications on the cluster first (every project but the platform's, the root's), then
  // the cluster's root, then every Application that still targets the cluster, each waited for.
  const deletes = calls.filter((c) => c[2] === 'delete').map((c) => c[4]);
  expect(at('label')).toBeLessThan(at('delete'));
  expect(applications.map((a) => a.metadata.name)).toContain(`${CLUSTER}-root`);
  const rootAt = deletes.indexOf(`${CLUSTER}-root`);
  expect(deletes.slice(0, rootAt).sort()).toEqual(apps);
  expect(deletes.slice(rootAt + 1).sort()).toEqual(onCluster);
  for (const d of calls.filter((c) => c[2] === 'delete')) expect(d).toEqual(expect.arrayContaining(['--wait', '--ignore-not-found']));
  // The query asks for the Applications whose destination is the cluster by name, as synth writes them, with their projects.
  const query = calls.find((c) => c[2] === 'get')!.join(' ');
  expect(query).toContain(`?(@.spec.destination.name=="${CLUSTER}")`);
  expect(query).toContain('{.spec.project}');
});
