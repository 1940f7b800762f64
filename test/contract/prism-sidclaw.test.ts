// The generated SidClaw SDK against Prism mocking openapi/sidclaw.yaml: every operation,
// every response parsed with the generated zod schema, and the documented error paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createConfig } from '../../generated/sidclaw/client/index.ts';
import * as sdk from '../../generated/sidclaw/sdk.gen.ts';
import * as z from '../../generated/sidclaw/zod.gen.ts';
import { startPrism, type PrismInstance } from '../../mocks/prism/start-prism.ts';

let prism: PrismInstance;
let client: ReturnType<typeof createClient>;

beforeAll(async () => {
  prism = await startPrism('openapi/sidclaw.yaml');
  client = createClient(createConfig({ baseUrl: prism.url, auth: (auth) => (auth.scheme === 'bearer' ? 'sk_live_abc123' : undefined) }));
});
afterAll(() => prism?.stop());

describe('sidclaw operations through Prism', () => {
  it('createWebhook returns 201 with a 64-hex secret', async () => {
    const { data, response } = await sdk.createWebhook({
      client,
      body: { url: 'https://example.com/webhooks/sidclaw', events: ['approval.requested'], description: 'Slack' },
    });
    expect(response?.status).toBe(201);
    const parsed = z.zCreateWebhookResponse.parse(data);
    expect(parsed.data.secret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('listWebhooks returns endpoints without secrets', async () => {
    const { data, response } = await sdk.listWebhooks({ client });
    expect(response?.status).toBe(200);
    const parsed = z.zListWebhooksResponse.parse(data);
    expect(parsed.data[0]?.id).toBe('wh-001');
    expect(JSON.stringify(data)).not.toContain('secret');
  });

  it('getWebhook returns one endpoint', async () => {
    const { data } = await sdk.getWebhook({ client, path: { id: 'wh-001' } });
    expect(z.zGetWebhookResponse.parse(data).data.events).toEqual(['approval.requested', 'approval.approved']);
  });

  it('updateWebhook returns the updated endpoint', async () => {
    const { data } = await sdk.updateWebhook({ client, path: { id: 'wh-001' }, body: { description: null } });
    expect(z.zUpdateWebhookResponse.parse(data).data.url).toBe('https://example.com/webhooks/sidclaw-v2');
  });

  it('listWebhookDeliveries returns the history with nullable fields', async () => {
    const { data } = await sdk.listWebhookDeliveries({ client, path: { id: 'wh-001' }, query: { limit: 50, status: 'failed' } });
    const parsed = z.zListWebhookDeliveriesResponse.parse(data);
    expect(parsed.data.map((d) => d.status)).toEqual(['delivered', 'failed']);
    expect(parsed.data[1]?.delivered_at).toBeNull();
  });

  it('testWebhook returns the test outcome', async () => {
    const { data } = await sdk.testWebhook({ client, path: { id: 'wh-001' } });
    expect(z.zTestWebhookResponse.parse(data).delivered).toBe(true);
  });

  it('deleteWebhook returns 204', async () => {
    const { response } = await sdk.deleteWebhook({ client, path: { id: 'wh-001' } });
    expect(response?.status).toBe(204);
  });
});

describe('sidclaw documented errors through Prism', () => {
  it('404 not_found for an unknown endpoint', async () => {
    const { error, response } = await sdk.getWebhook({ client, path: { id: 'nope' }, headers: { Prefer: 'code=404' } });
    expect(response?.status).toBe(404);
    expect(z.zErrorResponse.parse(error).error).toBe('not_found');
  });

  it('400 validation_error when events are missing', async () => {
    const { error, response } = await sdk.createWebhook({
      client,
      body: { url: 'https://example.com/hook', events: [] },
      headers: { Prefer: 'code=400' },
    });
    expect(response?.status).toBe(400);
    expect(z.zErrorResponse.parse(error).error).toBe('validation_error');
  });

  it('403 forbidden without admin scope', async () => {
    const { error, response } = await sdk.listWebhooks({ client, headers: { Prefer: 'code=403' } });
    expect(response?.status).toBe(403);
    expect(z.zErrorResponse.parse(error).error).toBe('forbidden');
  });
});
