import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The suites that exercise the verify path in process, for `npm run mutation`: the mutants are
 * switched on in the test worker, so suites that drive a child process, a browser or a built
 * package could never see them and would only slow every mutant down.
 */
export const MUTATION_TEST_FILES = [
  'test/signatures/**/*.test.ts',
  'test/webhooks/**/*.test.ts',
  'test/schemes/**/*.test.ts',
  'test/sidclaw/verify-webhook.test.ts',
  'test/pipevest/verify-webhook.test.ts',
  'test/pipevest/key-resolver-backoff.test.ts',
  'test/pipevest/key-resolver-decisions.test.ts',
  'test/verify-path/**/*.test.ts',
  // The receivers of each scheme, on descriptions of their own.
  'test/apis/*-receiver.test.ts',
];

/** Suites of code the mutation run leaves out (stryker.config.mjs): they would only slow every run down. */
const OUT_OF_SCOPE = ['test/webhooks/fake-payloads.test.ts'];

// Spread, not mergeConfig: mergeConfig would append these files to the base config's include.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: MUTATION_TEST_FILES,
    exclude: [...configDefaults.exclude, ...OUT_OF_SCOPE],
    // No leftover-process sweep and no JSON report: Stryker runs the suites many times over.
    globalSetup: [],
    reporters: ['default'],
  },
});
