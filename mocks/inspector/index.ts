/**
 * The mock server's inspector: the page at `/` and the control routes it reads and drives,
 * all under `/_mock/`:
 * - `GET /_mock/overview`: each API's base URL, test credentials, endpoints, events, switches;
 * - `GET /_mock/stream`: server-sent events for every delivery change (see live-stream.ts);
 * - `GET /_mock/<api>/events/<event>/sample`: a fake `data` for the send form;
 * - `POST /_mock/<api>/send` `{ event, data }`: validates against the spec, then triggers
 *   (422 `invalid_payload` with the issues, and nothing sent, when invalid);
 * - `POST /_mock/<api>/deliveries/<id>/redeliver`, `POST /_mock/<api>/dead-letters/<id>/discard`;
 * - `GET /_mock/<api>/operations`, `GET /_mock/docs/<api>`: the spec's Redocly reference.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDeliveryError } from '../../src/delivery/index.ts';
import { readBoundedBody } from '../../src/net/read-bounded-body.ts';
import type { ApiMock } from '../shared/api-mock.ts';
import type { MockedApi } from '../registry.ts';
import { pageScript, redocBundle, referenceOperations, referencePage } from './assets.ts';
import type { LiveFeedLimits } from './feed-clients.ts';
import { createLiveStream } from './live-stream.ts';
import { pageShell } from './page-shell.ts';

export interface InspectorOptions {
  mocks: Readonly<Partial<Record<MockedApi, ApiMock<unknown>>>>;
  /** Each API's base URL, known once the server listens. */
  baseUrls: () => Readonly<Partial<Record<MockedApi, string>>>;
  /** Bounds of the live feed (clients, bytes buffered per client). */
  feed?: LiveFeedLimits | undefined;
}

export interface Inspector {
  /**
   * Answers the request if it is the inspector's (true), else returns false at once: the
   * mock API's own requests cost one string test, plus a `finish` listener on writes while
   * a page is connected (to tell it state may have changed).
   */
  route(req: IncomingMessage, res: ServerResponse): boolean;
  close(): void;
}

const MAX_BODY = 1024 * 1024;
/** Credential roles whose values are masked until revealed. */
const SECRET_ROLE = /key|secret|token|seed|password/i;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

function sendText(res: ServerResponse, type: string, body: string | Buffer): void {
  res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-cache' });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const body = await readBoundedBody(req, MAX_BODY);
  if (!('bytes' in body)) return undefined;
  try {
    const value: unknown = JSON.parse(body.bytes.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function createInspector(options: InspectorOptions): Inspector {
  const { mocks } = options;
  const live = createLiveStream(mocks, options.feed);
  const mockOf = (api: string | undefined) => (api !== undefined && Object.hasOwn(mocks, api) ? (api as MockedApi) : undefined);
  /** What each mock shows and sends on the page (its events, endpoints, samples, validation). */
  const facetOf = (api: MockedApi) => mocks[api]?.inspector;
  const eventsOf = (api: MockedApi) => [...(facetOf(api)?.events ?? [])];
  /** A mock of an API given at run time lists its operations itself and has no built reference page. */
  const hasReference = (api: MockedApi) => facetOf(api)?.operations === undefined;

  function overview() {
    const baseUrls = options.baseUrls();
    return {
      apis: (Object.keys(mocks) as MockedApi[]).map((api) => {
        const mock = mocks[api]!;
        return {
          api,
          baseUrl: baseUrls[api] ?? null,
          credentials: Object.entries(mock.credentials).map(([role, value]) => ({ role, value, secret: SECRET_ROLE.test(role) && !/Id$/.test(role) })),
          endpoints: facetOf(api)?.endpoints() ?? [],
          events: eventsOf(api),
          dataKey: facetOf(api)?.dataKey ?? 'data',
          scenario: mock.scenario.current,
          canAddEndpoint: typeof mock.addEndpoint === 'function',
          docs: hasReference(api) ? `/_mock/docs/${api}` : null,
        };
      }),
    };
  }

  type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  const json =
    (status: number, body: unknown | Promise<unknown>): Handler =>
    async (_req, res) =>
      sendJson(res, status, await body);

  /** The inspector's handler for a path, decided from the path alone (before any body is read). */
  function match(method: string, path: string): Handler | undefined {
    if (method === 'GET' && path === '/')
      return async (_req, res) => sendText(res, 'text/html; charset=utf-8', pageShell('hookspec mock server', '/_mock/ui/app.js'));
    if (method === 'GET' && path === '/_mock/ui/app.js') return async (_req, res) => sendText(res, 'text/javascript; charset=utf-8', await pageScript());
    if (method === 'GET' && path === '/_mock/overview') return async (_req, res) => sendJson(res, 200, overview());
    if (method === 'GET' && path === '/_mock/stream') return async (_req, res) => live.attach(res);
    if (method === 'GET' && path === '/_mock/docs/redoc.standalone.js') {
      return async (_req, res) => sendText(res, 'text/javascript; charset=utf-8', await redocBundle(Object.keys(mocks)[0] as MockedApi));
    }
    let parts: string[];
    try {
      parts = path.split('/').map(decodeURIComponent); // ['', '_mock', api or 'docs', ...]
    } catch {
      return undefined;
    }
    if (method === 'GET' && parts[2] === 'docs') {
      const api = mockOf(parts[3]);
      if (!api || !hasReference(api)) return json(404, { error: 'not_found', message: `No API reference for "${parts[3]}".` });
      // Redoc routes by path under /_mock/docs/<api>/, so every sub-path is the same page.
      return async (_req, res) => sendText(res, 'text/html; charset=utf-8', await referencePage(api));
    }
    const api = mockOf(parts[2]);
    if (!api) return undefined;
    const mock = mocks[api]!;
    const [, , , action, id, verb] = parts;
    if (method === 'GET' && action === 'operations' && parts.length === 4)
      return async (_req, res) => sendJson(res, 200, { data: facetOf(api)?.operations?.() ?? (await referenceOperations(api)) });
    if (method === 'GET' && action === 'events' && verb === 'sample' && id && parts.length === 6) {
      return async (_req, res) => {
        const facet = facetOf(api);
        if (!facet || !eventsOf(api).includes(id)) return sendJson(res, 404, { error: 'unknown_event', message: `${api} has no event "${id}".` });
        // Without @faker-js/faker (an optional peer) the form starts from an empty object.
        const data = await facet.sample(id).catch(() => undefined);
        sendJson(res, 200, data === undefined ? { event: id, data: {}, note: 'Install @faker-js/faker for fake payloads.' } : { event: id, data });
      };
    }
    if (method === 'POST' && action === 'send' && parts.length === 4) return (req, res) => send(api, req, res);
    if (method === 'POST' && id && parts.length === 6) {
      const act =
        action === 'deliveries' && verb === 'redeliver'
          ? () => mock.engine.redeliver(id).snapshot()
          : action === 'dead-letters' && verb === 'discard'
            ? () => mock.engine.discard(id)
            : undefined;
      if (!act) return undefined;
      return async (_req, res) => {
        try {
          sendJson(res, 200, { data: act() });
        } catch (error) {
          if (!isDeliveryError(error)) throw error;
          sendJson(res, error.code === 'unknown_delivery' ? 404 : 409, { error: error.code, message: error.message });
        }
      };
    }
    return undefined;
  }

  async function send(api: MockedApi, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    if (!body || typeof body.event !== 'string') {
      return sendJson(res, 400, { error: 'invalid_request', message: 'Give { "event": "<type>", "data": {…} } as JSON.' });
    }
    const facet = facetOf(api);
    const issues = facet ? facet.validate(body.event, body.data) : 'unknown_event';
    if (issues === 'unknown_event') return sendJson(res, 400, { error: 'unknown_event', message: `${api} has no event "${body.event}".` });
    if (issues.length > 0) {
      return sendJson(res, 422, { error: 'invalid_payload', message: `The ${body.event} body does not match the spec; nothing was sent.`, issues });
    }
    const deliveries = await mocks[api]!.trigger(body.event, body.data);
    sendJson(res, 202, { event: body.event, deliveries: deliveries.map(({ id, url, state }) => ({ id, url, state })) });
  }

  return {
    route(req, res) {
      const url = req.url ?? '/';
      if (url !== '/' && !url.startsWith('/_mock/')) {
        if (live.size > 0 && req.method !== 'GET' && req.method !== 'HEAD') res.once('finish', () => live.send('state', { api: url.split('/')[1] }));
        return false;
      }
      // Control routes change state too (scenario, reset, endpoints): tell connected pages.
      if (live.size > 0 && req.method === 'POST') res.once('finish', () => live.send('state', {}));
      const handler = match(req.method ?? 'GET', url.split('?')[0]!);
      if (!handler) return false; // the admin routes' (or a 404)
      handler(req, res).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: 'inspector_failure', message: error instanceof Error ? error.message : String(error) });
        else res.end();
      });
      return true;
    },
    close() {
      live.close();
    },
  };
}
