// The same fixture requests sent through `prism proxy` (hookspec/testing's Prism front) to the
// checking mock server: what each validator reports, side by side. The comparison in docs/ci.md of
// the two is this table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeMockCredentials } from '../../mocks/exchange/credentials.ts';
import type { PipevestMock } from '../../mocks/pipevest/index.ts';
import { provenonceMockCredentials } from '../../mocks/provenonce/credentials.ts';
import { sidclawMockCredentials } from '../../mocks/sidclaw/credentials.ts';
import type { SidclawMockState } from '../../mocks/sidclaw/state.ts';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import { prismLocation, startPrismFront, type PrismFront } from '../../mocks/testing/prism-front.ts';
import { editedPipevestClient } from './edited-pipevest-client.ts';

type Api = 'sidclaw' | 'provenonce' | 'exchange' | 'pipevest';
let server: MockServer;
const fronts = {} as Record<Api, PrismFront>;

beforeAll(async () => {
  server = await startMockServer({
    port: 0,
    apis: ['sidclaw', 'provenonce', 'exchange', 'pipevest'],
    log: () => {},
    delivery: { maxAttempts: 1, timeoutMs: 500 },
  });
  for (const api of ['sidclaw', 'provenonce', 'exchange', 'pipevest'] as const) fronts[api] = await startPrismFront(api, server.baseUrls[api]);
  (server.mocks.pipevest as PipevestMock).addPublicBaseUrl(fronts.pipevest.url);
}, 90_000);
afterAll(async () => {
  await Promise.all(Object.values(fronts).map((front) => front.stop()));
  await server?.close({ timeoutMs: 1000 });
});

/** Runs one case and returns the locations each validator reported for it. */
async function compare(action: () => Promise<unknown>): Promise<{ hookspec: string[]; prism: string[] }> {
  server.clearViolations();
  for (const front of Object.values(fronts)) front.clear();
  for (const mock of Object.values(server.mocks)) mock?.reset();
  await action();
  return {
    hookspec: server.violations().map((v) => v.location),
    prism: Object.values(fronts).flatMap((front) => front.violations().map((v) => v.location)),
  };
}

const json = { 'content-type': 'application/json' };
const call = async (api: Api, path: string, init: RequestInit = {}) => (await fetch(`${fronts[api].url}${path}`, init)).arrayBuffer();
const sidclawAuth = { authorization: `Bearer ${sidclawMockCredentials.adminKey}` };
const pipevest = (edit?: (headers: Headers) => void) => editedPipevestClient(fronts.pipevest.url, edit);

const cases: Record<string, () => Promise<unknown>> = {
  'sidclaw limit=500': () => call('sidclaw', '/api/v1/webhooks/wh-1/deliveries?limit=500', { headers: sidclawAuth }),
  'sidclaw status=done': () => call('sidclaw', '/api/v1/webhooks/wh-1/deliveries?status=done', { headers: sidclawAuth }),
  'sidclaw no credentials': () => call('sidclaw', '/api/v1/webhooks'),
  'sidclaw key of the wrong format': () => call('sidclaw', '/api/v1/webhooks', { headers: { authorization: 'Bearer pk_live_abc' } }),
  'sidclaw text/plain body': () =>
    call('sidclaw', '/api/v1/webhooks', {
      method: 'POST',
      headers: { ...sidclawAuth, 'content-type': 'text/plain' },
      body: JSON.stringify({ url: 'https://e.com/h', events: ['agent.revoked'] }),
    }),
  'sidclaw unknown event in body': () =>
    call('sidclaw', '/api/v1/webhooks', {
      method: 'POST',
      headers: { ...sidclawAuth, ...json },
      body: JSON.stringify({ url: 'https://e.com/h', events: ['agent.created'] }),
    }),
  'sidclaw forced 500': async () => {
    server.mocks.sidclaw!.scenario.set({ serverError: { times: 1 } });
    await call('sidclaw', '/api/v1/webhooks', { headers: sidclawAuth });
  },
  'sidclaw stored endpoint off-spec': async () => {
    const created = await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks`, {
      method: 'POST',
      headers: { ...sidclawAuth, ...json },
      body: JSON.stringify({ url: 'https://e.com/h', events: ['agent.revoked'] }),
    });
    const id = ((await created.json()) as { data: { id: string } }).data.id;
    server.clearViolations();
    const stored = (server.mocks.sidclaw!.state as SidclawMockState).endpoints.get(id)!;
    stored.endpoint = { ...stored.endpoint, created_at: 'yesterday' };
    await call('sidclaw', '/api/v1/webhooks', { headers: sidclawAuth });
  },
  'provenonce no credentials': () => call('provenonce', '/api/v1/partner/webhook'),
  'provenonce key without pvp_/pvt_': () => call('provenonce', '/api/v1/partner/webhook', { headers: { authorization: 'Bearer sk_live_abc' } }),
  'provenonce unknown event in body': () =>
    call('provenonce', '/api/v1/partner/webhook', {
      method: 'PUT',
      headers: { authorization: `Bearer ${provenonceMockCredentials.partnerKey}`, ...json },
      body: JSON.stringify({ url: 'https://example.com/webhook', events: ['sigil.sold'] }),
    }),
  'exchange pk_ key registers': () =>
    call('exchange', '/partner/webhooks', {
      method: 'POST',
      headers: { authorization: `Bearer ${exchangeMockCredentials.publicKey}`, ...json },
      body: JSON.stringify({ url: 'https://e.com/h', events: ['order.created'] }),
    }),
  'exchange url not a URI': () =>
    call('exchange', '/partner/webhooks', {
      method: 'POST',
      headers: { authorization: `Bearer ${exchangeMockCredentials.branchKey}`, ...json },
      body: JSON.stringify({ url: 'not a url', events: ['order.created'] }),
    }),
  'pipevest missing Content-Digest': () =>
    pipevest((h) => h.delete('content-digest')).updateWebhook({ body: { url: 'https://127.0.0.1:9/h', subscriptions: ['ALL'] } }),
  'pipevest missing X-Client-Id': () => pipevest((h) => h.delete('x-client-id')).getWebhookPublicKey(),
  'pipevest unknown subscription': () => pipevest().createAuth({ body: { url: 'https://127.0.0.1:9/h', subscriptions: ['EVERYTHING' as 'ALL'] } }),
  'sidclaw undocumented path': () => call('sidclaw', '/api/v1/webhooks/wh-1/secret', { headers: sidclawAuth }),
  'pipevest valid calls': async () => {
    await pipevest().createAuth({ body: { url: 'https://127.0.0.1:9/h', subscriptions: ['ALL'] } });
    await pipevest().getWebhook();
  },
};

describe('hookspec and Prism on the same fixtures', () => {
  it('report what docs/ci.md says they do', async () => {
    const table: Record<string, { hookspec: string[]; prism: string[] }> = {};
    for (const [name, action] of Object.entries(cases)) table[name] = await compare(action);
    const both = (location: string) => ({ hookspec: [location], prism: [location] });
    expect(table).toEqual({
      'sidclaw limit=500': both('query.limit'),
      'sidclaw status=done': both('query.status'),
      // Prism says only "Invalid security scheme used", for the whole request.
      'sidclaw no credentials': { hookspec: ['header.authorization'], prism: ['request'] },
      // Prism does not check a bearer key against its documented format.
      'sidclaw key of the wrong format': { hookspec: ['header.authorization'], prism: [] },
      'sidclaw text/plain body': { hookspec: ['header.content-type'], prism: ['request'] },
      'sidclaw unknown event in body': both('body.events[0]'),
      // Prism reports an undocumented status as a warning on the whole response.
      'sidclaw forced 500': { hookspec: ['response.status'], prism: ['response'] },
      'sidclaw stored endpoint off-spec': both('response.body.data[0].created_at'),
      'provenonce no credentials': { hookspec: ['header.authorization'], prism: ['request'] },
      'provenonce key without pvp_/pvt_': { hookspec: ['header.authorization'], prism: [] },
      'provenonce unknown event in body': both('body.events[0]'),
      // The operation's scheme admits secret keys only; Prism sees a bearer token and is content.
      'exchange pk_ key registers': { hookspec: ['header.authorization'], prism: [] },
      'exchange url not a URI': both('body.url'),
      'pipevest missing Content-Digest': both('header.content-digest'),
      'pipevest missing X-Client-Id': both('header.x-client-id'),
      'pipevest unknown subscription': both('body.subscriptions[0]'),
      // The mock checks requests that reach an operation; Prism also flags a path the spec lacks.
      'sidclaw undocumented path': { hookspec: [], prism: ['request'] },
      'pipevest valid calls': { hookspec: [], prism: [] },
    });
  }, 120_000);

  it("maps Prism locations to the mock's form", () => {
    expect(prismLocation(['request', 'query', 'limit'])).toBe('query.limit');
    expect(prismLocation(['response', 'body', 'data', '0', 'created_at'])).toBe('response.body.data[0].created_at');
    expect(prismLocation(['request', 'body'])).toBe('body');
    expect(prismLocation(['response'])).toBe('response');
  });
});
