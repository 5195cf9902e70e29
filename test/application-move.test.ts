import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { synth } from '../lib/synth';
import { fullTestFleet } from './full-fleet';
import { outputsDir } from './outputs-fixture';
import { tempDir } from './tree';

/*
 * The README's hand-over of the Applications that move to the clusters' roots (the sh block between
 * `<!-- application-move:begin -->` and `<!-- application-move:end -->`), run as written with bash in a
 * folder synth wrote, with a stand-in `kubectl` that records its calls and knows every Application but
 * one. What it must do is what a cluster root's own apply would: write Argo CD's tracking annotation
 * (`<app>:<group>/<kind>:<namespace>/<name>`, argo-cd util/argo/resource_tracking.go
 * BuildAppInstanceValue) naming that root, on exactly the Applications in the roots' folders.
 */

const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
const block = /<!-- application-move:begin[^>]*-->\n```sh\n([\s\S]*?)```\n<!-- application-move:end -->/.exec(README)?.[1];

test('the README\'s hand-over annotates every Application in a cluster\'s root\'s folder as that root\'s, and only those', () => {
  expect(block).toBeDefined();
  const work = tempDir('fleetsynth-move-');
  synth(fullTestFleet(), { outDir: path.join(work, 'dist'), outputsDir: outputsDir(), cache: false });
  const bin = path.join(work, 'bin');
  const log = path.join(work, 'kubectl.log');
  fs.mkdirSync(bin);
  // `get` fails for aws-prod-istiod: an Application not created yet is skipped.
  fs.writeFileSync(path.join(bin, 'kubectl'), `#!/bin/bash\necho "$*" >> "${log}"\n[[ "$*" == *"get application aws-prod-istiod"* ]] && exit 1\nexit 0\n`, { mode: 0o755 });
  // As a user's shell runs it: no startup file (BASH_ENV) or inherited shell options (SHELLOPTS).
  const { BASH_ENV, SHELLOPTS, ...env } = process.env;
  const run = spawnSync('bash', ['-c', block!], { cwd: work, encoding: 'utf8', env: { ...env, PATH: `${bin}${path.delimiter}${process.env.PATH}` } });
  expect(`${run.status}\n${run.stderr}`).toBe('0\n');

  const folder = path.join(work, 'dist/k8s/aws/mgmt/argocd/clusters');
  const moved = fs.readdirSync(folder).flatMap((cluster) => fs.readdirSync(path.join(folder, cluster)).map((f) => ({ cluster, name: f.replace(/^application\.argoproj\.io_(.*)\.yaml$/, '$1') })));
  expect(moved.length).toBeGreaterThan(8);
  const annotated = fs.readFileSync(log, 'utf8').split('\n').filter((l) => l.includes(' annotate '));
  expect(annotated.sort()).toEqual(
    moved
      .filter((m) => m.name !== 'aws-prod-istiod')
      .map((m) => `-n argocd annotate application ${m.name} --overwrite argocd.argoproj.io/tracking-id=${m.cluster}-root:argoproj.io/Application:argocd/${m.name}`)
      .sort(),
  );
  expect(annotated.join('\n')).toContain('argocd.argoproj.io/tracking-id=mgmt-root:argoproj.io/Application:argocd/mgmt-istiod');
});
