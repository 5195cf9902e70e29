import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { testFleet } from '../../test/fleets';
import { readTree, tempDir, writeTree } from '../../test/tree';
import { synth } from './synth';
import { TERRAFORM_GITIGNORE_FILE } from './terraform-gitignore';

describe('dist/terraform/.gitignore', () => {
  const repo = tempDir();
  const out = path.join(repo, 'dist');
  synth(testFleet(), { outDir: out, outputsDir: path.join(repo, 'terraform-outputs') });

  test('is a generated file: written and indexed like the others', () => {
    const tree = readTree(out);
    expect(tree[TERRAFORM_GITIGNORE_FILE]).toContain('*.tfstate');
    expect(JSON.parse(tree['fleetsynth-index.json']).files[TERRAFORM_GITIGNORE_FILE]).toMatch(/^[0-9a-f]{64}$/);
  });

  test('keeps Terraform\'s working files in a stack folder out of Git, and the stack and its lock file in', () => {
    const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
    expect(git('init', '-q').status).toBe(0);
    const stack = 'dist/terraform/stacks/t-aws';
    const ignored = ['.terraform/providers/registry.terraform.io/hashicorp/aws/6.25.0/linux_amd64/terraform-provider-aws', '.terraform/terraform.tfstate', 'terraform.tfstate', 'terraform.tfstate.backup', '.terraform.tfstate.lock.info', 'plan', 'tfplan', 'aws-prod.tfplan', 'crash.log', 'secrets.auto.tfvars', 'local_override.tf.json'];
    const kept = ['cdk.tf.json', '.terraform.lock.hcl'];
    writeTree(repo, Object.fromEntries([...ignored, '.terraform.lock.hcl'].map((f) => [`${stack}/${f}`, 'x'])));
    expect(fs.existsSync(path.join(repo, stack, 'cdk.tf.json'))).toBe(true);
    const check = (f: string) => git('check-ignore', '-q', `${stack}/${f}`).status === 0;
    expect(ignored.filter((f) => !check(f))).toEqual([]);
    expect(kept.filter(check)).toEqual([]);
  });
});
