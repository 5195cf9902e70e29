import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, DataResource, TerraformStack, Testing } from '../../infra/cdktf';
import { TERRAFORM_ENV, withBuiltinTerraform } from '../../../test/terraform-builtin';
import { tempDir } from '../../../test/tree';
import { oneAfterAnother } from './one-after-another';

/*
 * A link's connections built one after another: each depends on the one before, and Terraform itself
 * then acts on them in that order. Checked with its built-in `terraform_data` (no provider to
 * download): three resources whose provisioners wait longest for the first, so that in parallel
 * (Terraform's default) they would finish last to first.
 */

function stack(round: number, chained: boolean, log: string): string {
  const s = new TerraformStack(new App(), 'probe');
  const build = (k: number, after: object) =>
    new DataResource(s, `connection-${k}`, {
      ...after,
      triggersReplace: [round],
      provisioners: [
        { type: 'local-exec', command: `sleep ${((3 - k) * 0.4).toFixed(1)}; echo ${k} >> ${log}` },
        { type: 'local-exec', when: 'destroy', command: `sleep ${((3 - k) * 0.4).toFixed(1)}; echo -${k} >> ${log}` },
      ],
    });
  if (chained) oneAfterAnother(3, build);
  else [0, 1, 2].forEach((k) => build(k, {}));
  return Testing.synth(s);
}

test('each resource depends on the one built before it, the first on none', () => {
  const resources = JSON.parse(stack(1, true, '/dev/null')).resource.terraform_data;
  const ids = Object.keys(resources).sort();
  expect(ids.map((id) => resources[id].depends_on)).toEqual([undefined, [`terraform_data.${ids[0]}`], [`terraform_data.${ids[1]}`]]);
});

/**
 * The order in which Terraform acted on the three resources when it created them, then when a change
 * reached all three (`triggers_replace`: a provisioner runs only at creation and destruction, so the
 * change here replaces them, -k its destruction of resource k; an update in place is ordered by the
 * same dependencies).
 */
function order(chained: boolean): string[] {
  const dir = tempDir('fleetsynth-tf-');
  const log = path.join(dir, 'order.log');
  const run = (...args: string[]) => spawnSync('terraform', args, { cwd: dir, encoding: 'utf8', env: TERRAFORM_ENV });
  const rounds: string[] = [];
  for (const round of [1, 2]) {
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), stack(round, chained, log));
    fs.writeFileSync(log, '');
    if (round === 1 && run('init', '-input=false', '-no-color').status !== 0) throw new Error('terraform init failed');
    const applied = run('apply', '-auto-approve', '-input=false', '-no-color');
    if (applied.status !== 0) throw new Error(applied.stderr);
    rounds.push(fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).join(','));
  }
  return rounds;
}

withBuiltinTerraform('Terraform creates them, and makes a change of all of them, one at a time in order', () => {
  // Replaced, they are destroyed one at a time, the last first, and only then created again: a link
  // whose connections are all replaced (its tunnel ranges moved) is down for every step of that.
  expect(order(true)).toEqual(['0,1,2', '-2,-1,-0,0,1,2']);
  // The contrast: unchained, Terraform acts on them at once, and the quickest finishes first; replaced,
  // each is created again as soon as it is destroyed, while the others still are being destroyed.
  const [created, replaced] = order(false);
  expect(created).toEqual('2,1,0');
  expect(replaced.split(',').indexOf('2')).toBeLessThan(replaced.split(',').indexOf('-0'));
});
