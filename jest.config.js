// Four suites, one runner. `npm run check` runs only `unit`; `npm test` runs all of them.
//   unit         pure code, in-process
//   bundle       dist/Code.js in a bare vm context with the Apps Script fakes
//   integration  real HTTP on loopback (emulator, CLI as a process)
//   browser      the built sidebar in Chromium (test/support/browser.ts finds one), driven by
//                playwright-core
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const base = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};

// Suites that start processes: a timeout for a busy machine (test/support/spawn-timeout.ts).
const SPAWN_TIMEOUT = '<rootDir>/test/support/spawn-timeout.ts';

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'bundle',
      testMatch: ['<rootDir>/test/bundle/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/scope-table.ts', SPAWN_TIMEOUT],
    },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      setupFilesAfterEnv: [SPAWN_TIMEOUT],
    },
    {
      ...base,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      setupFilesAfterEnv: [SPAWN_TIMEOUT],
    },
  ],
};
