/**
 * `hookspec/testing/vitest-per-test`: a vitest `setupFiles` entry, next to the global setup
 * `hookspec/testing/vitest-setup`. It names the running test in an `x-hookspec-test` header on
 * every request to the mock server, and after each test asks the server for that test's spec
 * violations: a test whose calls broke a spec fails, with the operation, location and rule.
 * Parallel test files are told apart by the header, not by when their requests came.
 * Tests inside one file that run concurrently (`test.concurrent`) share one name at a time.
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({
 *   test: { globalSetup: ['hookspec/testing/vitest-setup'], setupFiles: ['hookspec/testing/vitest-per-test'] },
 * });
 * @module
 */
import { afterEach, beforeEach, inject } from 'vitest';
import { encodeTestName, TEST_HEADER } from '../shared/test-header.ts';
import { formatViolationTable } from '../violations/summary.ts';
import type { SpecViolation } from '../violations/types.ts';
import { setCurrentTest } from './current-test.ts';

interface TaskLike {
  name: string;
  suite?: TaskLike;
  file?: TaskLike;
}

/** `test/orders.test.ts > orders > lists deliveries`: the file, the suites, the test. */
export function testName(task: TaskLike): string {
  const names: string[] = [];
  for (let node: TaskLike | undefined = task; node && node !== task.file; node = node.suite) {
    if (node.name !== '') names.unshift(node.name);
  }
  return [task.file?.name ?? '', ...names].filter(Boolean).join(' > ');
}

const context = inject('hookspec');
const mockUrl = context?.url ?? process.env.HOOKSPEC_MOCK_URL;
/** The origins requests are named for: the mock server's, and Prism's fronts when used. */
const origins = new Set([mockUrl, ...Object.values(context?.baseUrls ?? {})].filter((url): url is string => !!url).map((url) => new URL(url).origin));
const originalFetch = globalThis.fetch;
let current: string | undefined;

const urlOf = (input: RequestInfo | URL) => (input instanceof Request ? input.url : String(input));

if (mockUrl !== undefined) {
  globalThis.fetch = function fetchNamingTheTest(input: RequestInfo | URL, init?: RequestInit) {
    if (current === undefined || !URL.canParse(urlOf(input)) || !origins.has(new URL(urlOf(input)).origin)) return originalFetch(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set(TEST_HEADER, encodeTestName(current));
    return originalFetch(input, { ...init, headers });
  } as typeof fetch;

  beforeEach(({ task }) => {
    current = testName(task as TaskLike);
    setCurrentTest(current);
  });

  afterEach(async () => {
    const name = current;
    current = undefined;
    setCurrentTest(undefined);
    if (name === undefined) return;
    const answer = await originalFetch(`${mockUrl}/_mock/violations?test=${encodeURIComponent(name)}`);
    // The spec check may be off (`checkSpec: false`): nothing to report then.
    if (!answer.ok) return void (await answer.arrayBuffer());
    const { data } = (await answer.json()) as { data: SpecViolation[] };
    if (data.length === 0) return;
    const error = new Error(`hookspec: this test's requests broke the spec (${data.length}):\n${formatViolationTable(data)}`);
    // The table says where; a stack into this file would only hide it.
    error.stack = `${error.name}: ${error.message}`;
    throw error;
  });
}
