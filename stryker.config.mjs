// Mutation testing of the verify path: `npm run mutation` (scripts/mutation.ts runs this).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner', './mutation/ignore-messages.mjs'],
  // By role, so the globs still match when the code moves between these folders.
  mutate: [
    'src/signatures/**/*.ts',
    'src/schemes/**/*.ts',
    'src/webhooks/**/*.ts',
    'src/*/verify-webhook.ts',
    // The receivers every API's verifier is a binding of, by scheme.
    'src/apis/*-receiver.ts',
    'src/pipevest/key-resolver.ts',
    '!src/**/index.ts',
    // Fake data for mocks and test deliveries: not part of deciding whether a delivery is accepted.
    '!src/webhooks/fake-payloads.ts',
  ],
  ignorers: ['messages'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  concurrency: 1,
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
