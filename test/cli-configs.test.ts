import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { fleet } from '../apps/fleet';
import { tempDir } from './tree';

// cdk8s.yaml and cdktf.json are for users who run the cdk8s / cdktf CLIs themselves; their entries
// must keep working although `npm run synth` never uses them. The CLIs are not dependencies, so this
// runs the entries the way the CLIs do: the `app` command with the CLI's output folder in the env.
// The cdktf entry runs wholly through ts-node, as users run it; the cdk8s entry through ts-node with
// lib/ loaded compiled (test/built.js): the same code, ~3 s of CPU less (ts-node transpiling lib/
// again), and ts-node's handling of lib/ is what the cdktf entry's run shows.
const root = path.join(__dirname, '..');
const run = (entry: string, env: Record<string, string>, preload: string[] = []) =>
  spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', ...preload.flatMap((p) => ['-r', p]), entry], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });

test('cdk8s.yaml: a typescript app whose entry writes one manifest file per cluster, never into dist/', () => {
  const config = parse(fs.readFileSync(path.join(root, 'cdk8s.yaml'), 'utf8'));
  expect(config).toMatchObject({ language: 'typescript', app: 'npx ts-node apps/cdk8s.ts', output: 'cdk8s.out' });
  const out = tempDir();
  const r = run('apps/cdk8s.ts', { CDK8S_OUTDIR: out }, ['./test/built.js']);
  expect(r.status).toBe(0);
  for (const c of fleet.clusters) expect(fs.existsSync(path.join(out, c.cloud, c.name, `${c.name}.k8s.yaml`))).toBe(true);
  // The same objects synth writes, read from the same Terraform outputs (the stacks' too: which
  // interconnect links are applied decides the gateways istiod names).
  const management = fleet.clusters.find((c) => c.role === 'management')!;
  const written = fs.readFileSync(path.join(out, management.cloud, management.name, `${management.name}.k8s.yaml`), 'utf8');
  for (const file of fs.readdirSync(path.join(root, 'dist/k8s', management.cloud, management.name, 'argocd')).filter((f) => f.endsWith('-istiod.yaml'))) {
    expect(written).toContain(fs.readFileSync(path.join(root, 'dist/k8s', management.cloud, management.name, 'argocd', file), 'utf8').trim());
  }
});

test('cdktf.json: a typescript app whose entry writes one stack per cluster plus the fleet-wide ones, never into dist/', () => {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8'));
  expect(config).toMatchObject({ language: 'typescript', app: 'npx ts-node apps/cdktf.ts', output: 'cdktf.out' });
  const out = tempDir();
  const r = run('apps/cdktf.ts', { CDKTF_OUTDIR: out });
  expect(r.status).toBe(0);
  // The same stacks synth wrote into the committed dist/ (clusters', Argo CD's OIDC providers', the add-ons').
  expect(fs.readdirSync(path.join(out, 'stacks')).sort()).toEqual(fs.readdirSync(path.join(root, 'dist', 'terraform', 'stacks')).filter((f) => !f.startsWith('.')).sort());
});
