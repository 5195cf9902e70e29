import { Construct } from 'constructs';
import { DataResource, logicalIdAt, TerraformStack, Testing } from './cdktf';

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
