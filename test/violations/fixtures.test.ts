// Each kind of spec violation, per API, provoked by one request with one mistake (or one
// answer forced off-spec), is reported exactly once, with the operation, the request, where
// and what; the mock still answers as the API would.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exchangeMockCredentials } from '../../mocks/exchange/credentials.ts';
import { provenonceMockCredentials } from '../../mocks/provenonce/credentials.ts';
import { sidclawMockCredentials } from '../../mocks/sidclaw/credentials.ts';
import type { SidclawMockState } from '../../mocks/sidclaw/state.ts';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import { editedPipevestClient } from './edited-pipevest-client.ts';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0, log: () => {}, delivery: { maxAttempts: 1, timeoutMs: 500 } });
});
afterAll(() => server?.close({ timeoutMs: 1000 }));
beforeEach(() => {
  server.clearViolations();
  for (const mock of Object.values(server.mocks)) mock?.reset();
});

const json = { 'content-type': 'application/json' };

/** Sends a request to an API and returns its status. */
async function send(api: keyof MockServer['baseUrls'], path: string, init: RequestInit = {}): Promise<number> {
  const response = await fetch(`${server.baseUrls[api]}${path}`, init);
  await response.arrayBuffer();
  return response.status;
}

/** The one violation recorded since the last clear. */
function theViolation() {
  const violations = server.violations();
  expect(violations).toHaveLength(1);
  return violations[0]!;
}

describe('sidclaw', () => {
  const auth = { authorization: `Bearer ${sidclawMockCredentials.adminKey}` };
  const createEndpoint = async () => {
    const response = await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks`, {
      method: 'POST',
      headers: { ...auth, ...json },
      body: JSON.stringify({ url: 'https://example.com/h', events: ['agent.revoked'] }),
    });
    return ((await response.json()) as { data: { id: string } }).data.id;
  };

  it('query: limit above the maximum', async () => {
    const id = await createEndpoint();
    expect(await send('sidclaw', `/api/v1/webhooks/${id}/deliveries?limit=500`, { headers: auth })).toBe(200);
    expect(theViolation()).toEqual({
      api: 'sidclaw',
      operationId: 'listWebhookDeliveries',
      method: 'GET',
      path: `/sidclaw/api/v1/webhooks/${id}/deliveries?limit=500`,
      location: 'query.limit',
      message: 'Too big: expected number to be <=100 (got 500)',
      status: 200,
      source: 'hookspec',
    });
  });

  it('query: a status outside the enum', async () => {
    const id = await createEndpoint();
    await send('sidclaw', `/api/v1/webhooks/${id}/deliveries?status=done`, { headers: auth });
    expect(theViolation()).toMatchObject({
      operationId: 'listWebhookDeliveries',
      location: 'query.status',
      message: expect.stringMatching(/"pending"\|"delivered"\|"failed".*\(got "done"\)/),
    });
  });

  it('auth: no credentials (the documented 403 is still answered)', async () => {
    expect(await send('sidclaw', '/api/v1/webhooks')).toBe(403);
    expect(theViolation()).toMatchObject({
      operationId: 'listWebhooks',
      location: 'header.authorization',
      status: 403,
      message: 'required but missing (adminApiKey: Authorization: Bearer …) (or adminSession)',
    });
  });

  it('auth: a key that does not have the documented format', async () => {
    await send('sidclaw', '/api/v1/webhooks', { headers: { authorization: 'Bearer pk_live_abc' } });
    expect(theViolation()).toMatchObject({
      operationId: 'listWebhooks',
      location: 'header.authorization',
      message: expect.stringContaining('the key "pk_live_abc" does not have the documented format of adminApiKey'),
    });
  });

  it('content type: a JSON body sent as text/plain', async () => {
    await send('sidclaw', '/api/v1/webhooks', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: JSON.stringify({ url: 'https://example.com/h', events: ['agent.revoked'] }),
    });
    expect(theViolation()).toMatchObject({
      operationId: 'createWebhook',
      location: 'header.content-type',
      message: '"text/plain" is not a documented media type (application/json)',
    });
  });

  it('body: an unknown event type', async () => {
    expect(
      await send('sidclaw', '/api/v1/webhooks', {
        method: 'POST',
        headers: { ...auth, ...json },
        body: JSON.stringify({ url: 'https://example.com/h', events: ['agent.created'] }),
      }),
    ).toBe(400);
    expect(theViolation()).toMatchObject({
      operationId: 'createWebhook',
      location: 'body.events[0]',
      status: 400,
      message: expect.stringContaining('(got "agent.created")'),
    });
  });

  it('response: a forced 500 is not a documented status', async () => {
    server.mocks.sidclaw!.scenario.set({ serverError: { times: 1 } });
    expect(await send('sidclaw', '/api/v1/webhooks', { headers: auth })).toBe(500);
    expect(theViolation()).toMatchObject({
      operationId: 'listWebhooks',
      location: 'response.status',
      message: '500 is not a documented response of listWebhooks (documented: 200, 403)',
    });
  });

  it('response: a stored endpoint the handler answers off-spec', async () => {
    const id = await createEndpoint();
    const stored = (server.mocks.sidclaw!.state as SidclawMockState).endpoints.get(id)!;
    stored.endpoint = { ...stored.endpoint, created_at: 'yesterday' };
    await send('sidclaw', '/api/v1/webhooks', { headers: auth });
    expect(theViolation()).toMatchObject({
      operationId: 'listWebhooks',
      location: 'response.body.data[0].created_at',
      status: 200,
      message: 'Invalid ISO datetime (got "yesterday")',
    });
  });
});

describe('provenonce', () => {
  const auth = { authorization: `Bearer ${provenonceMockCredentials.partnerKey}` };
  const body = JSON.stringify({ url: 'https://example.com/webhook', events: ['sigil.purchased'] });

  it('auth: no credentials (the documented 401 AUTH_MISSING is still answered)', async () => {
    expect(await send('provenonce', '/api/v1/partner/webhook')).toBe(401);
    expect(theViolation()).toMatchObject({ operationId: 'getPartnerWebhook', location: 'header.authorization', status: 401 });
  });

  it('auth: a key without the pvp_/pvt_ prefix', async () => {
    await send('provenonce', '/api/v1/partner/webhook', { headers: { authorization: 'Bearer sk_live_abc' } });
    expect(theViolation()).toMatchObject({
      operationId: 'getPartnerWebhook',
      location: 'header.authorization',
      message: expect.stringContaining('documented format of partnerKey'),
    });
  });

  it('content type and body', async () => {
    await send('provenonce', '/api/v1/partner/webhook', { method: 'PUT', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(theViolation()).toMatchObject({ operationId: 'putPartnerWebhook', location: 'header.content-type' });
    server.clearViolations();
    await send('provenonce', '/api/v1/partner/webhook', {
      method: 'PUT',
      headers: { ...auth, ...json },
      body: JSON.stringify({ url: 'https://example.com/webhook', events: ['sigil.sold'] }),
    });
    expect(theViolation()).toMatchObject({ operationId: 'putPartnerWebhook', location: 'body.events[0]' });
  });

  it('response: a forced 429 is documented, a forced 503 is not', async () => {
    server.mocks.provenonce!.scenario.set({ rateLimit: { times: 1 } });
    expect(await send('provenonce', '/api/v1/partner/webhook', { headers: auth })).toBe(429);
    expect(server.violations()).toEqual([]);
    server.mocks.provenonce!.scenario.set({ serverError: { status: 503, times: 1 } });
    expect(await send('provenonce', '/api/v1/partner/webhook', { headers: auth })).toBe(503);
    expect(theViolation()).toMatchObject({ operationId: 'getPartnerWebhook', location: 'response.status', status: 503 });
  });
});

describe('exchange', () => {
  const register = (headers: Record<string, string>, body: unknown) =>
    send('exchange', '/partner/webhooks', {
      method: 'POST',
      headers,
      body: typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
    });
  const valid = { url: 'https://example.com/h', events: ['order.created'] };
  const secret = { authorization: `Bearer ${exchangeMockCredentials.branchKey}` };

  it('auth: a public pk_ key where the operation requires a secret key (the documented 403 is still answered)', async () => {
    expect(await register({ authorization: `Bearer ${exchangeMockCredentials.publicKey}`, ...json }, valid)).toBe(403);
    expect(theViolation()).toMatchObject({
      operationId: 'registerWebhook',
      location: 'header.authorization',
      status: 403,
      message: expect.stringMatching(/^the key "pk_hookspecM…" does not have the documented format of secretKey: .*sk_branch_\|sk_personal_/),
    });
  });

  it('auth: no credentials', async () => {
    expect(await register(json, valid)).toBe(401);
    expect(theViolation()).toMatchObject({ operationId: 'registerWebhook', location: 'header.authorization' });
  });

  it('content type: missing on a body', async () => {
    // Bytes: fetch adds no content type of its own.
    await register(secret, new TextEncoder().encode(JSON.stringify(valid)));
    expect(theViolation()).toMatchObject({
      operationId: 'registerWebhook',
      location: 'header.content-type',
      message: 'required with a body: application/json',
    });
  });

  it('body: not a URL, and not JSON', async () => {
    expect(await register({ ...secret, ...json }, { ...valid, url: 'not a url' })).toBe(400);
    expect(theViolation()).toMatchObject({ operationId: 'registerWebhook', location: 'body.url' });
    server.clearViolations();
    await register({ ...secret, ...json }, '{"url":');
    expect(theViolation()).toMatchObject({ operationId: 'registerWebhook', location: 'body', message: expect.stringMatching(/^not valid JSON/) });
  });

  it('response: a forced 502 is not documented', async () => {
    server.mocks.exchange!.scenario.set({ serverError: { status: 502, times: 1 } });
    expect(await register({ ...secret, ...json }, valid)).toBe(502);
    expect(theViolation()).toMatchObject({
      operationId: 'registerWebhook',
      location: 'response.status',
      message: expect.stringContaining('documented: 201, 400, 401, 403, 429'),
    });
  });
});

describe('pipevest', () => {
  /** A signing client whose requests are changed after signing by `edit`. */
  const client = (edit?: (headers: Headers) => void) => editedPipevestClient(server.baseUrls.pipevest, edit);
  const body = { url: 'https://127.0.0.1:9/hooks', subscriptions: ['ALL' as const] };

  it('headers: a missing Content-Digest (the documented 401 is still answered)', async () => {
    const { response } = await client((h) => h.delete('content-digest')).updateWebhook({ body });
    expect(response?.status).toBe(401);
    expect(theViolation()).toMatchObject({
      api: 'pipevest',
      operationId: 'updateWebhook',
      method: 'PUT',
      path: '/pipevest/v1/webhooks',
      location: 'header.content-digest',
      message: 'required but missing',
    });
  });

  it('headers: a missing X-Client-Id', async () => {
    await client((h) => h.delete('x-client-id')).getWebhookPublicKey();
    expect(theViolation()).toMatchObject({ operationId: 'getWebhookPublicKey', location: 'header.x-client-id' });
  });

  it('auth: no Authorization header', async () => {
    await client((h) => h.delete('authorization')).getWebhook();
    expect(theViolation()).toMatchObject({ operationId: 'getWebhook', location: 'header.authorization' });
  });

  it('content type and body', async () => {
    await client((h) => h.set('content-type', 'text/json')).createAuth({ body });
    expect(theViolation()).toMatchObject({ operationId: 'createAuth', location: 'header.content-type' });
    server.clearViolations();
    await client().createAuth({ body: { ...body, subscriptions: ['EVERYTHING' as 'ALL'] } });
    expect(theViolation()).toMatchObject({ operationId: 'createAuth', location: 'body.subscriptions[0]' });
  });

  it('response: a forced 500 is not documented', async () => {
    server.mocks.pipevest!.scenario.set({ serverError: { times: 1 } });
    expect((await client().getWebhookPublicKey()).response?.status).toBe(500);
    expect(theViolation()).toMatchObject({ operationId: 'getWebhookPublicKey', location: 'response.status' });
  });
});

describe('reading them', () => {
  it('GET /_mock/violations lists them, DELETE clears them', async () => {
    await send('sidclaw', '/api/v1/webhooks');
    const listed = (await (await fetch(`${server.url}/_mock/violations`)).json()) as { data: unknown[]; dropped: number };
    expect(listed).toEqual({ data: server.violations(), dropped: 0 });
    expect(listed.data).toHaveLength(1);
    const cleared = await fetch(`${server.url}/_mock/violations`, { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ cleared: 1 });
    expect(server.violations()).toEqual([]);
  });

  it('checkSpec: false records nothing', async () => {
    const unchecked = await startMockServer({ port: 0, apis: ['sidclaw'], log: () => {}, checkSpec: false });
    try {
      expect((await fetch(`${unchecked.baseUrls.sidclaw}/api/v1/webhooks`)).status).toBe(403);
      expect(unchecked.violations()).toEqual([]);
    } finally {
      await unchecked.close({ timeoutMs: 500 });
    }
  });
});
