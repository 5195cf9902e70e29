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
 * (else they re-create their Applications there), then delete, waiting, the cluster's root and every
 * Application that targets the cluster, whose resources finalizers delete what they deployed.
 */

const CLUSTER = 'aws-prod';

/** Every object synth wrote under the management cluster's `argocd/` folder. */
function argocdObjects(work: string): Record<string, any>[] {
  const dir = path.join(work, 'dist', 'k8s', 'aws', 'mgmt', 'argocd');
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS()));
}

test('the README\'s emptying stops the root, takes the cluster out of every ApplicationSet and deletes, waiting, every Application on it', () => {
  const block = readmeBlock('decommission-empty');
  const probe = kubectlStandIn();
  const objects = argocdObjects(probe.work);
  const applications = objects.filter((o) => o.kind === 'Application');
  const root = applications.find((a) => a.spec.source?.path?.endsWith('/argocd'))!;
  const fleet = root.metadata.name.replace(/-root$/, '');
  const onCluster = applications.filter((a) => a.spec.destination?.name === CLUSTER).map((a) => a.metadata.name).sort();
  expect(onCluster.length).toBeGreaterThan(5);

  const kubectl = kubectlStandIn({ prints: [{ prefix: '-n argocd get applications -o jsonpath=', stdout: `${onCluster.join(' ')} ` }] });
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

  // 3. The cluster's root first, then every Application that targets the cluster, each waited for.
  const deletes = calls.filter((c) => c[2] === 'delete');
  expect(at('label')).toBeLessThan(at('delete'));
  expect(deletes[0][4]).toBe(`${CLUSTER}-root`);
  expect(applications.map((a) => a.metadata.name)).toContain(`${CLUSTER}-root`);
  expect(deletes.slice(1).map((c) => c[4]).sort()).toEqual(onCluster);
  for (const d of deletes) expect(d).toEqual(expect.arrayContaining(['--wait', '--ignore-not-found']));
  // The query asks for the Applications whose destination is the cluster by name, as synth writes them.
  expect(calls.find((c) => c[2] === 'get')!.join(' ')).toContain(`?(@.spec.destination.name=="${CLUSTER}")`);
});
