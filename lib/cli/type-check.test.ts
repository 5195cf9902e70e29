import * as fs from 'fs';
import * as path from 'path';
import { CommandLineError } from '../fleet/fleet-error';
import { tempDir, writeTree } from '../../test/tree';
import { fleetTypeProblems, TYPESCRIPT_RANGE } from './type-check';

/* `--types`: which TypeScript it can use. The type check itself runs in test/fleet-loading.test.ts and test/package.test.ts. */

const ROOT = path.join(__dirname, '..', '..');

describe('the TypeScript --types uses', () => {
  test('fails when the repository\'s typescript has no compiler API (TypeScript 7), naming the version and the fix: exit 2, not a crash', () => {
    // A stand-in for typescript 7.0.2's package: its main export (lib/version.cjs) is its version, nothing else.
    const dir = tempDir();
    writeTree(dir, {
      'node_modules/typescript/package.json': JSON.stringify({ name: 'typescript', version: '7.0.2', main: 'version.js' }),
      'node_modules/typescript/version.js': "module.exports = { version: '7.0.2', versionMajorMinor: '7.0' };\n",
      'fleet.ts': 'export const fleet = {};\n',
    });
    let error: unknown;
    try {
      fleetTypeProblems(path.join(dir, 'fleet.ts'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CommandLineError);
    expect((error as CommandLineError).problems).toEqual([
      { path: '--types', message: 'needs TypeScript\'s compiler API, which typescript 7.0.2 has not', allowed: `TypeScript 5 or 6 (fleetsynth's peer dependency: ${TYPESCRIPT_RANGE}): npm install --save-dev typescript@6` },
    ]);
  });

  test('the peer dependency admits the TypeScript the scaffold pins, and not 7 (no compiler API)', () => {
    const own = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(own.peerDependencies.typescript).toBe(TYPESCRIPT_RANGE);
    // semver: npm's range semantics; the top-level copy is jest's
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const semver = require('semver') as { satisfies(version: string, range: string): boolean };
    expect(semver.satisfies(own.devDependencies.typescript, TYPESCRIPT_RANGE)).toBe(true);
    expect(semver.satisfies('6.0.3', TYPESCRIPT_RANGE)).toBe(true);
    expect(semver.satisfies('7.0.2', TYPESCRIPT_RANGE)).toBe(false);
  });
});
