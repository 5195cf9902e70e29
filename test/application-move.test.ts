import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { kubectlStandIn, mergePatch } from './kubectl-stand-in';
import { readmeBlock } from './readme-block';

/*
 * The README's hand-over of the Applications that move to the clusters' roots (the sh block between
 * `<!-- application-move:begin -->` and `<!-- application-move:end -->`), run as written with bash in a
 * folder synth wrote, with a stand-in `kubectl` that records its calls and knows every Application but
 * one. What it must do is what a cluster root's own apply would: write Argo CD's tracking annotation
 * (`<app>:<group>/<kind>:<namespace>/<name>`, argo-cd util/argo/resource_tracking.go
 * BuildAppInstanceValue) naming that root, on exactly the Applications in the roots' folders.
 */

const block = readmeBlock('application-move');

/** The full test fleet's output and a stand-in kubectl that knows every Application but one (one not created yet). */
const standIn = () => kubectlStandIn({ fails: ['-n argocd get application aws-prod-istiod'] });

test('the README\'s hand-over annotates every Application in a cluster\'s root\'s folder as that root\'s, and only those', () => {
  expect(block).toBeDefined();
  const kubectl = standIn();
  kubectl.run(block!);

  const folder = path.join(kubectl.work, 'dist/k8s/aws/mgmt/argocd/clusters');
  const moved = fs.readdirSync(folder).flatMap((cluster) => fs.readdirSync(path.join(folder, cluster)).map((f) => ({ cluster, name: f.replace(/^application\.argoproj\.io_(.*)\.yaml$/, '$1') })));
  expect(moved.length).toBeGreaterThan(8);
  const annotated = kubectl.calls().filter((c) => c[2] === 'annotate').map((c) => c.join(' '));
  expect(annotated.sort()).toEqual(
    moved
      .filter((m) => m.name !== 'aws-prod-istiod')
      .map((m) => `-n argocd annotate application ${m.name} --overwrite argocd.argoproj.io/tracking-id=${m.cluster}-root:argoproj.io/Application:argocd/${m.name}`)
      .sort(),
  );
  expect(annotated.join('\n')).toContain('argocd.argoproj.io/tracking-id=mgmt-root:argoproj.io/Application:argocd/mgmt-istiod');
});

test('the README\'s stop and resume patches turn the running root (which recurses into the clusters\' folders) into the one synth writes, and it syncs nothing in between', () => {
  const stop = readmeBlock('application-move-stop');
  const resume = readmeBlock('application-move-resume');
  expect(stop).toBeDefined();
  expect(resume).toBeDefined();
  const kubectl = standIn();
  kubectl.run(stop!);
  kubectl.run(resume!);
  const calls = kubectl.calls();
  const written = parse(fs.readFileSync(path.join(kubectl.work, 'dist/k8s/aws/mgmt/argocd/application.argoproj.io_acme-platform-root.yaml'), 'utf8'));
  expect(calls.map((c) => c.slice(0, 4))).toEqual([['-n', 'argocd', 'patch', 'application'], ['-n', 'argocd', 'patch', 'application']]);
  expect(calls.map((c) => c[4])).toEqual([written.metadata.name, written.metadata.name]);
  const patches = calls.map((c) => JSON.parse(c[c.indexOf('-p') + 1]));
  // The root as the previous synth wrote it: the same, but reading the clusters' folders too.
  const running = { ...written, spec: { ...written.spec, source: { ...written.spec.source, directory: { recurse: true } } } };
  const stopped = mergePatch(running, patches[0]) as typeof written;
  expect(stopped.spec.source).toEqual(written.spec.source);
  expect(stopped.spec.syncPolicy.automated.enabled).toBe(false);
  expect(mergePatch(stopped, patches[1])).toEqual(written);
});
