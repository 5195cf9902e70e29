import { Construct } from 'constructs';
import { DataResource, logicalIdAt, TerraformOutput, TerraformStack, Testing, withoutUtilIsArrayDeprecation } from './cdktf';

describe('logicalIdAt', () => {
  test('is the name cdktf gives a resource constructed with that id under that scope', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const scope = new Construct(new Construct(stack, 'outer'), 'inner');
    const resource = new DataResource(scope, 'some-resource', {});
    expect(logicalIdAt(scope, 'some-resource')).toBe(resource.friendlyUniqueId);
    expect(logicalIdAt(scope, 'other')).not.toBe(resource.friendlyUniqueId);
    // directly under the stack too
    expect(logicalIdAt(stack, 'top')).toBe(new DataResource(stack, 'top', {}).friendlyUniqueId);
  });
});

describe('withoutUtilIsArrayDeprecation', () => {
  // Node's own module object, the one cdktf's terraform-output.js reads util.isArray from.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodeUtil: { isArray: unknown } = require('util');

  test('while it runs, cdktf checks output values with Array.isArray (Node 22 and 24 warn on util.isArray, DEP0044); put back after, also on a throw', () => {
    const before = nodeUtil.isArray;
    const stack = new TerraformStack(Testing.app(), 'stack');
    new TerraformOutput(stack, 'list', { value: ['a', 'b'] });
    let during: unknown;
    const json = withoutUtilIsArrayDeprecation(() => {
      during = nodeUtil.isArray;
      return stack.toTerraform() as { output: Record<string, { value: unknown }> };
    });
    expect(during).toBe(Array.isArray);
    // the same check: a list output is a value, not a reference to a resource
    expect(json.output.list.value).toEqual(['a', 'b']);
    expect(nodeUtil.isArray).toBe(before);
    expect(() => withoutUtilIsArrayDeprecation(() => { throw new Error('render failed'); })).toThrow('render failed');
    expect(nodeUtil.isArray).toBe(before);
  });
});
