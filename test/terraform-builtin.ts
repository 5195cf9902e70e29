import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from './tree';

/*
 * Tests that apply a configuration with Terraform's built-in `terraform_data` only: `terraform init`
 * of such a configuration needs no provider and no network, so they run wherever the binary is.
 */

/** The environment they run Terraform in: no user CLI configuration, no checkpoint call. */
export const TERRAFORM_ENV = { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };

/** Why such a test cannot run here (no binary, or an init that fails), or undefined when it can. */
export const builtinTerraformSkip: string | undefined = (() => {
  if (spawnSync('terraform', ['version'], { encoding: 'utf8' }).status !== 0) return 'no terraform binary';
  const dir = tempDir('fleetsynth-tf-');
  fs.writeFileSync(path.join(dir, 'main.tf.json'), '{"resource":{"terraform_data":{"x":{}}}}');
  const init = spawnSync('terraform', ['init', '-input=false', '-no-color'], { cwd: dir, encoding: 'utf8', env: TERRAFORM_ENV });
  return init.status === 0 ? undefined : `terraform init failed: ${init.stderr.trim().split('\n')[0]}`;
})();

/** `test` where such a test can run, `test.skip` elsewhere; the name says why it was skipped. */
export function withBuiltinTerraform(name: string, fn: () => void): void {
  if (builtinTerraformSkip === undefined) test(name, fn);
  else test.skip(`${name} (skipped: ${builtinTerraformSkip})`, fn);
}
