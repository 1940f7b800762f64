import type { RecordedRequest } from '../request-journal.ts';
import { currentTest } from './current-test.ts';

export interface MockRequestsFilter {
  /** The spec's operationId (`createWebhook`). */
  operationId?: string;
  /** The API (`sidclaw`, …). */
  api?: string;
  /**
   * Only the requests of one test: its name (`file > suite > test`), or `'current'` for the test
   * running now (needs `hookspec/testing/vitest-per-test` in `setupFiles`).
   */
  test?: string;
  /** The mock server's URL (default: `HOOKSPEC_MOCK_URL`, which `hookspec/testing/vitest-setup` sets). */
  url?: string;
}

/**
 * The requests the mock server received, oldest first, from its journal (`GET /_mock/requests`):
 * for asserting how many times an operation was called and with what. Works from test workers,
 * while the server runs in vitest's global setup. The journal keeps the last 1,000 requests.
 *
 * @example
 * const calls = await mockRequests({ operationId: 'createWebhook', test: 'current' });
 * expect(calls).toHaveLength(1);
 * expect(calls[0]!.body).toMatchObject({ events: ['approval.requested'] });
 */
export async function mockRequests(filter: MockRequestsFilter = {}): Promise<RecordedRequest[]> {
  const base = filter.url ?? process.env.HOOKSPEC_MOCK_URL;
  if (base === undefined) {
    throw new Error('mockRequests: no mock server URL. Use hookspec/testing/vitest-setup as a global setup, or pass { url }.');
  }
  const test = filter.test === 'current' ? currentTest() : filter.test;
  if (filter.test === 'current' && test === undefined) {
    throw new Error("mockRequests({ test: 'current' }) needs hookspec/testing/vitest-per-test in vitest's setupFiles.");
  }
  const query = new URLSearchParams();
  if (filter.api !== undefined) query.set('api', filter.api);
  if (filter.operationId !== undefined) query.set('operationId', filter.operationId);
  if (test !== undefined) query.set('test', test);
  const answer = await fetch(`${base.replace(/\/$/, '')}/_mock/requests?${query}`);
  if (!answer.ok) throw new Error(`mockRequests: GET /_mock/requests answered ${answer.status}: ${await answer.text()}`);
  return ((await answer.json()) as { data: RecordedRequest[] }).data;
}
