import { stackFilePath, stackOfFile } from './stack-path';

test('a stack\'s configuration path, and back; any other file is no stack', () => {
  expect(stackFilePath('interconnect-aws-gcp')).toBe('terraform/stacks/interconnect-aws-gcp/cdk.tf.json');
  expect(stackOfFile(stackFilePath('aws-prod'))).toBe('aws-prod');
  for (const p of ['terraform/stacks/vault/vault-ca.pem', 'terraform/stacks/a/b/cdk.tf.json', 'k8s/aws/mgmt/cdk.tf.json', 'terraform/.gitignore']) expect([p, stackOfFile(p)]).toEqual([p, undefined]);
});
