import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from '../../test/tree';
import { TERRAFORM_GITIGNORE } from '../synth/terraform-gitignore';
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

  test('accepts exactly the names Git does not ignore beside a stack: dist/terraform/.gitignore would keep the others out of the pipeline\'s checkout', () => {
    const names = ['vault-ca.pem', 'ca.pem', 'plan', 'tfplan', 'plan.txt', 'crash.log', 'crash.1.log', 'crash.txt', 'terraform.rc', 'terraform.rc.txt', 'a.tfstate.backup', 'a.tfstatex', 'x.tfplan', 'override.tf', 'x.tfvars'];
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'terraform', 'stacks', 's'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'terraform', '.gitignore'), TERRAFORM_GITIGNORE);
    execFileSync('git', ['init', '-q', dir]);
    // --non-matching --verbose: "::<tab>path" for a path no pattern ignores.
    const report = execFileSync('git', ['-C', dir, 'check-ignore', '--no-index', '--non-matching', '--verbose', ...names.map((n) => `terraform/stacks/s/${n}`)], { encoding: 'utf8' });
    const kept = report.split('\n').filter((l) => l.startsWith('::\t')).map((l) => path.basename(l.slice(3))).sort();
    const accepted = names.filter((fileName) => {
      try {
        new StackFile(new TerraformStack(Testing.app(), 's'), 'f', { fileName, content: 'x' });
        return true;
      } catch {
        return false;
      }
    });
    expect(accepted.sort()).toEqual(kept);
    expect(kept).toEqual(['a.tfstatex', 'ca.pem', 'crash.txt', 'plan.txt', 'terraform.rc.txt', 'vault-ca.pem']);
  });

  test('fails when the content is empty or a Terraform value (unknown at synth)', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(() => new StackFile(stack, 'f', { fileName: 'ca.pem', content: ' \n' })).toThrow('stack file ca.pem: the content must be known text');
    const mount = new Mount(stack, 'pki', { path: 'pki', type: 'pki' });
    expect(() => new StackFile(stack, 'g', { fileName: 'ca.pem', content: mount.path })).toThrow('stack file ca.pem: the content must be known text');
  });
});
