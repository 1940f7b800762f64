import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { MAX_MOCK_BODY_BYTES } from './shared/read-json-body.ts';
import type { ApiMock, ApiMockOptions } from './shared/api-mock.ts';
import { mockEntry, mockedApis, type MockedApi } from './registry.ts';
import { handleAdminRoute } from './admin-routes.ts';
import { seedsFrom, type MockStateDocument } from './state-file.ts';
import { resolveMockLimits } from './shared/mock-limits.ts';
import { handleStateRoute } from './state-route.ts';
import { createHandlerRoutes, dispatchToHandlers } from './handler-dispatch.ts';
import { malformedHostResponse } from './host-header.ts';
import { createLocalRequestGuard, sendRefusal } from '../src/net/local-request-guard.ts';
import { MOCK_CONTROL_PREFIX } from './shared/self-delivery-guard.ts';
import type { LiveFeedLimits } from './inspector/feed-clients.ts';
import { readRequestBody, requestUrl, sendFetchResponse, toFetchRequest } from './node-fetch-bridge.ts';
import { createInspector } from './inspector/index.ts';
import { createSpecChecker } from './violations/spec-checker.ts';
import { createRequestJournal, type RecordedRequest } from './request-journal.ts';
import type { SpecApi } from '../src/apis/from-spec.ts';
import { basePathOf, createSpecMock, type SpecMock } from './spec/create-spec-mock.ts';
import type { SpecViolation } from './violations/types.ts';

export interface MockServerOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Which APIs to host (default: all). */
  apis?: readonly MockedApi[];
  /** One line per request; default `console.log`; `false` silences it (and skips timing each request). */
  log?: ((line: string) => void) | false;
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
  /**
   * APIs given by their spec (`hookspec mock --spec acme.yaml`, read with `loadSpecApi`), served
   * beside the built-in ones under `/<name>` plus the path of the spec's first server URL.
   */
  specs?: readonly SpecApi[];
  /**
   * Host names answered besides loopback names and addresses and `host` (`--allowed-host`); any
   * other Host gets 403, which blocks DNS rebinding. `.example.test` allows the name and its subdomains.
   */
  allowedHosts?: readonly string[];
  /** Bounds of the inspector's live feed (`GET /_mock/stream`); see {@link LiveFeedLimits}. */
  feed?: LiveFeedLimits;
}

export interface MockServer {
  /** `http://127.0.0.1:4010` */
  readonly url: string;
  /** Each API's base URL: `http://127.0.0.1:4010/sidclaw`, `…/pipevest/v1` (and each spec API's). */
  readonly baseUrls: Readonly<Record<MockedApi, string>> & Readonly<Record<string, string>>;
  readonly mocks: Readonly<Partial<Record<MockedApi, ApiMock<unknown>>>> & Readonly<Record<string, ApiMock<unknown>>>;
  /** Every spec violation recorded so far (also `GET /_mock/violations`); empty with `checkSpec: false`. */
  violations(): SpecViolation[];
  /** Forgets the recorded violations (also `DELETE /_mock/violations`); returns how many there were. */
  clearViolations(): number;
  /** The requests each API received, newest last (also `GET /_mock/requests?operationId=…`); bounded. */
  requests(filter?: { api?: string; operationId?: string; test?: string }): RecordedRequest[];
  /** Stops accepting requests, lets in-flight deliveries finish, then closes. */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

const jsonHeaders = { 'content-type': 'application/json' };

/**
 * Starts the mock HTTP server: every API at `/<api>` plus its spec's server path, answered
 * by the same MSW handlers the browser and `setupServer` use: the matched handler's resolver is
 * called directly, as msw calls it (see handler-dispatch.ts).
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
  const mocks: Partial<Record<MockedApi, ApiMock<unknown>>> & Record<string, ApiMock<unknown>> = {};
  /** Where each API is served (`/sidclaw`, `/pipevest/v1`, `/acme-notify/v1`). */
  const prefixes: Record<string, string> = Object.fromEntries(apis.map((api) => [api, `/${api}${mockEntry(api).basePath}`]));
  const specOperationTables: Record<string, SpecMock['operations']> = {};
  // A Map, so a path segment such as `constructor` finds no route.
  const routes = new Map<string, ReturnType<typeof createHandlerRoutes>>();
  const seeds =
    options.state === undefined
      ? {}
      : seedsFrom(
          options.state,
          options.stateSource ?? 'state',
          [...apis, ...(options.specs ?? []).map((spec) => spec.adapter.name)],
          resolveMockLimits(options.limits),
        );
  for (const api of apis) {
    // `*` matches any origin, so the handlers answer whatever host name the client used.
    // A seed from a file is unknown until the mock checks it against its snapshot schema.
    const state = seeds[api] === undefined ? undefined : { seed: seeds[api] as never, source: options.stateSource ?? 'state' };
    const entry = mockEntry(api);
    const mock = entry.create({ baseUrl: `*/${api}${entry.basePath}`, delivery: options.delivery, limits: options.limits, state });
    mocks[api] = mock;
    routes.set(api, createHandlerRoutes(mock.handlers));
  }
  for (const spec of options.specs ?? []) {
    const name = spec.adapter.name;
    if (Object.hasOwn(mocks, name)) throw new Error(`Two APIs are named "${name}": give each --spec its own --name.`);
    const state = seeds[name] === undefined ? undefined : { seed: seeds[name] as never, source: options.stateSource ?? 'state' };
    const mock = createSpecMock(spec.spec, spec.delivery, {
      baseUrl: `*/${name}${basePathOf(spec.spec.document)}`,
      delivery: options.delivery,
      limits: options.limits,
      state,
    });
    mocks[name] = mock;
    prefixes[name] = `/${name}${mock.basePath}`;
    specOperationTables[name] = mock.operations;
    routes.set(name, createHandlerRoutes(mock.handlers));
  }

  /**
   * One request, start to end. A per-request hook (a Host check, a spec-violation check) is one
   * call here: before routing for checks that may answer on their own, around `dispatchToHandlers`
   * for ones that look at the request and response of an operation.
   */
  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readRequestBody(req, MAX_MOCK_BODY_BYTES);
    if (body === undefined) {
      res.writeHead(413, { ...jsonHeaders, connection: 'close' });
      return void res.end(JSON.stringify({ error: 'payload_too_large', message: `Request bodies are limited to ${MAX_MOCK_BODY_BYTES} bytes.` }));
    }
    // The URL is parsed once here; the Request is built only for a route that takes one.
    const url = requestUrl(req, host);
    const { pathname } = url;
    if (pathname.startsWith('/_mock/')) {
      const request = toFetchRequest(req, body, url);
      const admin =
        handleStateRoute(request, pathname, mocks) ??
        checker?.route(request, pathname) ??
        journal.route(request, pathname) ??
        (await handleAdminRoute(request, pathname, mocks, () => journal.clear()));
      if (admin) return void (await sendFetchResponse(res, admin));
    }
    const api = pathname.split('/', 2)[1]!;
    const candidates = routes.get(api)?.match(req.method!, url) ?? [];
    if (candidates.length > 0) {
      const request = toFetchRequest(req, body, url);
      const response = await dispatchToHandlers(candidates, request);
      if (response) {
        const sent = await sendFetchResponse(res, response);
        journal.record(request, body, response.status, url);
        // The spec check reads what was sent, after sending: it neither copies nor delays the answer.
        return checker?.check(request, body, response, sent, url);
      }
    }
    res.writeHead(404, jsonHeaders);
    res.end(
      JSON.stringify({
        error: 'not_found',
        message: routes.has(api)
          ? `No ${api} operation matches ${req.method} ${req.url}.`
          : `No API at ${req.url}; the mock serves ${Object.keys(mocks)
              .map((a) => `/${a}`)
              .join(', ')}.`,
      }),
    );
  }
  const checker = options.checkSpec === false ? undefined : createSpecChecker(prefixes, specOperationTables);
  const journal = createRequestJournal(prefixes, specOperationTables);

  let baseUrls: Record<MockedApi, string> = {} as Record<MockedApi, string>;
  // The page at `/` and its control routes; it costs the API's requests one path test.
  const inspector = createInspector({ mocks, baseUrls: () => baseUrls, feed: options.feed });
  // Before every route: only this server's Host names, and no cross-site state changes under /_mock/.
  const guard = createLocalRequestGuard({ boundHost: host, allowedHosts: options.allowedHosts, controlPrefix: MOCK_CONTROL_PREFIX });

  const server = createServer((req, res) => {
    // The log listener and the clock only when there is a log.
    if (log) {
      const started = performance.now();
      res.once('finish', () => log(`${req.method} ${req.url} → ${res.statusCode} (${(performance.now() - started).toFixed(1)} ms)`));
    }
    const badHost = malformedHostResponse(req.headers.host);
    if (badHost) return void sendFetchResponse(res, badHost).catch(() => res.destroy());
    const refusal = guard.check(req);
    if (refusal) return sendRefusal(res, refusal);
    if (inspector.route(req, res)) return;
    answer(req, res).catch((error: unknown) => {
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
  baseUrls = Object.fromEntries(Object.entries(prefixes).map(([api, prefix]) => [api, `${url}${prefix}`])) as Record<MockedApi, string>;

  return {
    url,
    baseUrls,
    mocks,
    violations: () => checker?.violations() ?? [],
    clearViolations: () => checker?.clear() ?? 0,
    requests: (filter) => journal.list(filter),
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
