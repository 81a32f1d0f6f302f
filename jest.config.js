// Two projects: `unit` needs nothing running; `integration` shares one real local stack per run.
const tsJest = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
};
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: tsJest,
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};
export default {
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts', '<rootDir>/tests/golden/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/integration/stack/global-setup.js',
      globalTeardown: '<rootDir>/tests/integration/stack/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/tests/integration/stack/timeout.ts'],
    },
  ],
};
