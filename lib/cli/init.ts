import * as fs from 'fs';
import * as path from 'path';
import { isDns1123Label } from '../fleet/dns-names';
import { CommandLineError } from '../fleet/fleet-error';

/*
 * `fleetsynth init [DIR]`: a GitOps repository that uses fleetsynth as a package: a package.json
 * (fleetsynth, and jest with ts-jest for the snapshot test, at the versions fleetsynth is tested
 * with), a tsconfig, a two-cluster fleet file, a snapshot test written with fleetsynth/testing, a
 * .gitignore and a CI workflow. Files that exist are kept (package.json and .gitignore are added
 * to); nothing is overwritten.
 */

export const INIT_USAGE = `usage: fleetsynth init [DIR] [--name NAME] [--repo URL]

Scaffolds a GitOps repository in DIR (default: the current folder): package.json, tsconfig.json,
jest.config.cjs, apps/fleet.ts, test/fleet.test.ts, .gitignore and .github/workflows/fleetsynth.yml.
Existing files are kept (a Jest configuration of any name too); package.json gets the scripts and dependencies it lacks, .gitignore the
lines it lacks. Then: npm install, npm run synth, npm test.

options:
  --name NAME   the fleet's name (a DNS label)                  default: the folder's name
  --repo URL    the Git repository Argo CD reads dist/ from     default: a placeholder, https://github.com/acme/NAME-gitops.git
  -h, --help    this text`;

export interface InitOptions {
  readonly dir: string;
  readonly name?: string;
  readonly repoURL?: string;
}

export interface InitResult {
  readonly written: readonly string[];
  readonly merged: readonly string[];
  readonly kept: readonly string[];
  /** What the user should fix: each says what was found, why it matters and what to do. */
  readonly warnings: readonly string[];
  /** What to run next. */
  readonly next: string;
}

interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** fleetsynth's own package.json (in the repository: beside lib/; installed: beside build/). */
export function ownPackage(): PackageJson {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as PackageJson;
      if (pkg.name === 'fleetsynth') return pkg;
    }
    if (path.dirname(dir) === dir) throw new Error('fleetsynth\'s package.json not found');
  }
}

/** A DNS label from a folder name: lowercase, runs of anything else as one hyphen, at most 40 characters. */
function fleetNameOf(dir: string): string {
  const name = path.basename(path.resolve(dir)).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return isDns1123Label(name) && /^[a-z]/.test(name) ? name : 'my-fleet';
}

const FLEET = (name: string, repoURL: string) => `import type { Fleet } from 'fleetsynth';

/**
 * The fleet: a management cluster running Argo CD and one workload cluster, both on EKS. Every
 * field is described in fleetsynth's README ("The fleet"). Edit, then \`npm run synth\` and review
 * \`git diff dist/\`.
 */
export const fleet: Fleet = {
  name: '${name}',
  // The repository you commit dist/ to: Argo CD reads it from there.
  gitops: { repoURL: '${repoURL}', targetRevision: 'main', path: 'dist' },
  // Terraform state. Without this, the local backend keeps it in each stack's folder, which Git
  // ignores: fine to try things, lost on a CI runner. Set a remote backend before a pipeline applies
  // the stacks (README, "Applying them from a pipeline"), e.g.:
  // stateBackend: { type: 's3', bucket: 'acme-terraform-state', region: 'us-west-2' },
  clusters: [
    {
      name: 'mgmt',
      cloud: 'aws',
      region: 'us-west-2',
      kubernetesVersion: '1.35',
      role: 'management',
      labels: { env: 'prod' },
      network: { nodeCidr: '10.0.0.0/16', podCidr: '100.64.0.0/16', serviceCidr: '172.20.0.0/16' },
      nodePools: [{ name: 'system', machineType: 'm7i.large', minSize: 2, maxSize: 4 }],
    },
    {
      name: 'prod',
      cloud: 'aws',
      region: 'us-west-2',
      // The AWS account the cluster is created in (Argo CD's access names it): replace with yours.
      accountId: '111122223333',
      kubernetesVersion: '1.35',
      role: 'workload',
      labels: { env: 'prod' },
      network: { nodeCidr: '10.10.0.0/16', podCidr: '100.65.0.0/16', serviceCidr: '172.21.0.0/16' },
      nodePools: [{ name: 'system', machineType: 'm7i.large', minSize: 2, maxSize: 6 }],
    },
  ],
};

export default fleet;
`;

const TEST = `import { renderForTest } from 'fleetsynth/testing';
// \`.js\`: the file TypeScript's node16 resolution names in an ESM package; jest.config.cjs maps it to fleet.ts.
import { fleet } from '../apps/fleet.js';

// The fleet rendered as \`npm run synth\` renders it (same bytes, same checks), with fake Terraform
// outputs so that nothing is pending. Review snapshot changes like any other diff.
const render = renderForTest(fleet);

test('every generated file is as reviewed (one snapshot per file)', () => {
  render.expectFilesToMatchSnapshot();
});

test('Argo CD on mgmt deploys the workload cluster\\'s platform, and its stack creates the cluster', () => {
  expect(render).toHaveObject({ cluster: 'mgmt', kind: 'Application', name: 'prod-platform' }, { spec: { destination: { name: 'prod' } } });
  expect(render).toHaveResource('prod', 'aws_eks_cluster', { name: 'prod' });
  expect(render).toHaveOutput('prod', 'cluster_endpoint');
});
`;

const TSCONFIG = `{
  "compilerOptions": {
    "target": "ES2022",
    "lib": ["ES2022"],
    "module": "node16",
    "moduleResolution": "node16",
    "strict": true,
    "esModuleInterop": true,
    "skipLibCheck": true,
    "isolatedModules": true,
    "noEmit": true,
    "types": ["node", "jest"]
  },
  "include": ["apps", "test"]
}
`;

const JEST_CONFIG = `// .cjs: CommonJS whatever package.json's "type" says (a jest.config.js in a "type": "module" package is ESM).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // Transpile only (tsconfig's isolatedModules): a file that does not parse fails the test;
  // \`npm run typecheck\` (tsc --noEmit: apps/ and test/) is the type check. To CommonJS, which jest
  // runs without its experimental ESM mode: with tsconfig's node16, ts-jest would emit ESM in a
  // "type": "module" package (ts-jest 29.4 docs, ESM Support: Node16 goes with package.json's type).
  transform: { '^.+\\\\.ts$': ['ts-jest', { tsconfig: { module: 'commonjs' } }] },
  // A relative import of \`./x.js\` is x.ts (TypeScript's node16 resolution has ESM files name it so).
  moduleNameMapper: { '^(\\\\.{1,2}/.*)\\\\.js$': '$1' },
  testTimeout: 120000,
};
`;

/**
 * The files Jest reads its configuration from (jest-config 29.7.0 build/constants.js
 * JEST_CONFIG_EXT_ORDER), besides a "jest" key in package.json: with two of them Jest refuses to
 * start ("Multiple configurations found", build/resolveConfigPath.js), so one the repository has is kept.
 */
const JEST_CONFIG_FILES = ['jest.config.js', 'jest.config.ts', 'jest.config.mjs', 'jest.config.cjs', 'jest.config.json'];

const WORKFLOW = `# The fleet in CI: the committed dist/ must be what synth writes, and the tests must pass.
name: fleetsynth
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v6
      - uses: actions/setup-node@v6
        with:
          node-version: 22
          cache: npm
      - run: npm ci
      # Exit 3 (and a unified diff) when someone changed the fleet without running synth.
      - run: npm run check -- --diff
      # Every TypeScript file of tsconfig.json's include, the tests too (jest only transpiles them).
      - run: npm run typecheck
      - run: npm test
`;

const GITIGNORE_LINES = ['node_modules/', 'coverage/', 'cdk8s.out/', 'cdktf.out/', '.terraform/'];

/** Scaffolds a GitOps repository in `dir`; returns what it wrote, added to and kept. */
export function initRepo(options: InitOptions): InitResult {
  const dir = options.dir;
  const name = options.name ?? fleetNameOf(dir);
  if (!isDns1123Label(name) || name.length > 40) {
    throw new CommandLineError([{ path: '--name', message: 'the fleet name must be a DNS label of at most 40 characters', given: JSON.stringify(name), allowed: 'lowercase letters, digits and hyphens, e.g. acme-platform' }]);
  }
  // A placeholder (README's quick start passes --repo); a folder already named <x>-gitops is not doubled.
  const repoURL = options.repoURL ?? `https://github.com/acme/${name.endsWith('-gitops') ? name : `${name}-gitops`}.git`;
  const own = ownPackage();
  const pinned = (pkg: string) => {
    const version = own.devDependencies?.[pkg] ?? own.dependencies?.[pkg];
    if (!version) throw new Error(`fleetsynth's package.json does not name ${pkg}`);
    return version;
  };
  const written: string[] = [];
  const merged: string[] = [];
  const kept: string[] = [];
  const write = (rel: string, content: string) => {
    const file = path.join(dir, rel);
    if (fs.existsSync(file)) {
      kept.push(rel);
      return;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    written.push(rel);
  };

  // package.json: created, or given what it lacks (an existing script or dependency wins).
  const pkgFile = path.join(dir, 'package.json');
  const existing = fs.existsSync(pkgFile) ? (JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as Record<string, any>) : undefined;
  const pkg: Record<string, any> = existing ?? { name, version: '0.1.0', private: true };
  // npm init's placeholder test script ("Error: no test specified" && exit 1) is not the user's: replaced.
  const scripts: Record<string, string> = { ...(pkg.scripts ?? {}) };
  if (typeof scripts.test === 'string' && /no test specified/.test(scripts.test)) delete scripts.test;
  pkg.scripts = { synth: 'fleetsynth synth', check: 'fleetsynth check --types', typecheck: 'tsc --noEmit', test: 'jest', ...scripts };
  const fromRegistry = pkg.dependencies?.fleetsynth === undefined;
  pkg.dependencies = { fleetsynth: `^${own.version}`, ...(pkg.dependencies ?? {}) };
  const devDependencies: Record<string, string> = { ...(pkg.devDependencies ?? {}) };
  // @types/node: a fleet file runs under Node (process.env, fs) and \`check --types\` type-checks it.
  for (const dev of ['typescript', 'jest', 'ts-jest', '@types/jest', '@types/node']) if (!devDependencies[dev] && !pkg.dependencies[dev]) devDependencies[dev] = pinned(dev);
  pkg.devDependencies = devDependencies;
  // In npm's order, so that the next `npm install <package>` rewrites no line of them (npm 11.19.1,
  // @npmcli/package-json lib/update-dependencies.js orderDeps: localeCompare(b, 'en')).
  for (const list of ['dependencies', 'devDependencies'] as const) pkg[list] = Object.fromEntries(Object.entries(pkg[list] as Record<string, string>).sort(([a], [b]) => a.localeCompare(b, 'en')));
  const pkgText = `${JSON.stringify(pkg, null, 2)}\n`;
  fs.mkdirSync(dir, { recursive: true });
  if (!existing) {
    fs.writeFileSync(pkgFile, pkgText);
    written.push('package.json');
  } else if (pkgText !== fs.readFileSync(pkgFile, 'utf8')) {
    fs.writeFileSync(pkgFile, pkgText);
    merged.push('package.json');
  } else kept.push('package.json');

  write('tsconfig.json', TSCONFIG);
  const jestConfig = JEST_CONFIG_FILES.find((f) => fs.existsSync(path.join(dir, f))) ?? (existing && 'jest' in existing ? 'package.json' : undefined);
  if (jestConfig === undefined) write('jest.config.cjs', JEST_CONFIG);
  else if (jestConfig !== 'package.json') kept.push(jestConfig);
  write('apps/fleet.ts', FLEET(name, repoURL));
  write('test/fleet.test.ts', TEST);
  write('.github/workflows/fleetsynth.yml', WORKFLOW);

  const ignoreFile = path.join(dir, '.gitignore');
  const present = fs.existsSync(ignoreFile) ? fs.readFileSync(ignoreFile, 'utf8') : undefined;
  const lines = new Set((present ?? '').split('\n').map((l) => l.trim()));
  const missing = GITIGNORE_LINES.filter((l) => !lines.has(l));
  if (present === undefined) {
    fs.writeFileSync(ignoreFile, `${missing.join('\n')}\n`);
    written.push('.gitignore');
  } else if (missing.length > 0) {
    fs.writeFileSync(ignoreFile, `${present}${present.endsWith('\n') || present === '' ? '' : '\n'}${missing.join('\n')}\n`);
    merged.push('.gitignore');
  } else kept.push('.gitignore');

  const cd = path.resolve(dir) === process.cwd() ? '' : `cd ${dir} && `;
  const warnings = [fromRegistry ? unpublished(own.version) : fleetsynthOutside(dir, pkg.dependencies.fleetsynth)].filter((w): w is string => w !== undefined);
  return { written, merged, kept, warnings, next: `next: ${cd}npm install && npm run synth && npm test` };
}

/**
 * The registry range init writes where package.json names no fleetsynth: fleetsynth is not on the npm
 * registry (README, "Using fleetsynth in your own repository"), so `npm install` fails there (E404), or
 * installs whatever someone else publishes under the name. Drop this once fleetsynth is published.
 */
function unpublished(version: string): string {
  return `package.json: dependencies.fleetsynth is "^${version}", from the npm registry, where fleetsynth is not published: npm install fails (E404), or installs a package someone else published under that name; allowed the tarball inside the repository: mkdir -p vendor && cp <fleetsynth's folder>/fleetsynth-${version}.tgz vendor/ && npm install ./vendor/fleetsynth-${version}.tgz, and commit vendor/`;
}

/**
 * A `file:` dependency on fleetsynth outside the repository: package-lock.json records the path,
 * and a fresh clone (CI's `npm ci`, with an empty npm cache) has nothing there.
 */
function fleetsynthOutside(dir: string, spec: string): string | undefined {
  const local = spec.startsWith('file:') ? spec.slice('file:'.length) : /^(\.{1,2}\/|\/)/.test(spec) ? spec : undefined;
  if (local === undefined) return undefined;
  const relative = path.relative(path.resolve(dir), path.resolve(dir, local));
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  if (!outside) return undefined;
  const tarball = path.basename(local);
  return `package.json: dependencies.fleetsynth is ${JSON.stringify(spec)}, outside this repository: a fresh clone (CI's npm ci) cannot install it; allowed a tarball inside the repository: mkdir -p vendor && cp ${local} vendor/ && npm install ./vendor/${tarball}, and commit vendor/`;
}
