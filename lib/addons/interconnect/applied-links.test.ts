import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { App, DataResource, TerraformOutput, TerraformStack, Testing } from '../../infra/cdktf';
import { TERRAFORM_ENV, withBuiltinTerraform } from '../../../test/terraform-builtin';
import { tempDir } from '../../../test/tree';
import { appliedLinks, appliedLinksOutput, INTERCONNECT_LINKS_OUTPUT } from './applied-links';

/*
 * The output that tells synth a link is applied must not exist after a failed apply. Checked against
 * Terraform itself with its built-in `terraform_data` (no provider to download): one link's resource
 * fails in a local-exec provisioner, as a VPN connection might fail to create.
 */

function stackWithLinks(failing: readonly string[], contrast = false): string {
  const stack = new TerraformStack(new App(), 'probe');
  const links = ['aws-prod-gcp-prod', 'mgmt-gcp-prod'].map((name) => {
    const scope = new Construct(stack, name);
    new DataResource(scope, 'tunnel', { input: { link: name }, ...(failing.includes(name) ? { provisioners: [{ type: 'local-exec', command: 'exit 1' }] } : {}) });
    return { name, scope };
  });
  if (contrast) {
    // What the first version did: a fixed value, `depends_on` every resource (bare addresses).
    new TerraformOutput(stack, INTERCONNECT_LINKS_OUTPUT, { value: links.map((l) => l.name), dependsOn: links.map((l) => ({ fqn: `terraform_data.${(l.scope.node.children[0] as DataResource).friendlyUniqueId}` })), staticId: true });
  } else appliedLinksOutput(stack, links);
  return Testing.synth(stack);
}

function apply(json: string): { status: number | null; outputs: Record<string, { value: unknown }> } {
  const dir = tempDir('fleetsynth-tf-');
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), json);
  const run = (...args: string[]) => spawnSync('terraform', args, { cwd: dir, encoding: 'utf8', env: TERRAFORM_ENV });
  const init = run('init', '-input=false', '-no-color');
  if (init.status !== 0) throw new Error(init.stderr);
  const applied = run('apply', '-auto-approve', '-input=false', '-no-color');
  return { status: applied.status, outputs: JSON.parse(run('output', '-json').stdout || '{}') };
}


describe('interconnect_links, as Terraform writes it', () => {
  withBuiltinTerraform('every link applied: each is listed with the ids of its resources', () => {
    const { status, outputs } = apply(stackWithLinks([]));
    expect(status).toBe(0);
    const value = outputs[INTERCONNECT_LINKS_OUTPUT].value as Record<string, string[]>;
    expect(Object.keys(value).sort()).toEqual(['aws-prod-gcp-prod', 'mgmt-gcp-prod']);
    expect(appliedLinks({ [INTERCONNECT_LINKS_OUTPUT]: value })).toEqual(new Set(['aws-prod-gcp-prod', 'mgmt-gcp-prod']));
  });

  withBuiltinTerraform('a link whose resource fails: the apply fails and no output claims any link', () => {
    const { status, outputs } = apply(stackWithLinks(['mgmt-gcp-prod']));
    expect(status).not.toBe(0);
    expect(outputs[INTERCONNECT_LINKS_OUTPUT]).toBeUndefined();
  });

  withBuiltinTerraform('why not a fixed value with depends_on: Terraform writes it although a dependency failed (hashicorp/terraform#16609)', () => {
    const { status, outputs } = apply(stackWithLinks(['mgmt-gcp-prod'], true));
    expect(status).not.toBe(0);
    expect(outputs[INTERCONNECT_LINKS_OUTPUT]?.value).toEqual(['aws-prod-gcp-prod', 'mgmt-gcp-prod']);
  });
});

describe('appliedLinks (reading the saved output)', () => {
  test('nothing saved yet: no link is applied, and nothing is wrong', () => {
    const problems: never[] = [];
    expect(appliedLinks(undefined, { file: 'f.json', problems })).toBeUndefined();
    expect(appliedLinks({}, { file: 'f.json', problems })).toBeUndefined();
    expect(problems).toEqual([]);
  });

  test.each([
    ['a list (an older shape)', ['aws-prod-gcp-prod']],
    ['a link without ids', { 'aws-prod-gcp-prod': [] }],
    ['a string', 'aws-prod-gcp-prod'],
  ])('%s is a problem at the output, never read as applied', (_, value) => {
    const problems: { path: string }[] = [];
    expect(appliedLinks({ [INTERCONNECT_LINKS_OUTPUT]: value }, { file: 'terraform-outputs/interconnect-aws-gcp.json', problems: problems as never })).toBeUndefined();
    expect(problems.map((p) => p.path)).toEqual(['terraform-outputs/interconnect-aws-gcp.json: interconnect_links.value']);
  });
});
