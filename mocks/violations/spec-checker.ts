/**
 * The mock server's spec checker: every request that reaches an API's handlers is checked
 * against its operation in the spec (parameters, security and key format, content type, body),
 * and every answer against the operation's documented responses. The answer is sent unchanged:
 * a violation is recorded, never turned into an error the API would not send.
 * @module
 */
import { checkRequest } from './check-request.ts';
import { checkResponse } from './check-response.ts';
import { operationMatcher, specOperations, type MatchedOperation, type OperationSpec } from './operation-table.ts';
import type { Finding, SpecViolation } from './types.ts';
import { createViolationLog } from './violation-log.ts';
import { testOf } from '../shared/test-header.ts';

export interface SpecChecker {
  /**
   * The one hook in the request path, called once the answer is sent: checks `request` (whose
   * body bytes are `body`) and the `response` its handler gave (status and headers; its body
   * bytes are `sent`), and records any violation. `url` is the request's URL when the caller has
   * parsed it already (the server has, to route it).
   */
  check(request: Request, body: Uint8Array, response: Response, sent: Uint8Array, url?: URL): void;
  /** Answers `GET /_mock/violations` (`{ data, dropped }`; `?test=<name>` keeps one test's) and `DELETE /_mock/violations`; undefined for other paths. */
  route(request: Request, pathname: string): Response | undefined;
  /** Adds a violation found elsewhere (Prism's `sl-violations`). */
  record(violation: SpecViolation): void;
  violations(): SpecViolation[];
  /** Forgets every violation; returns how many there were. */
  clear(): number;
}

/**
 * `prefixes`: each checked API and the path it is served under (`/sidclaw`, `/pipevest/v1`).
 * `operations`: the operations of APIs given by their spec at run time (the five built-in APIs
 * have generated tables).
 */
export function createSpecChecker(
  prefixes: Readonly<Record<string, string>>,
  operations: Readonly<Record<string, readonly OperationSpec[]>> = {},
): SpecChecker {
  const log = createViolationLog();
  const operationsOf = (api: string) => (Object.hasOwn(operations, api) ? operations[api] : specOperations[api]) ?? [];
  const matchers = new Map(Object.entries(prefixes).map(([api, prefix]) => [api, operationMatcher(operationsOf(api), prefix)]));

  const findingsOf = (
    matched: MatchedOperation | undefined,
    request: Request,
    url: URL,
    body: Uint8Array,
    status: number,
    responseHeaders: Headers,
    responseBody: Uint8Array,
  ): Finding[] => {
    if (!matched) return [{ location: 'path', message: `no operation of the spec matches ${request.method} ${url.pathname}` }];
    return [
      ...checkRequest(matched.operation, url, request.headers, body, matched.pathParams),
      ...checkResponse(matched.operation, status, responseHeaders, responseBody),
    ];
  };

  return {
    check(request, body, response, sent, url = new URL(request.url)) {
      const api = url.pathname.split('/')[1] ?? '';
      const match = matchers.get(api);
      if (!match) return;
      const matched = match(request.method, url.pathname);
      const test = testOf(request.headers);
      for (const { location, message } of findingsOf(matched, request, url, body, response.status, response.headers, sent)) {
        log.add({
          api,
          operationId: matched?.operation.operationId ?? '(unknown)',
          method: request.method,
          path: url.pathname + url.search,
          location,
          message,
          status: response.status,
          source: 'hookspec',
          ...(test === undefined ? {} : { test }),
        });
      }
    },
    route(request, pathname) {
      if (pathname !== '/_mock/violations') return undefined;
      if (request.method === 'GET') {
        const test = new URL(request.url).searchParams.get('test');
        const data = test === null ? log.list() : log.list().filter((violation) => violation.test === test);
        return Response.json({ data, dropped: log.dropped() });
      }
      if (request.method === 'DELETE') return Response.json({ cleared: log.clear() });
      return Response.json(
        { error: 'method_not_allowed', message: 'Use GET or DELETE /_mock/violations.' },
        { status: 405, headers: { allow: 'GET, DELETE' } },
      );
    },
    record: (violation) => log.add(violation),
    violations: () => log.list(),
    clear: () => log.clear(),
  };
}
