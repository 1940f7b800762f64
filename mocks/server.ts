import { createServer } from 'node:http';
import { getResponse, matchRequestUrl, type HttpHandler } from 'msw';
import { MAX_MOCK_BODY_BYTES } from './shared/read-json-body.ts';
import type { ApiMock, ApiMockOptions } from './shared/api-mock.ts';
import { mockedApis, mockRegistry, type MockedApi } from './registry.ts';
import { handleAdminRoute } from './admin-routes.ts';
import { seedsFrom, type MockStateDocument } from './state-file.ts';
import { handleStateRoute } from './state-route.ts';
import { malformedHostResponse } from './host-header.ts';
import { readRequestBody, sendFetchResponse, toFetchRequest } from './node-fetch-bridge.ts';
import { createInspector } from './inspector/index.ts';
import { createSpecChecker } from './violations/spec-checker.ts';
import type { SpecViolation } from './violations/types.ts';

export interface MockServerOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Which APIs to host (default: all). */
  apis?: readonly MockedApi[];
  /** One line per request; default `console.log`; pass `() => {}` to silence. */
  log?: (line: string) => void;
  /** Delivery tuning passed to every mock (tests use short backoffs). */
  delivery?: ApiMockOptions['delivery'];
  /** State to start from, as `GET /_mock/state` exports it (`hookspec mock --state <file>`). */
  state?: MockStateDocument;
  /** Where `state` came from, for error messages (the file name). */
  stateSource?: string;
  /** Caps on each mock's state (endpoints, field lengths, delivery records); defaults in `DEFAULT_MOCK_LIMITS`. */
  limits?: ApiMockOptions['limits'];
  /** Check every request and response against the spec and record violations (default true). */
  checkSpec?: boolean;
}

export interface MockServer {
  /** `http://127.0.0.1:4010` */
  readonly url: string;
  /** Each API's base URL: `http://127.0.0.1:4010/sidclaw`, `…/pipevest/v1`. */
  readonly baseUrls: Readonly<Record<MockedApi, string>>;
  readonly mocks: Readonly<Partial<Record<MockedApi, ApiMock<unknown>>>>;
  /** Every spec violation recorded so far (also `GET /_mock/violations`); empty with `checkSpec: false`. */
  violations(): SpecViolation[];
  /** Forgets the recorded violations (also `DELETE /_mock/violations`); returns how many there were. */
  clearViolations(): number;
  /** Stops accepting requests, lets in-flight deliveries finish, then closes. */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

const jsonHeaders = { 'content-type': 'application/json' };

/**
 * Narrows a mock's handlers to those whose method and path match, so `getResponse` runs one
 * handler instead of trying each in turn (each try clones the request).
 */
function routeTable(handlers: readonly HttpHandler[]) {
  const byMethod = new Map<string, HttpHandler[]>();
  for (const handler of handlers) {
    const method = String(handler.info.method).toUpperCase();
    byMethod.set(method, [...(byMethod.get(method) ?? []), handler]);
  }
  return (method: string, url: URL) =>
    (byMethod.get(method) ?? []).filter((handler) => {
      const path = handler.info.path;
      // Handlers with a custom predicate instead of a path are left for getResponse to decide.
      return typeof path === 'function' || matchRequestUrl(url, path).matches;
    });
}

/**
 * Starts the mock HTTP server: every API at `/<api>` plus its spec's server path, answered
 * by the same MSW handlers the browser and `setupServer` use (through msw's `getResponse`).
 *
 * @example
 * const server = await startMockServer({ port: 0 });
 * await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks`, { headers: { authorization: 'Bearer sk_live_abc123' } });
 * await server.close();
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => console.log(line));
  const apis = options.apis ?? mockedApis;
  const mocks: Partial<Record<MockedApi, ApiMock<unknown>>> = {};
  const routes: Partial<Record<MockedApi, ReturnType<typeof routeTable>>> = {};
  const seeds = options.state === undefined ? {} : seedsFrom(options.state, options.stateSource ?? 'state', apis);
  for (const api of apis) {
    // `*` matches any origin, so the handlers answer whatever host name the client used.
    const state = seeds[api] === undefined ? undefined : { seed: seeds[api], source: options.stateSource ?? 'state' };
    const mock = mockRegistry[api].create({ baseUrl: `*/${api}${mockRegistry[api].basePath}`, delivery: options.delivery, limits: options.limits, state });
    mocks[api] = mock;
    routes[api] = routeTable(mock.handlers);
  }
  const checker = options.checkSpec === false ? undefined : createSpecChecker(Object.fromEntries(apis.map((api) => [api, `/${api}${mockRegistry[api].basePath}`])));

  let baseUrls: Record<MockedApi, string> = {} as Record<MockedApi, string>;
  // The page at `/` and its control routes; it costs the API's requests one path test.
  const inspector = createInspector({ mocks, baseUrls: () => baseUrls });

  const server = createServer((req, res) => {
    const started = performance.now();
    res.once('finish', () => log(`${req.method} ${req.url} → ${res.statusCode} (${(performance.now() - started).toFixed(1)} ms)`));
    if (inspector.route(req, res)) return;
    void (async () => {
      const body = await readRequestBody(req, MAX_MOCK_BODY_BYTES);
      if (body === undefined) {
        res.writeHead(413, { ...jsonHeaders, connection: 'close' });
        return void res.end(JSON.stringify({ error: 'payload_too_large', message: `Request bodies are limited to ${MAX_MOCK_BODY_BYTES} bytes.` }));
      }
      const badHost = malformedHostResponse(req.headers.host);
      if (badHost) return sendFetchResponse(res, badHost);
      const request = toFetchRequest(req, body, host);
      const url = new URL(request.url);
      const admin =
        handleStateRoute(request, url.pathname, mocks) ?? checker?.route(request, url.pathname) ?? (await handleAdminRoute(request, url.pathname, mocks));
      if (admin) return void (await sendFetchResponse(res, admin));
      const api = url.pathname.split('/')[1] as MockedApi;
      const mock = mocks[api];
      const candidates = routes[api]?.(request.method, url) ?? [];
      const response = candidates.length > 0 ? await getResponse(candidates, request) : undefined;
      if (response) {
        const sent = await sendFetchResponse(res, response);
        // The spec check reads what was sent, after sending: it neither copies nor delays the answer.
        return checker?.check(request, body, response, sent);
      }
      res.writeHead(404, jsonHeaders);
      res.end(
        JSON.stringify({
          error: 'not_found',
          message: mock
            ? `No ${api} operation matches ${req.method} ${req.url}.`
            : `No API at ${req.url}; the mock serves ${Object.keys(mocks).map((a) => `/${a}`).join(', ')}.`,
        }),
      );
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, jsonHeaders);
      res.end(JSON.stringify({ error: 'mock_failure', message: error instanceof Error ? error.message : String(error) }));
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://${host}:${port}`;
  baseUrls = Object.fromEntries(apis.map((api) => [api, `${url}/${api}${mockRegistry[api].basePath}`])) as Record<MockedApi, string>;

  return {
    url,
    baseUrls,
    mocks,
    violations: () => checker?.violations() ?? [],
    clearViolations: () => checker?.clear() ?? 0,
    async close({ timeoutMs = 10_000 } = {}) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      inspector.close();
      server.closeIdleConnections();
      await Promise.all(Object.values(mocks).map((mock) => mock.close({ timeoutMs })));
      server.closeAllConnections();
      await closed;
    },
  };
}
