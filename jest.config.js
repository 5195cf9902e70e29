// Tests are transpiled with sucrase (@sucrase/jest-plugin), line for line, as fleetsynth loads fleet
// files; type checking is `tsc --noEmit`, run once by `npm test`, instead of once per test file. A cold
// run (CI's: no transform cache) transpiled lib/'s tests in 39 s against ts-jest's 53 s here.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/lib', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '@sucrase/jest-plugin' },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // 'fleetsynth' imports (the example fleet, the example add-ons) resolve to the sources, as in tsconfig.json.
  moduleNameMapper: { '^fleetsynth$': '<rootDir>/lib', '^fleetsynth/(.*)$': '<rootDir>/lib/$1' },
  // Tests that run the fleetsynth command run build/: rebuilt first when lib/ is newer (scripts/build.js).
  // It also puts the run's temporary folders on a tmpfs where there is one (see the file).
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  // cdktf's token creation stacks recorded with V8's formatter, not jest's source-map hook (see the file).
  setupFiles: ['<rootDir>/test/token-stacks.js'],
  testTimeout: 60000,
  // Every core (jest's default leaves one idle: 1 worker on a 2-core CI machine); the heaviest tests
  // mostly wait on the processes they start (npm, synth), so a worker per core keeps the cores busy.
  maxWorkers: '100%',
  testSequencer: '<rootDir>/test/sequencer.js',
  // Lists every test, so a skipped one shows its reason (e.g. terraform validate without providers).
  verbose: true,
};
