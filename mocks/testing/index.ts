/**
 * `hookspec/testing`: the mock server of every API for a project's own tests, checking every
 * request and response against the specs and collecting the violations.
 * Needs `msw` (an optional peer dependency of hookspec) installed next to it.
 * @module
 */
import { startMockServer as startServer, type MockServer, type MockServerOptions } from '../server.ts';

export type { MockServer, MockServerOptions } from '../server.ts';
export type { MockedApi } from '../registry.ts';
export { mockedApis } from '../registry.ts';
export type { SpecViolation, ViolationSource } from '../violations/types.ts';
export { formatViolationSummary, formatViolationTable } from '../violations/summary.ts';
export { junitReport } from '../violations/junit-report.ts';
export type { RecordedRequest } from '../request-journal.ts';
export { mockRequests, type MockRequestsFilter } from './mock-requests.ts';

/**
 * Starts the mock server for tests: a free port on 127.0.0.1 and no request log unless given;
 * every request is checked against the spec (`checkSpec: false` turns that off).
 *
 * @example
 * const server = await startMockServer({ apis: ['sidclaw'] });
 * await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks`, { headers: { authorization: 'Bearer sk_live_abc123' } });
 * console.log(server.violations()); // []
 * await server.close();
 */
export function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  return startServer({ ...options, port: options.port ?? 0, log: options.log ?? (() => {}) });
}
