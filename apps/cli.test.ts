import * as path from 'path';
import { readTree, tempDir, writeTree } from '../test/tree';
import { main, parseArgs } from './cli';

function run(argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: main(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const FLEET = path.join(__dirname, 'fleet.ts');
const NO_OUTPUTS = ['--outputs', path.join(tempDir(), 'none')];

describe('parseArgs', () => {
  test('has the documented defaults', () => {
    expect(parseArgs([])).toEqual({ fleet: 'apps/fleet.ts', out: 'dist', outputs: 'terraform-outputs', check: false, strict: false, help: false });
  });

  test('takes values as separate words or after =', () => {
    expect(parseArgs(['--fleet', 'f.ts', '--out=o', '--check', '--strict'])).toMatchObject({ fleet: 'f.ts', out: 'o', check: true, strict: true });
  });

  test.each([[['--bogus']], [['--out']], [['--fleet', '--check']]])('fails when given %j', (argv) => {
    expect(typeof parseArgs(argv)).toBe('string');
  });
});

describe('main', () => {
  test('--help prints usage and exits 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--check');
    expect(r.stdout).toContain('exit codes');
  });

  test('a bad option exits 2 with usage on stderr', () => {
    const r = run(['--nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown option "--nope"');
  });

  test('writes the output and prints a summary with clusters, files and stage times', () => {
    const out = path.join(tempDir(), 'dist');
    const r = run(['--fleet', FLEET, '--out', out, ...NO_OUTPUTS]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^clusters: 4 \(4 pending, no Terraform outputs yet: aws-prod, azure-prod, gcp-prod, mgmt\)$/m);
    expect(r.stdout).toMatch(/^files: \d+ written, 0 unchanged, 0 removed/m);
    expect(r.stdout).toMatch(/^time: validate fleet \d+ ms, render/m);
    expect(run(['--fleet', FLEET, '--out', out, ...NO_OUTPUTS]).stdout).toMatch(/^files: 0 written, \d+ unchanged, 0 removed/m);
  });

  test('--check exits 3 and lists the difference when the output is out of date', () => {
    const out = path.join(tempDir(), 'dist');
    run(['--fleet', FLEET, '--out', out, ...NO_OUTPUTS]);
    writeTree(out, { 'k8s/aws/mgmt/_bootstrap/kube-system/configmap_cloud-config.yaml': 'edited\n' });
    const before = readTree(out);
    const r = run(['--fleet', FLEET, '--out', out, '--check', ...NO_OUTPUTS]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('  changed: k8s/aws/mgmt/_bootstrap/kube-system/configmap_cloud-config.yaml');
    expect(readTree(out)).toEqual(before);
  });

  test('fails with exit 1 when the fleet is invalid, listing each problem on stderr', () => {
    const dir = tempDir();
    writeTree(dir, { 'bad-fleet.ts': "export const fleet = { name: 'Bad Name', gitops: { repoURL: 'x' }, clusters: [] };\n" });
    const out = path.join(dir, 'dist');
    const r = run(['--fleet', path.join(dir, 'bad-fleet.ts'), '--out', out, ...NO_OUTPUTS]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  - name: fleet name must be a DNS-1123 label');
    expect(r.stderr).toContain('  - gitops.repoURL: must be a git URL');
    expect(r.stderr).toContain('  - clusters: a fleet needs at least one cluster');
    expect(r.stderr).toContain('nothing was written');
    expect(readTree(out)).toEqual({});
  });

  test.each([
    ['throws', "throw new Error('fleet file broke');\n", 'could not be loaded: fleet file broke'],
    ['exports no fleet', 'export const notAFleet = 1;\n', 'exports no fleet'],
  ])('fails with exit 1 when the fleet file %s, naming the file', (_, source, message) => {
    const dir = tempDir();
    const file = path.join(dir, 'fleet.ts');
    writeTree(dir, { 'fleet.ts': source });
    const r = run(['--fleet', file, '--out', path.join(dir, 'dist'), ...NO_OUTPUTS]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`  - ${file}: ${message}`);
  });

  test('fails with exit 4 on an unexpected failure, and says nothing was written', () => {
    const dir = tempDir();
    writeTree(dir, { dist: 'a file where the output folder should be\n' });
    const r = run(['--fleet', FLEET, '--out', path.join(dir, 'dist'), ...NO_OUTPUTS]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('unexpected failure, nothing was written');
  });
});
