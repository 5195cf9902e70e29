import * as fs from 'fs';
import * as path from 'path';

/*
 * Users edit apps/fleet.ts (and replace terraform-outputs/): the project's own tests must not change
 * with it. Only these read the example, and only generically (whatever it holds):
 *   - test/dist.test.ts: the committed dist/ is what synth writes from apps/fleet.ts and terraform-outputs/,
 *     and the git folders the example's apps read from the GitOps repo are in this repository;
 *   - test/cli-configs.test.ts: the cdk8s and cdktf entries (which read apps/fleet.ts) write one file per cluster and every stack.
 * Every other test takes its fleets from test/fleets.ts or test/full-fleet.ts.
 */
const ROOT = path.join(__dirname, '..');
const ALLOWED = ['test/dist.test.ts', 'test/cli-configs.test.ts', 'test/example-independence.test.ts'];

function files(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (!['node_modules', '__snapshots__'].includes(e.name)) files(rel, out);
    } else if (/\.(ts|js|mjs)$/.test(e.name)) out.push(rel);
  }
  return out;
}

/** What reads the example: an import of apps/fleet (any relative depth), or a path to the repository's terraform-outputs/ folder. */
const READS_EXAMPLE = [
  // import … from, require(), import(): '../apps/fleet' at any depth, with or without an extension
  /(?:from\s+|require\(\s*|import\(\s*)['"](?:\.\.?\/)+apps\/fleet(?:\.[jt]s)?['"]/,
  // a path into this repository put together: ROOT / __dirname … 'apps/fleet.ts' or 'apps', 'fleet.ts'
  /(?:ROOT|root|__dirname)\b[^;\n]*['"](?:\.\.\/)*apps(?:\/fleet(?:\.[jt]s)?['"]|['"]\s*,\s*['"]fleet)/,
  /(?:ROOT|root|__dirname)\b[^;\n]*['"](?:\.\.\/)*terraform-outputs['"]/,
];

// Tests, their helpers and the benchmark: everything under test/ and bench/, and the tests beside the code.
const scanned = [...files('test'), ...files('bench'), ...files('lib').filter((f) => f.endsWith('.test.ts')), ...files('apps').filter((f) => f.endsWith('.test.ts'))];

test('the patterns see every way of reading the example (they can fail)', () => {
  const reads = (text: string) => READS_EXAMPLE.some((re) => re.test(text));
  for (const text of [
    "import { fleet } from '../apps/fleet';",
    "const { fleet } = require('../../apps/fleet');",
    "const m = await import('../apps/fleet.ts');",
    "const file = path.join(ROOT, 'apps', 'fleet.ts');",
    "const file = path.join(__dirname, '../apps/fleet.ts');",
    "const outputs = path.join(__dirname, '..', 'terraform-outputs');",
  ]) expect([text, reads(text)]).toEqual([text, true]);
  for (const text of ["import { fleet } from './full-fleet';", "expect(written).toContain('apps/fleet.ts'); // a scaffolded project's own file", "const dir = path.join(tempDir(), 'terraform-outputs');"]) expect([text, reads(text)]).toEqual([text, false]);
});

test('the scan sees the files that use the example (it can fail)', () => {
  expect(scanned).toEqual(expect.arrayContaining(['test/dist.test.ts', 'test/cli-configs.test.ts', 'test/synth.test.ts']));
  for (const f of ['test/dist.test.ts', 'test/cli-configs.test.ts']) expect(READS_EXAMPLE.some((re) => re.test(fs.readFileSync(path.join(ROOT, f), 'utf8')))).toBe(true);
});

test('no test depends on what the example fleet (apps/fleet.ts) or its sample outputs (terraform-outputs/) hold', () => {
  const offenders = scanned.filter((f) => !ALLOWED.includes(f) && READS_EXAMPLE.some((re) => re.test(fs.readFileSync(path.join(ROOT, f), 'utf8'))));
  expect(offenders).toEqual([]);
});
