// vitest.config.ts of a project that tests its SidClaw integration against the hookspec mock server.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Starts the mock server once per run, hands its URLs to the tests, and fails the run
    // when any request or response broke a spec (HOOKSPEC_REPORT=<file> adds a JUnit report).
    globalSetup: ['hookspec/testing/vitest-setup'],
    // Names each test on its requests, so a spec violation also fails the test that made the call.
    setupFiles: ['hookspec/testing/vitest-per-test'],
  },
});
