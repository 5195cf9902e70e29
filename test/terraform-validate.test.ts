import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fleet } from '../apps/fleet';
import { tempDir } from './tree';

/*
 * `terraform validate` of every committed stack. It needs the terraform binary and the providers;
 * where either cannot be had (no binary, no network to download providers, no local mirror) the
 * test reports itself skipped, with the reason in its name. It never passes without validating.
 */
const dist = path.join(__dirname, '..', 'dist', 'terraform', 'stacks');

function terraform(args: string[], cwd: string) {
  return spawnSync('terraform', args, { cwd, encoding: 'utf8', timeout: 300_000, env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' } });
}

function prepare(): { dirs: Map<string, string> } | { skip: string } {
  const version = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return { skip: 'no terraform binary on PATH' };
  const dirs = new Map<string, string>();
  for (const c of fleet.clusters) {
    const dir = tempDir('fleetsynth-tf-');
    fs.copyFileSync(path.join(dist, c.name, 'cdk.tf.json'), path.join(dir, 'cdk.tf.json'));
    // -backend=false: validation needs no state; providers come from a local mirror or the registry.
    const init = terraform(['init', '-backend=false', '-input=false', '-no-color'], dir);
    if (init.status !== 0) {
      const lines = `${init.stderr}\n${init.stdout}`.split('\n').map((l) => l.replace(/^[│╷╵\s]+/, '').trim());
      const reason = lines.find((l) => /^Error:/.test(l)) ?? lines.find((l) => l.length > 0) ?? 'unknown error';
      return { skip: `terraform init cannot get the providers here (${reason})` };
    }
    dirs.set(c.name, dir);
  }
  return { dirs };
}

const prepared = prepare();
if ('skip' in prepared) {
  // jest does not print the names of skipped tests in a wholly skipped file: say why here too.
  console.warn(`terraform validate skipped: ${prepared.skip}`);
  test.skip(`terraform validate of every stack (skipped: ${prepared.skip})`, () => undefined);
} else {
  test.each([...prepared.dirs])('terraform validate %s', (_, dir) => {
    const run = terraform(['validate', '-json', '-no-color'], dir);
    const result = JSON.parse(run.stdout);
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });
}
