import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { synth } from '../lib/synth';
import { ARGOCD_CHART } from '../lib/k8s/argocd/argocd-install';
import { fullTestFleet } from './full-fleet';
import { outputsDir } from './outputs-fixture';
import { readmeBlock } from './readme-block';
import { tempDir } from './tree';

/*
 * The README's two installs of Argo CD's chart by hand: the bootstrap (`<!-- argocd-bootstrap:begin -->`,
 * under "Bootstrap") and the roll-back of an Argo CD upgrade (`<!-- argocd-rollback:begin -->`, under
 * "Upgrading fleetsynth over a fleet that is running"): their lines that read the version Git names,
 * run with bash on a synthesized output, so neither installs a version other than the one Argo CD's
 * own Application then manages. The rest needs a cluster (helm, kubectl) and is not run here.
 */

test.each(['argocd-bootstrap', 'argocd-rollback'])('%s reads the Argo CD chart version from the argocd Application synth writes', (block) => {
  const lines = readmeBlock(block).split('\n');
  // Nothing names a version by hand: only the one it read.
  expect(lines.filter((l) => /--version\b/.test(l))).toEqual([expect.stringContaining('--version "$version"')]);
  const app = lines.find((l) => l.startsWith('app='));
  const version = lines.find((l) => l.startsWith('version='));
  expect(app).toBeDefined();
  expect(version).toBeDefined();

  const fleet = fullTestFleet();
  const out = path.join(tempDir(), 'gitops');
  synth(fleet, { outDir: path.join(out, 'dist'), outputsDir: outputsDir(), cache: false });
  const management = fleet.clusters.find((c: { role: string }) => c.role === 'management')!;
  // The block's placeholders, as a user fills them in.
  const filled = app!.replace('<cloud>', management.cloud).replace('<management>', management.name);
  expect(fs.existsSync(path.join(out, filled.replace(/^app=/, '')))).toBe(true);
  const r = spawnSync('bash', ['-c', `${filled}\n${version}\nprintf %s "$version"\n`], { cwd: out, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe(ARGOCD_CHART.version);
});
