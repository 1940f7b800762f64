// Provenonce and Exchange flows against the mock HTTP server through `prism proxy`: every
// request and response is validated against the spec; any `sl-violations` header fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeMockCredentials } from '../../mocks/exchange/index.ts';
import { recordPrismViolations } from '../support/prism-violations.ts';
import { startPrism, type PrismInstance } from '../../mocks/prism/start-prism.ts';
import { provenonceMockCredentials } from '../../mocks/provenonce/index.ts';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import { createExchangeClient } from '../../src/exchange/client.ts';
import { createProvenonceClient } from '../../src/provenonce/client.ts';

let mockServer: MockServer;
const proxies: PrismInstance[] = [];
const { fetch: recordingFetch, violations } = recordPrismViolations();

async function proxy(api: 'provenonce' | 'exchange'): Promise<string> {
  const prism = await startPrism(`openapi/${api}.yaml`, { mode: 'proxy', upstream: mockServer.baseUrls[api] });
  proxies.push(prism);
  return prism.url;
}

beforeAll(async () => {
  mockServer = await startMockServer({ port: 0, apis: ['provenonce', 'exchange'], log: () => {} });
});
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.stop()));
  await mockServer?.close({ timeoutMs: 1000 });
});

describe('through prism proxy', () => {
  it('provenonce: PUT, GET, DELETE, GET not configured, and the documented errors', async () => {
    const baseUrl = await proxy('provenonce');
    const client = createProvenonceClient({ apiKey: provenonceMockCredentials.partnerKey, baseUrl, fetch: recordingFetch, retries: 0 });
    const put = await client.putPartnerWebhook({ body: { url: 'https://example.com/webhook', events: ['sigil.purchased', 'agent.frozen'] } });
    expect(put.data?.webhook_secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await client.getPartnerWebhook()).data).toEqual({
      webhook_url: 'https://example.com/webhook',
      events: ['sigil.purchased', 'agent.frozen'],
      configured: true,
    });
    expect((await client.deletePartnerWebhook()).data).toEqual({ ok: true });
    expect((await client.getPartnerWebhook()).data).toEqual({ webhook_url: null, events: [], configured: false });
    const suspended = createProvenonceClient({ apiKey: provenonceMockCredentials.suspendedKey, baseUrl, fetch: recordingFetch, retries: 0 });
    const forbidden = await suspended.getPartnerWebhook();
    expect([forbidden.response?.status, forbidden.error?.code]).toEqual([403, 'AUTH_FORBIDDEN']);
    const missing = await fetch(`${baseUrl}/api/v1/partner/webhook`);
    expect([missing.status, ((await missing.json()) as { code: string }).code]).toEqual([401, 'AUTH_MISSING']);
    expect(violations).toEqual([]);
  });

  it('exchange: register, and 403 for a read-only pk_ key', async () => {
    const baseUrl = await proxy('exchange');
    const client = createExchangeClient({ apiKey: exchangeMockCredentials.branchKey, baseUrl, fetch: recordingFetch, retries: 0 });
    const registered = await client.registerWebhook({
      body: { url: 'https://example.com/webhooks/exchange', events: ['order.created', 'order.status_changed'] },
    });
    expect(registered.response?.status).toBe(201);
    expect(registered.data).toMatchObject({ isActive: true, failCount: 0, events: ['order.created', 'order.status_changed'] });
    expect(registered.data?.secretKey).toMatch(/^[0-9a-f]{64}$/);
    const readOnly = createExchangeClient({ apiKey: exchangeMockCredentials.publicKey, baseUrl, fetch: recordingFetch, retries: 0 });
    expect((await readOnly.registerWebhook({ body: { url: 'https://example.com/h', events: ['offer.updated'] } })).response?.status).toBe(403);
    expect(violations).toEqual([]);
  });
});
