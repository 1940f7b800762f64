// Differential test of the mock server's direct path (mocks/handler-dispatch.ts): every
// documented operation of every API, answered and refused (auth failures, 404s, validation
// errors, scenarios), goes once through the direct path (the matched resolver called as msw
// calls it) and once through msw's own getResponse over all of the mock's handlers, each side
// on its own mock instance. Status, status text, headers (but Date) and bodies must be the same.
// Both sides see the same clock and the same "random" ids and secrets (reseeded per request),
// so state they create matches too.
import { getResponse, http, HttpResponse, passthrough, type HttpHandler } from 'msw';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlerRoutes, dispatchToHandlers } from '../../mocks/handler-dispatch.ts';
import { mockRegistry, type MockedApi } from '../../mocks/registry.ts';
import type { ApiMock } from '../../mocks/shared/api-mock.ts';
import { sidclawMockCredentials } from '../../mocks/sidclaw/index.ts';
import { provenonceMockCredentials } from '../../mocks/provenonce/index.ts';
import { exchangeMockCredentials } from '../../mocks/exchange/index.ts';
import { pipevestMockKeys } from '../../mocks/pipevest/index.ts';
import type { PipevestClientOptions } from '../../src/pipevest/client.ts';
import { mockPipevestClient } from '../support/mock-pipevest-client.ts';
import { refusingPort, type RefusingPort } from '../support/refusing-port.ts';
import { operations } from '../support/specs.ts';

const origin = 'http://127.0.0.1:4010';

interface Answer {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: string;
}

async function snapshot(response: Response | undefined): Promise<Answer | undefined> {
  if (!response) return undefined;
  return {
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers].filter(([name]) => name !== 'date'),
    body: await response.text(),
  };
}

/** Deterministic stand-ins for the ids, secrets and clocks the mocks use, reseeded before each side. */
let seed = 0;
function reseed(value: number): void {
  seed = value * 1000;
  vi.setSystemTime(new Date(Date.UTC(2026, 2, 21, 10, 0, 0) + value * 1000));
}
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.spyOn(crypto, 'randomUUID').mockImplementation(
    () => `00000000-0000-4000-8000-${(seed++).toString(16).padStart(12, '0')}` as `${string}-${string}-${string}-${string}-${string}`,
  );
  vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
    const bytes = new Uint8Array(array!.buffer, array!.byteOffset, array!.byteLength);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (seed + i * 31) & 0xff;
    seed++;
    return array;
  });
  // Delivery attempts time themselves; both sides report the same duration.
  vi.spyOn(performance, 'now').mockReturnValue(1000);
});
afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/**
 * Two instances of one API's mock: `send` answers each request on both, through the direct path
 * and through getResponse, records both answers and which operation answered, and returns the
 * direct path's answer.
 */
function differential(api: MockedApi) {
  const create = () => mockRegistry[api].create({ baseUrl: `*/${api}${mockRegistry[api].basePath}`, delivery: { maxAttempts: 1, timeoutMs: 2000 } });
  const direct = create();
  const generic = create();
  const routes = createHandlerRoutes(direct.handlers);
  const exchanges: Array<{ request: string; direct: Answer | undefined; getResponse: Answer | undefined }> = [];
  const answered = new Set<string>();
  let requests = 0;

  async function send(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const original = new Request(input, init);
    const body = original.body ? await original.arrayBuffer() : undefined;
    const copy = () => new Request(original.url, { method: original.method, headers: original.headers, body });
    const index = ++requests;
    const url = new URL(original.url);
    const candidates = routes.match(original.method, url);
    reseed(index);
    const viaDirect = await snapshot(candidates.length > 0 ? await dispatchToHandlers(candidates, copy()) : undefined);
    reseed(index);
    const viaGetResponse = await snapshot(await getResponse(generic.handlers, copy()));
    exchanges.push({ request: `${original.method} ${url.pathname}${url.search}`, direct: viaDirect, getResponse: viaGetResponse });
    if (viaDirect && candidates[0]) answered.add(candidates[0].handler.info.header);
    if (!viaDirect) return new Response('no handler', { status: 599 });
    const nullBody = [101, 204, 205, 304].includes(viaDirect.status);
    return new Response(nullBody ? null : viaDirect.body, { status: viaDirect.status, statusText: viaDirect.statusText, headers: viaDirect.headers });
  }

  /** The spec operations (`GET /path/{param}`) the direct path answered. */
  const answeredOperations = () =>
    [...answered].map((header) => {
      const [method, pattern] = header.split(' ') as [string, string];
      return `${method} ${pattern.slice(`*/${api}${mockRegistry[api].basePath}`.length).replace(/:(\w+)/g, '{$1}')}`;
    });

  const both = (apply: (mock: ApiMock<unknown>) => void) => [direct, generic].forEach(apply);
  const close = () => Promise.all([direct.close({ timeoutMs: 2000 }), generic.close({ timeoutMs: 2000 })]);
  return { send, exchanges, answeredOperations, both, close, base: `${origin}/${api}${mockRegistry[api].basePath}` };
}

type Differential = ReturnType<typeof differential>;
const json = (body: unknown) => JSON.stringify(body);

/** Every exchange gave the same answer both ways; the statuses seen are returned for the flow's own checks. */
function expectSameAnswers(side: Differential): number[] {
  for (const exchange of side.exchanges) {
    expect(exchange.direct, exchange.request).toEqual(exchange.getResponse);
  }
  return side.exchanges.map((exchange) => exchange.direct?.status ?? 0);
}

const documented = (api: MockedApi) =>
  operations(api as Parameters<typeof operations>[0])
    .map((op) => `${op.method.toUpperCase()} ${op.path}`)
    .sort();

let refusing: RefusingPort | undefined;
let deadPort = 0;
beforeAll(async () => {
  // Nothing listens there, nor can start to: deliveries to it fail at once (connection refused).
  refusing = await refusingPort();
  deadPort = refusing.port;
});
afterAll(async () => {
  await refusing?.close();
});

describe('direct path ≡ getResponse, every documented operation', () => {
  it('sidclaw', async () => {
    const side = differential('sidclaw');
    const { send, base } = side;
    const admin = { authorization: `Bearer ${sidclawMockCredentials.adminKey}` };
    const jsonAdmin = { ...admin, 'content-type': 'application/json' };
    const hook = `https://127.0.0.1:${deadPort}/hooks`;
    await send(`${base}/api/v1/webhooks`);
    await send(`${base}/api/v1/webhooks`, { headers: { authorization: `Bearer ${sidclawMockCredentials.readOnlyKey}` } });
    await send(`${base}/api/v1/webhooks`, { method: 'POST', headers: jsonAdmin, body: '{not json' });
    await send(`${base}/api/v1/webhooks`, { method: 'POST', headers: jsonAdmin, body: json({ url: 'not a url', events: [] }) });
    const created = (await (
      await send(`${base}/api/v1/webhooks`, { method: 'POST', headers: jsonAdmin, body: json({ url: hook, events: ['approval.requested'], description: 'd' }) })
    ).json()) as { data: { id: string } };
    const id = created.data.id;
    await send(`${base}/api/v1/webhooks`, { headers: admin });
    await send(`${base}/api/v1/webhooks/${id}`, { headers: admin });
    await send(`${base}/api/v1/webhooks/wh-missing`, { headers: admin });
    await send(`${base}/api/v1/webhooks/${id}`, { method: 'PATCH', headers: jsonAdmin, body: json({ is_active: false, description: null }) });
    await send(`${base}/api/v1/webhooks/${id}`, { method: 'PATCH', headers: jsonAdmin, body: json({ url: 42 }) });
    await send(`${base}/api/v1/webhooks/wh-missing`, { method: 'PATCH', headers: jsonAdmin, body: json({ is_active: true }) });
    await send(`${base}/api/v1/webhooks/${id}/test`, { method: 'POST', headers: admin });
    await send(`${base}/api/v1/webhooks/wh-missing/test`, { method: 'POST', headers: admin });
    await send(`${base}/api/v1/webhooks/${id}/deliveries?limit=5&status=failed`, { headers: admin });
    await send(`${base}/api/v1/webhooks/${id}/deliveries?status=bogus`, { headers: admin });
    await send(`${base}/api/v1/webhooks/wh-missing/deliveries`, { headers: admin });
    side.both((mock) => mock.scenario.set({ rateLimit: { retryAfterSeconds: 7, times: 1 }, serverError: { status: 503, times: 1 } }));
    await send(`${base}/api/v1/webhooks`, { headers: admin });
    await send(`${base}/api/v1/webhooks`, { headers: admin });
    side.both((mock) => mock.scenario.set({ latencyMs: 5 }));
    await send(`${base}/api/v1/webhooks`, { headers: admin });
    side.both((mock) => mock.scenario.clear());
    await send(`${base}/api/v1/webhooks/${id}`, { method: 'DELETE', headers: admin });
    await send(`${base}/api/v1/webhooks/${id}`, { method: 'DELETE', headers: admin });
    // No operation: neither side answers.
    await send(`${base}/api/v1/webhooks`, { method: 'PUT', headers: admin });
    await send(`${base}/api/v1/nowhere`, { headers: admin });
    await side.close();

    expect(expectSameAnswers(side)).toEqual([403, 403, 400, 400, 201, 200, 200, 404, 200, 400, 404, 200, 404, 200, 400, 404, 429, 503, 200, 204, 404, 0, 0]);
    expect(side.answeredOperations().sort()).toEqual(documented('sidclaw'));
  });

  it('provenonce', async () => {
    const side = differential('provenonce');
    const { send, base } = side;
    const url = `${base}/api/v1/partner/webhook`;
    const partner = { authorization: `Bearer ${provenonceMockCredentials.partnerKey}`, 'content-type': 'application/json' };
    await send(url);
    await send(url, { headers: { authorization: `Bearer ${provenonceMockCredentials.suspendedKey}` } });
    await send(url, { headers: { authorization: 'Bearer nope' } });
    await send(url, { method: 'PUT', headers: partner, body: '[' });
    await send(url, { method: 'PUT', headers: partner, body: json({ url: 'https://example.com/h', events: ['sigil.purchased'], extra: 1 }) });
    await send(url, { method: 'PUT', headers: partner, body: json({ url: `https://127.0.0.1:${deadPort}/h`, events: ['sigil.purchased', 'agent.frozen'] }) });
    await send(url, { headers: partner });
    await send(url, { method: 'DELETE', headers: partner });
    await send(url, { headers: partner });
    side.both((mock) => mock.scenario.set({ rateLimit: { retryAfterSeconds: 3, times: 1 }, serverError: { status: 500, times: 1 } }));
    await send(url, { headers: partner });
    await send(url, { method: 'DELETE', headers: partner });
    await side.close();

    expect(expectSameAnswers(side)).toEqual([401, 403, 403, 400, 400, 200, 200, 200, 200, 429, 500]);
    expect(side.answeredOperations().sort()).toEqual(documented('provenonce'));
  });

  it('exchange', async () => {
    const side = differential('exchange');
    const { send, base } = side;
    const url = `${base}/partner/webhooks`;
    const as = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });
    const body = json({ url: `https://127.0.0.1:${deadPort}/x`, events: ['order.created'] });
    await send(url, { method: 'POST', body });
    await send(url, { method: 'POST', headers: as('sk_short'), body });
    await send(url, { method: 'POST', headers: as(exchangeMockCredentials.publicKey), body });
    await send(url, { method: 'POST', headers: as(exchangeMockCredentials.branchKey), body: '' });
    await send(url, { method: 'POST', headers: as(exchangeMockCredentials.branchKey), body: json({ url: 'ftp://example.com/x', events: ['order.created'] }) });
    await send(url, { method: 'POST', headers: as(exchangeMockCredentials.branchKey), body: json({ events: 'order.created' }) });
    await send(url, { method: 'POST', headers: as(exchangeMockCredentials.branchKey), body });
    await send(url, { method: 'POST', headers: as(exchangeMockCredentials.personalKey), body });
    side.both((mock) => mock.scenario.set({ serverError: { status: 502, times: 1 } }));
    await send(url, { method: 'POST', headers: as(exchangeMockCredentials.branchKey), body });
    await send(url, { headers: as(exchangeMockCredentials.branchKey) });
    await side.close();

    expect(expectSameAnswers(side)).toEqual([401, 401, 403, 400, 400, 400, 201, 201, 502, 0]);
    expect(side.answeredOperations().sort()).toEqual(documented('exchange'));
  });

  it('pipevest (requests signed by the client)', async () => {
    const side = differential('pipevest');
    const options: Partial<PipevestClientOptions> = { baseUrl: side.base, fetch: side.send };
    const client = mockPipevestClient(options);
    const hook = `https://127.0.0.1:${deadPort}/webhooks/pipevest`;
    await client.getWebhook();
    await client.createAuth({ body: { url: 'http://not-https.example', subscriptions: [] } });
    await client.createAuth({ body: { url: hook, subscriptions: ['ALL'] } });
    await client.getWebhook();
    await client.getWebhookPublicKey();
    await client.updateWebhook({ body: { url: hook, subscriptions: ['WEBHOOK'] }, headers: { 'X-Idempotency-Key': 'k-1' } });
    await client.updateWebhook({ body: { url: hook, subscriptions: ['ALL'] }, headers: { 'X-Idempotency-Key': 'k-1' } });
    await client.testWebhook();
    await mockPipevestClient({ ...options, apiKey: 'wrong' }).getWebhook();
    await mockPipevestClient({ ...options, privateKey: pipevestMockKeys.delivery.privateKeyPem }).getWebhook();
    await side.send(`${side.base}/webhooks`);
    side.both((mock) => mock.scenario.set({ rateLimit: { retryAfterSeconds: 2, times: 1 } }));
    await client.getWebhook();
    await side.close();

    expect(expectSameAnswers(side)).toEqual([404, 400, 200, 200, 200, 200, 200, 200, 401, 401, 401, 429]);
    // The replayed update answered with the first one's body.
    expect(side.exchanges[6]!.direct!.body).toBe(side.exchanges[5]!.direct!.body);
    expect(side.answeredOperations().sort()).toEqual(documented('pipevest'));
  });

  it('the comparison can fail: a mock that answers differently on one side is caught', async () => {
    const side = differential('sidclaw');
    // Only the direct side's instance is switched to a forced 500.
    let first = true;
    side.both((mock) => {
      if (first) mock.scenario.set({ serverError: { status: 500 } });
      first = false;
    });
    await side.send(`${side.base}/api/v1/webhooks`, { headers: { authorization: `Bearer ${sidclawMockCredentials.adminKey}` } });
    await side.close();
    expect(side.exchanges[0]!.direct!.status).toBe(500);
    expect(side.exchanges[0]!.getResponse!.status).toBe(200);
    expect(() => expectSameAnswers(side)).toThrow();
  });
});

/** The same handler list built twice (one-time handlers keep state), run both ways. */
async function bothWays(build: () => HttpHandler[], request: () => Request) {
  const direct = build();
  const viaDirect = await dispatchToHandlers(createHandlerRoutes(direct).match(request().method, new URL(request().url)), request());
  const viaGetResponse = await getResponse(build(), request());
  return { direct: await snapshot(viaDirect), getResponse: await snapshot(viaGetResponse) };
}

describe('direct path ≡ getResponse, msw semantics', () => {
  const get = (path: string, headers?: HeadersInit) => () => new Request(`${origin}${path}`, { headers });

  it('path params (named, wildcard, RegExp groups) and cookies reach the resolver as msw gives them', async () => {
    const echo = ({ params, cookies }: { params: unknown; cookies: unknown }) => HttpResponse.json({ params, cookies });
    const build = () => [http.get('*/p/:a/:b', echo), http.get(/\/re\/(\d+)$/, echo)];
    const named = await bothWays(build, get('/p/one/two', { cookie: 'session=abc; theme=dark' }));
    expect(named.direct).toEqual(named.getResponse);
    // msw also names the `*` wildcard's match, the origin, `0`.
    expect(JSON.parse(named.direct!.body)).toEqual({ params: { 0: origin, a: 'one', b: 'two' }, cookies: { session: 'abc', theme: 'dark' } });
    const regexp = await bothWays(build, get('/re/42'));
    expect(regexp.direct).toEqual(regexp.getResponse);
    expect(JSON.parse(regexp.direct!.body).params).toEqual({ 0: '42' });
  });

  it('a resolver that returns nothing falls through to the next matching handler; a thrown Response answers', async () => {
    const build = () => [
      http.get('*/f', () => undefined),
      http.get('*/f', () => {
        throw HttpResponse.json({ thrown: true }, { status: 418 });
      }),
    ];
    const answer = await bothWays(build, get('/f'));
    expect(answer.direct).toEqual(answer.getResponse);
    expect(answer.direct?.status).toBe(418);
  });

  it('passthrough() answers the same 302 both ways; no handler answers undefined both ways', async () => {
    const passing = await bothWays(() => [http.get('*/pass', () => passthrough())], get('/pass'));
    expect(passing.direct).toEqual(passing.getResponse);
    expect(passing.direct?.status).toBe(302);
    const none = await bothWays(() => [http.get('*/only-this', () => HttpResponse.text('x'))], get('/other'));
    expect([none.direct, none.getResponse]).toEqual([undefined, undefined]);
  });

  it('one-time handlers and custom predicates go to getResponse: the second request gets the next handler', async () => {
    const handlers = [http.get('*/once', () => HttpResponse.text('first'), { once: true }), http.get('*/once', () => HttpResponse.text('later'))];
    const routes = createHandlerRoutes(handlers);
    const ask = () => dispatchToHandlers(routes.match('GET', new URL(`${origin}/once`)), new Request(`${origin}/once`)).then((r) => r?.text());
    expect([await ask(), await ask()]).toEqual(['first', 'later']);
    const predicate = createHandlerRoutes([
      http.get(
        ({ request }) => request.headers.has('x-pick'),
        () => HttpResponse.text('picked'),
      ),
    ]);
    const picked = await dispatchToHandlers(predicate.match('GET', new URL(`${origin}/any`)), new Request(`${origin}/any`, { headers: { 'x-pick': '1' } }));
    expect(await picked?.text()).toBe('picked');
    const skipped = await dispatchToHandlers(predicate.match('GET', new URL(`${origin}/any`)), new Request(`${origin}/any`));
    expect(skipped).toBeUndefined();
  });

  it('finalize callbacks run once the answer is done, on both ways', async () => {
    const ran: string[] = [];
    const build = (tag: string) => () => [
      http.get('*/fin', ({ finalize }) => {
        finalize(() => void ran.push(`${tag}:cleanup`));
        return HttpResponse.text('body');
      }),
    ];
    const direct = build('direct')();
    const response = await dispatchToHandlers(createHandlerRoutes(direct).match('GET', new URL(`${origin}/fin`)), new Request(`${origin}/fin`));
    expect(await response?.text()).toBe('body');
    const generic = await getResponse(build('getResponse')(), new Request(`${origin}/fin`));
    expect(await generic?.text()).toBe('body');
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran.sort()).toEqual(['direct:cleanup', 'getResponse:cleanup']);
  });

  it('a resolver that throws an error rejects both ways', async () => {
    const build = () => [
      http.get('*/boom', () => {
        throw new Error('boom');
      }),
    ];
    await expect(dispatchToHandlers(createHandlerRoutes(build()).match('GET', new URL(`${origin}/boom`)), new Request(`${origin}/boom`))).rejects.toThrow(
      'boom',
    );
    await expect(getResponse(build(), new Request(`${origin}/boom`))).rejects.toThrow('boom');
  });
});
