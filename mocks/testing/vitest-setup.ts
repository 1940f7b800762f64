/**
 * `hookspec/testing/vitest-setup`: a vitest global setup that starts the mock server once per
 * run, hands its URLs to the tests, and ends the run with a one-line violation summary
 * (failing it, exit code 1, when any request or response broke a spec). With
 * `hookspec/testing/vitest-per-test` in `setupFiles` as well, the test that made the call fails too.
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { globalSetup: ['hookspec/testing/vitest-setup'] } });
 * // a test
 * const { baseUrls } = inject('hookspec'); // or process.env.HOOKSPEC_SIDCLAW_URL
 * @module
 */
import { writeFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import type { MockedApi } from '../registry.ts';
import type { MockServerOptions } from '../server.ts';
import type { ApiMock } from '../shared/api-mock.ts';
import { junitReport } from '../violations/junit-report.ts';
import type { SpecViolation } from '../violations/types.ts';
import { startPrismFront, type PrismFront } from './prism-front.ts';
import { formatViolationSummary, formatViolationTable } from '../violations/summary.ts';
import { startMockServer } from './index.ts';

/** What the tests get through `inject('hookspec')`. */
export interface HookspecTestContext {
  /** The server's root URL (control routes: `${url}/_mock/…`). */
  readonly url: string;
  /** Each API's base URL. */
  readonly baseUrls: Readonly<Partial<Record<MockedApi, string>>>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    hookspec: HookspecTestContext;
  }
}

export interface GlobalSetupOptions extends Pick<MockServerOptions, 'apis' | 'delivery' | 'host' | 'port'> {
  /** Fail the run when any violation was recorded (default true). */
  failOnViolations?: boolean;
  /** Write a JUnit XML report of the violations here (default: `HOOKSPEC_REPORT`, else none). */
  report?: string;
  /**
   * Put `prism proxy` (the optional peer `@stoplight/prism-cli`) in front of these APIs, or of
   * every API with operations for `true` (default: `HOOKSPEC_PRISM=1`); the tests get Prism's
   * URLs and its `sl-violations` are merged into the report.
   */
  prism?: boolean | readonly MockedApi[];
  /** Where the summary line goes (default stderr). */
  print?: (line: string) => void;
}

/** `HOOKSPEC_SIDCLAW_URL` for `sidclaw`. */
export const envName = (api: string) => ['HOOKSPEC', api.toUpperCase(), 'URL'].join('_');

/**
 * A vitest global setup with options; the default export of this module is `createGlobalSetup()`.
 * Environment variables set for the tests: `HOOKSPEC_MOCK_URL` and `HOOKSPEC_<API>_URL`.
 *
 * @example
 * // hookspec.setup.ts, listed in vitest's `globalSetup`
 * export default createGlobalSetup({ apis: ['sidclaw'], report: 'reports/hookspec.xml' });
 */
export function createGlobalSetup(options: GlobalSetupOptions = {}) {
  return async function setup(project: Pick<TestProject, 'provide'>): Promise<() => Promise<void>> {
    const {
      failOnViolations = true,
      report = process.env.HOOKSPEC_REPORT,
      prism = process.env.HOOKSPEC_PRISM === '1',
      print = (line: string) => process.stderr.write(`${line}\n`),
      ...serverOptions
    } = options;
    const server = await startMockServer(serverOptions);
    const baseUrls: Partial<Record<MockedApi, string>> = { ...server.baseUrls };
    const fronts: PrismFront[] = [];
    try {
      // An API without operations (a sender only) has nothing for Prism to check.
      const requested = (prism === true ? Object.keys(server.baseUrls) : prism === false ? [] : prism) as MockedApi[];
      const proxied = requested.filter((api) => (server.mocks[api]?.handlers.length ?? 1) > 0);
      for (const api of proxied) {
        const front = await startPrismFront(api, server.baseUrls[api]);
        fronts.push(front);
        baseUrls[api] = front.url;
        // A mock that checks signatures over the URL the client called (RFC 9421) must accept Prism's front.
        const mock: ApiMock<unknown> & { addPublicBaseUrl?: (baseUrl: string) => void } = server.mocks[api]!;
        mock.addPublicBaseUrl?.(front.url);
      }
    } catch (error) {
      await Promise.all(fronts.map((front) => front.stop()));
      await server.close({ timeoutMs: 500 });
      throw error;
    }
    project.provide('hookspec', { url: server.url, baseUrls });
    process.env.HOOKSPEC_MOCK_URL = server.url;
    for (const [api, baseUrl] of Object.entries(baseUrls)) process.env[envName(api)] = baseUrl;

    return async function teardown() {
      await Promise.all(fronts.map((front) => front.stop()));
      await server.close({ timeoutMs: 2000 });
      const violations: SpecViolation[] = [...server.violations(), ...fronts.flatMap((front) => front.violations())];
      if (report) writeFileSync(report, junitReport(violations, Object.keys(server.baseUrls)));
      print(formatViolationSummary(violations));
      if (failOnViolations && violations.length > 0) {
        // An error thrown from a global teardown fails the run on some vitest majors only (4 logs
        // it as "error during close" and exits 0): print the table and set the exit code instead.
        print(`hookspec: the run fails: the mock server recorded spec violations:\n${formatViolationTable(violations)}`);
        process.exitCode = 1;
      }
    };
  };
}

export default createGlobalSetup();
