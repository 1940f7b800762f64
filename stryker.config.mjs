// Mutation testing of the verify path: `npm run mutation` (scripts/mutation.ts runs this).
// By role, so the globs still match when the code moves between these folders.
const VERIFY_PATH = [
  'src/signatures/**/*.ts',
  'src/schemes/**/*.ts',
  'src/webhooks/**/*.ts',
  'src/*/verify-webhook.ts',
  // The receivers every API's verifier is a binding of, by scheme.
  'src/apis/*-receiver.ts',
  'src/pipevest/key-resolver.ts',
];
// Kept out of every run, a subset's too (`npm run mutation -- --mutate …` sets MUTATION_SUBSET).
const OUT_OF_SCOPE = [
  '!src/**/index.ts',
  // Fake data for mocks and test deliveries: not part of deciding whether a delivery is accepted.
  '!src/webhooks/fake-payloads.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner', './mutation/ignore-messages.mjs'],
  mutate: [...(process.env.MUTATION_SUBSET?.split(',') ?? VERIFY_PATH), ...OUT_OF_SCOPE],
  ignorers: ['messages'],
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  // Both cores: a full run takes about 33 minutes on a quiet two-core machine. Pass
  // `--concurrency 1` when the machine is shared, or the test timeouts start to count as kills.
  concurrency: 2,
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};
