import * as path from 'path';
import { Construct } from 'constructs';
import { FleetAddon } from '../addons';
import { FleetError } from '../fleet';
import { TerraformOutput } from '../infra/cdktf';
import { fakeOutputs, outputsFolder, testFleet } from '../../test/fleets';
import { tempDir } from '../../test/tree';
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
});
