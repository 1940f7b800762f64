import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: {
    // The examples import the package by its public names; in this repository they are the sources.
    alias: [
      { find: /^hookspec\/testing\/vitest-setup$/, replacement: `${root}mocks/testing/vitest-setup.ts` },
      { find: /^hookspec\/testing\/vitest-per-test$/, replacement: `${root}mocks/testing/vitest-per-test.ts` },
      { find: /^hookspec\/testing$/, replacement: `${root}mocks/testing/index.ts` },
      { find: /^hookspec\/mocks\/(.+)$/, replacement: `${root}mocks/$1/index.ts` },
      // src/webhooks is the shared ground floor; the public hookspec/webhooks is src/webhook-api.
      { find: /^hookspec\/webhooks$/, replacement: `${root}src/webhook-api/index.ts` },
      { find: /^hookspec\/(.+)$/, replacement: `${root}src/$1/index.ts` },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Fails the run when a test left a process of this checkout running (and kills it).
    globalSetup: ['test/support/leftover-processes.ts'],
    // Generous: the property suites run 10,000 cases each and share two cores with servers.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // Contract suites start Prism and mock servers on free ports; the machines have two cores.
    maxWorkers: 2,
    // The JSON report is what .ci/run reads for its closing "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
