import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../../test/tree';
import { App, TerraformStack, Testing } from './cdktf';
import { StackFile } from './stack-file';
import { Mount, VaultProvider } from './providers/vault';

describe('StackFile: a file beside a stack\'s cdk.tf.json', () => {
  test('the stack refers to it by ${path.module}; StackFile.of lists a stack\'s files by name', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const b = new StackFile(stack, 'b', { fileName: 'b.pem', content: 'B\n' });
    new StackFile(stack, 'a', { fileName: 'a.txt', content: 'A\n' });
    expect(b.modulePath).toBe('${path.module}/b.pem');
    expect(StackFile.of(stack).map((f) => [f.fileName, f.content])).toEqual([['a.txt', 'A\n'], ['b.pem', 'B\n']]);
    expect(StackFile.of(new TerraformStack(Testing.app(), 'other'))).toEqual([]);
  });

  test('`cdktf synth` writes it into the stack\'s folder too, with exactly its content', () => {
    const outdir = tempDir();
    const app = new App({ outdir, stackTraces: false });
    const stack = new TerraformStack(app, 'vault');
    const file = new StackFile(stack, 'ca', { fileName: 'vault-ca.pem', content: 'PEM\n' });
    new VaultProvider(stack, 'vault', { address: 'https://v.example.com', caCertFile: file.modulePath });
    app.synth();
    expect(fs.readdirSync(path.join(outdir, 'stacks', 'vault')).sort()).toEqual(['cdk.tf.json', 'vault-ca.pem']);
    expect(fs.readFileSync(path.join(outdir, 'stacks', 'vault', 'vault-ca.pem'), 'utf8')).toBe('PEM\n');
  });

  test.each(['main.tf', 'x.tf.json', 'cdk.tf.json', 'terraform.tfvars', 'x.auto.tfvars.json', '.terraform.lock.hcl', 'sub/ca.pem', 'CA.pem', ''])('fails when the name is %j: not a plain file name, or one Terraform reads', (fileName) => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(() => new StackFile(stack, 'f', { fileName, content: 'x' })).toThrow(`stack file ${JSON.stringify(fileName)}: the name must be a plain lowercase file name, not a Terraform file`);
  });

  test('fails when the content is empty or a Terraform value (unknown at synth)', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(() => new StackFile(stack, 'f', { fileName: 'ca.pem', content: ' \n' })).toThrow('stack file ca.pem: the content must be known text');
    const mount = new Mount(stack, 'pki', { path: 'pki', type: 'pki' });
    expect(() => new StackFile(stack, 'g', { fileName: 'ca.pem', content: mount.path })).toThrow('stack file ca.pem: the content must be known text');
  });
});
