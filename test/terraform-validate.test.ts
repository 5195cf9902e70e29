import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Cloud } from '../lib/fleet';
import { synth } from '../lib/synth';
import { fakeOutputsWithAddons, outputsFolder, testFleet } from './fleets';
import { tempDir } from './tree';
import { fullTestFleet } from './full-fleet';

/*
 * Terraform itself reads every stack synth writes, for fleets managed from each cloud, before and
 * after the clusters' outputs exist (the two shapes a stack takes: e.g. API access lists, federation),
 * and every stack of the committed dist/.
 *
 * - `terraform providers` parses a configuration (JSON syntax, block and meta-argument structure,
 *   depends_on references, lifecycle conditions, the pinned provider versions) with no provider
 *   installed: it runs wherever the binary is. Without the binary the test reports itself skipped.
 * - `terraform validate` checks arguments against the providers' schemas and validators: it needs
 *   the providers, so it runs where `terraform init` can get them (a registry or a local mirror), and
 *   otherwise reports itself skipped with the reason. It never passes without validating.
 */
function terraform(args: string[], cwd: string) {
  return spawnSync('terraform', args, { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' } });
}

const firstError = (run: ReturnType<typeof terraform>) => {
  const lines = `${run.stderr}\n${run.stdout}`.split('\n').map((l) => l.replace(/^[│╷╵\s]+/, '').trim());
  const at = lines.findIndex((l) => /^Error:/.test(l));
  return at >= 0 ? lines.slice(at, at + 6).filter(Boolean).join(' ') : lines.find((l) => l.length > 0) ?? 'unknown error';
};

/** Every stack synth writes for these fleets, each copied into its own folder: `<fleet>/<stack>` → folder. */
function renderStacks(): Map<string, string> {
  const stacks = new Map<string, string>();
  // A management cluster on each cloud, each with a workload cluster on every cloud (Argo CD reaching
  // EKS from GKE or AKS adds an OIDC provider stack), and the full fleet (every platform service's stacks).
  const fleets: [string, any][] = [...(['aws', 'gcp', 'azure'] as Cloud[]).map((m): [string, any] => [`${m}-managed`, testFleet(m)]), ['full fleet', fullTestFleet()]];
  for (const [name, fleet] of fleets) {
    for (const phase of ['pending', 'applied'] as const) {
      const out = path.join(tempDir(), 'dist');
      const outputs = phase === 'applied' ? outputsFolder(fakeOutputsWithAddons(fleet)) : path.join(tempDir(), 'none');
      synth(fleet, { outDir: out, outputsDir: outputs, cache: false });
      const root = path.join(out, 'terraform', 'stacks');
      for (const stack of fs.readdirSync(root)) {
        const dir = tempDir('fleetsynth-tf-');
        fs.copyFileSync(path.join(root, stack, 'cdk.tf.json'), path.join(dir, 'cdk.tf.json'));
        stacks.set(`${name} ${phase}: ${stack}`, dir);
      }
    }
  }
  // And the committed dist/, whatever fleet it was written from: what users apply.
  const dist = path.join(__dirname, '..', 'dist', 'terraform', 'stacks');
  for (const stack of fs.existsSync(dist) ? fs.readdirSync(dist) : []) {
    const dir = tempDir('fleetsynth-tf-');
    fs.copyFileSync(path.join(dist, stack, 'cdk.tf.json'), path.join(dir, 'cdk.tf.json'));
    stacks.set(`committed dist/: ${stack}`, dir);
  }
  return stacks;
}

const version = spawnSync('terraform', ['version'], { encoding: 'utf8' });
const noBinary = version.error || version.status !== 0 ? 'no terraform binary on PATH' : undefined;

if (noBinary) {
  // jest does not print the names of skipped tests in a wholly skipped file: say why here too.
  console.warn(`terraform checks skipped: ${noBinary}`);
  test.skip(`terraform parses and validates every stack (skipped: ${noBinary})`, () => undefined);
} else {
  const stacks = renderStacks();

  test('the fleets render a stack per cluster for every cloud, pending and applied, and the fleet-wide stacks', () => {
    const names = [...stacks.keys()].filter((k) => !k.startsWith('committed'));
    for (const m of ['aws', 'gcp', 'azure']) for (const phase of ['pending', 'applied']) for (const c of ['t-mgmt', 't-aws', 't-gcp', 't-azure']) expect(names).toContain(`${m}-managed ${phase}: ${c}`);
    // Argo CD on GKE or AKS reaches EKS through an IAM OIDC provider of its own stack.
    for (const m of ['gcp', 'azure']) expect(names.filter((n) => n.startsWith(`${m}-managed applied: argocd-oidc-`))).toHaveLength(1);
    for (const stack of ['vault', 'global-dns', 'interconnect-aws-azure', 'interconnect-aws-gcp', 'interconnect-azure-gcp']) expect(names).toContain(`full fleet applied: ${stack}`);
  });

  test.each([...stacks])('terraform parses %s', (_, dir) => {
    // `providers` insists on an initialized backend, even a local one: parse a copy without it (the
    // backend block is lib/infra/backend.ts's, asserted in its own tests).
    const copy = tempDir('fleetsynth-tf-parse-');
    const stack = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
    delete stack.terraform.backend;
    fs.writeFileSync(path.join(copy, 'cdk.tf.json'), JSON.stringify(stack));
    const run = terraform(['providers', '-no-color'], copy);
    expect({ status: run.status, error: run.status === 0 ? undefined : firstError(run) }).toEqual({ status: 0, error: undefined });
    // The pinned provider, exactly.
    expect(run.stdout).toMatch(/provider\[registry\.terraform\.io\/hashicorp\/(aws\] 6\.25\.0|google\] 6\.50\.0|azurerm\] 4\.55\.0|vault\] 5\.6\.0)/);
  });

  // -backend=false: validation needs no state; providers come from a local mirror or the registry.
  const [firstDir] = stacks.values();
  const init = terraform(['init', '-backend=false', '-input=false', '-no-color'], firstDir);
  const skip = init.status === 0 ? undefined : `terraform init cannot get the providers here (${firstError(init).slice(0, 200)})`;
  if (skip) {
    console.warn(`terraform validate skipped: ${skip}`);
    test.skip(`terraform validate of every stack (skipped: ${skip})`, () => undefined);
  } else {
    test.each([...stacks])('terraform validate %s', (_, dir) => {
      if (dir !== firstDir) expect(terraform(['init', '-backend=false', '-input=false', '-no-color'], dir).status).toBe(0);
      const run = terraform(['validate', '-json', '-no-color'], dir);
      const result = JSON.parse(run.stdout);
      expect(result.diagnostics).toEqual([]);
      expect(result.valid).toBe(true);
    });
  }
}
