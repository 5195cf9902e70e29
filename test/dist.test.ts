import * as fs from 'fs';
import * as path from 'path';
import { fleet } from '../apps/fleet';
import { synth } from '../lib/synth';
import { secretMaterial } from './fleets';

const root = path.join(__dirname, '..');

// The committed dist/ must be exactly what `npm run synth` writes for the example fleet.
test('the committed dist/ is what synth writes (run `npm run synth` if this fails)', () => {
  const result = synth(fleet, { outDir: path.join(root, 'dist'), outputsDir: path.join(root, 'terraform-outputs'), check: true, cache: false });
  expect({ added: result.plan.added.map((f) => f.path), changed: result.plan.changed.map((f) => f.path), stale: result.plan.stale }).toEqual({ added: [], changed: [], stale: [] });
});

// What users commit: no key, token or password in any file of it, whatever the example holds
// (the scan itself is tested in lib/addons/secrets/secrets-addon.test.ts: it can fail).
test('the committed dist/ holds no secret material (manifests, stacks, Argo CD values, the index)', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(path.join(root, 'dist'));
  expect(files.length).toBeGreaterThan(10);
  const found = files.flatMap((f) => secretMaterial(fs.readFileSync(f, 'utf8')).map((what) => `${path.relative(root, f)}: ${what}`));
  expect(found).toEqual([]);
});

// This repository stands in for the example's GitOps repo (its dist/ is committed here): every folder the
// example's apps read from that repo must be here, as the kind of folder the app says it is; Argo CD would
// report "app path does not exist" otherwise, which the convergence check cannot see (paths outside dist/).
test('every git folder the example\'s apps read from the GitOps repo is in this repository, a chart or Kustomization where the app says so', () => {
  const folders = (fleet.apps ?? []).flatMap((app) => ('git' in app.source && (app.source.git.repoURL ?? fleet.gitops.repoURL) === fleet.gitops.repoURL ? [app.source.git] : []));
  const markers = (git: (typeof folders)[number]) => (git.helm ? ['Chart.yaml'] : git.kustomize ? ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] : ['.']);
  const missing = folders.filter((git) => !markers(git).some((m) => fs.existsSync(path.join(root, git.path, m))));
  expect(missing.map((git) => git.path)).toEqual([]);
});
