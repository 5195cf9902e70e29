// ts-jest in transpile-only mode (isolatedModules): type checking is `tsc --noEmit`,
// run once by `npm test`, instead of once per test file.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/lib', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
  // Lists every test, so a skipped one shows its reason (e.g. terraform validate without providers).
  verbose: true,
};
