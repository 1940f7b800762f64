// The mocks' own rules on state: limits (configurable, with defaults) answered in each API's
// error format, and no delivery to a mock server's control routes, at registration or send time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provenonceMockCredentials } from '../../mocks/provenonce/credentials.ts';
import { exchangeMockCredentials } from '../../mocks/exchange/credentials.ts';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import type { SidclawMockState } from '../../mocks/sidclaw/index.ts';
import { DEFAULT_MOCK_LIMITS, resolveMockLimits } from '../../mocks/shared/mock-limits.ts';
import { createProvenMock } from '../../mocks/proven/index.ts';
import { createSidclawMock } from '../../mocks/sidclaw/index.ts';

let server: MockServer;
let selfUrl: string;
const admin = { authorization: 'Bearer sk_live_abc123', 'content-type': 'application/json' };

beforeAll(async () => {
  server = await startMockServer({
    port: 0,
    log: () => {},
    delivery: { maxAttempts: 1 },
    limits: { maxEndpoints: 2, maxFieldLength: 10, maxUrlLength: 60 },
  });
  selfUrl = `http://localhost:${new URL(server.url).port}/_mock/sidclaw/events`;
});
afterAll(() => server.close({ timeoutMs: 1000 }));

const post = (url: string, body: unknown, headers: Record<string, string> = admin, method = 'POST') =>
  fetch(url, { method, headers, body: JSON.stringify(body) }).then(async (response) => ({ status: response.status, body: await response.json() }));

describe('mock limits', () => {
  it('has defaults, and refuses a limit that is not a positive integer', () => {
    expect(DEFAULT_MOCK_LIMITS).toEqual({
      maxEndpoints: 100,
      maxFieldLength: 1024,
      maxUrlLength: 2048,
      maxDeliveryRecords: 1000,
      maxDeadLetters: 1000,
      maxPendingDeliveries: 1000,
      maxAttemptsKept: 20,
    });
    expect(() => resolveMockLimits({ maxEndpoints: 0 })).toThrow('limits.maxEndpoints must be a positive integer, got 0.');
    const engine = createSidclawMock().engine;
    expect([engine.options.maxPending, engine.options.maxRecords, engine.options.maxDeadLetters, engine.options.maxAttemptLog]).toEqual([1000, 1000, 1000, 20]);
  });

  it('SidClaw: endpoints per API, description and URL length, in its { error, message } format', async () => {
    const webhooks = `${server.baseUrls.sidclaw}/api/v1/webhooks`;
    const long = await post(webhooks, { url: 'https://example.com/h', events: ['approval.requested'], description: 'x'.repeat(11) });
    expect(long).toEqual({
      status: 400,
      body: { error: 'validation_error', message: 'description: at most 10 characters (mock limit maxFieldLength), got 11.' },
    });
    const longUrl = await post(webhooks, { url: `https://example.com/${'p'.repeat(60)}`, events: ['approval.requested'] });
    expect(longUrl.body.message).toBe('url: at most 60 characters (mock limit maxUrlLength), got 80.');
    const first = await post(webhooks, { url: 'https://example.com/1', events: ['approval.requested'], description: 'short' });
    expect(first.status).toBe(201);
    expect((await post(webhooks, { url: 'https://example.com/2', events: ['approval.requested'] })).status).toBe(201);
    const third = await post(webhooks, { url: 'https://example.com/3', events: ['approval.requested'] });
    expect(third).toEqual({
      status: 400,
      body: { error: 'validation_error', message: 'This mock keeps at most 2 webhook endpoints (mock limit maxEndpoints); delete one first.' },
    });
    const patched = await post(`${webhooks}/${first.body.data.id}`, { description: 'y'.repeat(11) }, admin, 'PATCH');
    expect(patched.status).toBe(400);
    expect((await post(`${server.url}/_mock/reset`, {})).status).toBe(200);
  });

  it('Provenonce and Exchange: a new registration over maxEndpoints, in their own formats', async () => {
    const partner = `${server.baseUrls.provenonce}/api/v1/partner/webhook`;
    const put = (key: string) =>
      post(partner, { url: 'https://example.com/p', events: ['agent.frozen'] }, { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, 'PUT');
    expect((await put(provenonceMockCredentials.partnerKey)).status).toBe(200);
    expect((await put('pvp_second_partner_key')).status).toBe(200);
    // Replacing an existing partner's configuration is not a new endpoint.
    expect((await put(provenonceMockCredentials.partnerKey)).status).toBe(200);
    const third = await put('pvp_third_partner_key');
    expect(third).toEqual({
      status: 400,
      body: {
        code: 'WEBHOOK_INVALID',
        error: 'Invalid webhook configuration: This mock keeps at most 2 webhook endpoints (mock limit maxEndpoints); delete one first.',
      },
    });

    const register = () =>
      post(
        `${server.baseUrls.exchange}/partner/webhooks`,
        { url: 'https://example.com/x', events: ['order.created'] },
        { authorization: `Bearer ${exchangeMockCredentials.branchKey}`, 'content-type': 'application/json' },
      );
    expect((await register()).status).toBe(201);
    expect((await register()).status).toBe(201);
    const over = await register();
    expect(over.status).toBe(400);
    expect(JSON.stringify(over.body)).toContain('mock limit maxEndpoints');
    await post(`${server.url}/_mock/reset`, {});
  });

  it('delivery records and dead letters are evicted oldest first at the configured limits', async () => {
    const mock = createSidclawMock({ delivery: { maxAttempts: 1, timeoutMs: 500 }, limits: { maxDeliveryRecords: 3, maxDeadLetters: 2 } });
    // A closed port: every attempt fails at once.
    mock.state.endpoints.set('e1', {
      endpoint: {
        id: 'e1',
        url: 'http://127.0.0.1:9/hook',
        events: ['approval.requested'],
        is_active: true,
        description: null,
        created_at: new Date().toISOString(),
      },
      secret: 's',
    });
    for (let i = 0; i < 6; i += 1) {
      const [record] = await mock.trigger('approval.requested', { n: i });
      await mock.engine.settled(record!.id);
    }
    expect(mock.engine.deadLetters()).toHaveLength(2);
    expect(mock.engine.list()).toHaveLength(2);
    await mock.close({ timeoutMs: 100 });
  });
});

describe('no delivery to a mock control route', () => {
  it('is refused at registration, with a message that says why, in every API that registers URLs', async () => {
    const sidclaw = await post(`${server.baseUrls.sidclaw}/api/v1/webhooks`, { url: selfUrl, events: ['approval.requested'] });
    expect(sidclaw.status).toBe(400);
    expect(sidclaw.body.error).toBe('validation_error');
    expect(sidclaw.body.message).toContain('/_mock/sidclaw/events is a mock server control route');
    const ok = await post(`${server.baseUrls.sidclaw}/api/v1/webhooks`, { url: 'https://example.com/ok', events: ['approval.requested'] });
    const patched = await post(`${server.baseUrls.sidclaw}/api/v1/webhooks/${ok.body.data.id}`, { url: selfUrl }, admin, 'PATCH');
    expect(patched.status).toBe(400);

    const provenonce = await post(
      `${server.baseUrls.provenonce}/api/v1/partner/webhook`,
      { url: 'https://localhost/_mock/reset', events: ['agent.frozen'] },
      { authorization: `Bearer ${provenonceMockCredentials.partnerKey}`, 'content-type': 'application/json' },
      'PUT',
    );
    expect(provenonce.status).toBe(400);
    expect(provenonce.body.error).toContain('mock server control route');
    const exchange = await post(
      `${server.baseUrls.exchange}/partner/webhooks`,
      { url: selfUrl, events: ['order.created'] },
      { authorization: `Bearer ${exchangeMockCredentials.branchKey}`, 'content-type': 'application/json' },
    );
    expect(exchange.status).toBe(400);
    const proven = await post(`${server.url}/_mock/proven/endpoints`, { url: selfUrl });
    expect(proven.status).toBe(400);
    expect(proven.body.error).toBe('invalid_endpoint');
    expect(() => createProvenMock().addEndpoint!({ url: 'http://127.0.0.1:4010/_mock/proven/events' })).toThrow(RangeError);
    await post(`${server.url}/_mock/reset`, {});
  });

  it('is refused at send time, without a request, for a URL that got into the state directly', async () => {
    const before = server.mocks.sidclaw!.engine.stats().total;
    (server.mocks.sidclaw!.state as SidclawMockState).endpoints.set('direct', {
      endpoint: { id: 'direct', url: selfUrl, events: ['approval.requested'], is_active: true, description: null, created_at: new Date().toISOString() },
      secret: 's',
    });
    const [record] = await server.mocks.sidclaw!.trigger('approval.requested', {});
    const settled = await server.mocks.sidclaw!.engine.settled(record!.id);
    expect(settled.state).toBe('failed');
    expect(settled.lastStatus).toBeNull();
    expect(settled.lastError).toContain('Refused: url: /_mock/sidclaw/events is a mock server control route');
    // Nothing reached the events route, so nothing was triggered in turn.
    expect(server.mocks.sidclaw!.engine.stats().total).toBe(before + 1);
    await post(`${server.url}/_mock/reset`, {});
  });
});
