import * as path from 'path';
import { Construct } from 'constructs';
import { FleetAddon } from '../addons';
import { FleetError } from '../fleet';
import { TerraformOutput } from '../infra/cdktf';
import { fakeOutputs, outputsFolder, testFleet } from '../../test/fleets';
import { tempDir } from '../../test/tree';
import { sensitiveOutputProblems } from './sensitive-output-guard';
import { synth } from './synth';

// An add-on that declares a secret as an output, in a cluster's stack and in a fleet-wide stack of its own.
const leaky: FleetAddon = {
  name: 'leaky',
  clusterStack: (scope: Construct, ctx) => {
    if (ctx.cluster.name === 't-aws') new TerraformOutput(scope, 'admin_token', { value: 'from-a-resource', sensitive: true, staticId: true });
  },
  stacks: () => [{ name: 'tokens', build: (stack) => new TerraformOutput(stack, 'signing_key', { value: 'from-a-resource', sensitive: true, staticId: true }) }],
};

describe('sensitive outputs', () => {
  test('synth refuses a stack with a sensitive output: terraform output -json prints it in clear, and the pipeline commits that', () => {
    const dir = path.join(tempDir(), 'dist');
    let error: unknown;
    try {
      synth({ ...testFleet(), addons: [leaky] } as never, { outDir: dir, outputsDir: outputsFolder(fakeOutputs(testFleet())) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FleetError);
    expect((error as FleetError).problems.filter((p) => /sensitive output/.test(p.message)).map((p) => p.path).sort()).toEqual([
      'terraform/stacks/t-aws/cdk.tf.json: output.admin_token',
      'terraform/stacks/tokens/cdk.tf.json: output.signing_key',
    ]);
  });

  // Terraform decodes `sensitive` as a bool, converting a JSON string ("true", "1", a template):
  // terraform v1.11.4 internal/configs/named_values.go; go-cty convert. An override is no way around the check.
  test('an output marked sensitive by an override with a string is refused too; one marked false is not', () => {
    const marked = (value: unknown) => sensitiveOutputProblems({ output: { token: { value: 'x', sensitive: value } } }, 'cdk.tf.json').length;
    expect(['true', '1', '${true}', true].map(marked)).toEqual([1, 1, 1, 1]);
    expect([false, 'false', '0', undefined].map(marked)).toEqual([0, 0, 0, 0]);
    // The problem shows what was given, as the Standards ask.
    expect(sensitiveOutputProblems({ output: { token: { value: 'x', sensitive: 'true' } } }, 'cdk.tf.json')[0].given).toBe('sensitive: "true"');
  });
});
