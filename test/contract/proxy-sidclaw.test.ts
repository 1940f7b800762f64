// The SidClaw flow against the mock HTTP server through `prism proxy`, which validates every
// request and response against openapi/sidclaw.yaml: any `sl-violations` header fails the run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordPrismViolations } from '../support/prism-violations.ts';
import { startPrism, type PrismInstance } from '../../mocks/prism/start-prism.ts';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import { sidclawMockCredentials } from '../../mocks/sidclaw/index.ts';
import { createSidclawClient, type SidclawClient } from '../../src/sidclaw/client.ts';

let mockServer: MockServer;
let prism: PrismInstance;
let sidclaw: SidclawClient;
const { fetch: recordingFetch, violations } = recordPrismViolations();

beforeAll(async () => {
  mockServer = await startMockServer({ port: 0, apis: ['sidclaw'], log: () => {} });
  prism = await startPrism('openapi/sidclaw.yaml', { mode: 'proxy', upstream: mockServer.baseUrls.sidclaw });
  // Every violation Prism reports, on every response the client sees, lands in `violations`.
  sidclaw = createSidclawClient({ apiKey: sidclawMockCredentials.adminKey, baseUrl: prism.url, fetch: recordingFetch, retries: 0 });
});
afterAll(async () => {
  await prism?.stop();
  await mockServer?.close({ timeoutMs: 1000 });
});

describe('SidClaw through prism proxy', () => {
  it('every operation and documented error passes Prism validation', async () => {
    const created = await sidclaw.createWebhook({ body: { url: 'https://example.com/webhooks/sidclaw', events: ['approval.requested'], description: 'x' } });
    expect(created.response?.status).toBe(201);
    const id = created.data!.data.id;
    expect((await sidclaw.listWebhooks()).response?.status).toBe(200);
    expect((await sidclaw.getWebhook({ path: { id } })).response?.status).toBe(200);
    expect((await sidclaw.updateWebhook({ path: { id }, body: { is_active: false, description: null } })).data?.data.is_active).toBe(false);
    expect((await sidclaw.listWebhookDeliveries({ path: { id }, query: { limit: 50, status: 'delivered' } })).data?.data).toEqual([]);
    // The endpoint is on example.com, which this machine cannot reach: the test reports the failure.
    const tested = await sidclaw.testWebhook({ path: { id } });
    expect(tested.data?.delivered).toBe(false);
    expect(tested.data?.error).toMatch(/Error/);
    expect((await sidclaw.getWebhook({ path: { id: 'wh-missing' } })).response?.status).toBe(404);
    const readOnly = createSidclawClient({ apiKey: sidclawMockCredentials.readOnlyKey, baseUrl: prism.url, retries: 0 });
    const denied = await readOnly.createWebhook({ body: { url: 'https://e.com', events: ['approval.requested'] } });
    expect([denied.response?.status, denied.error?.error]).toEqual([403, 'forbidden']);
    expect((await sidclaw.deleteWebhook({ path: { id } })).response?.status).toBe(204);
    expect(violations).toEqual([]);
  });

  it('the violation check can fail: a request that breaks the spec is reported', async () => {
    const before = violations.length;
    const { response } = await sidclaw.createWebhook({ body: { url: 'not a url', events: [] } });
    expect(response?.status).toBe(400);
    expect(violations.length).toBe(before + 1);
    expect(violations.at(-1)).toMatch(/request/i);
    violations.length = before;
  });
});
