// The generated Provenonce SDK against Prism mocking openapi/provenonce.yaml.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createConfig } from '../../generated/provenonce/client/index.ts';
import * as sdk from '../../generated/provenonce/sdk.gen.ts';
import * as z from '../../generated/provenonce/zod.gen.ts';
import { startPrism, type PrismInstance } from '../../mocks/prism/start-prism.ts';

let prism: PrismInstance;
let client: ReturnType<typeof createClient>;

beforeAll(async () => {
  prism = await startPrism('openapi/provenonce.yaml');
  client = createClient(createConfig({ baseUrl: prism.url, auth: 'pvp_test_partner_key' }));
});
afterAll(() => prism?.stop());

describe('provenonce operations through Prism', () => {
  it('putPartnerWebhook returns the secret once', async () => {
    const { data, response } = await sdk.putPartnerWebhook({
      client,
      body: { url: 'https://example.com/webhook', events: ['sigil.purchased', 'agent.frozen'] },
    });
    expect(response?.status).toBe(200);
    expect(z.zPutPartnerWebhookResponse.parse(data).webhook_secret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('getPartnerWebhook returns the configuration without the secret', async () => {
    const { data } = await sdk.getPartnerWebhook({ client });
    const parsed = z.zGetPartnerWebhookResponse.parse(data);
    expect(parsed.configured).toBe(true);
    expect(data).not.toHaveProperty('webhook_secret');
  });

  it('getPartnerWebhook can answer configured: false (the spec decision)', async () => {
    const { data } = await sdk.getPartnerWebhook({ client, headers: { Prefer: 'example=notConfigured' } });
    expect(z.zGetPartnerWebhookResponse.parse(data)).toEqual({ webhook_url: null, events: [], configured: false });
  });

  it('deletePartnerWebhook returns ok', async () => {
    const { data } = await sdk.deletePartnerWebhook({ client });
    expect(z.zDeletePartnerWebhookResponse.parse(data)).toEqual({ ok: true });
  });
});

describe('provenonce documented errors through Prism', () => {
  const cases = [
    [400, 'WEBHOOK_INVALID'],
    [401, 'AUTH_MISSING'],
    [403, 'AUTH_FORBIDDEN'],
    [429, 'RATE_LIMITED'],
  ] as const;
  for (const [status, code] of cases) {
    it(`${status} ${code}`, async () => {
      const { error, response } = await sdk.putPartnerWebhook({
        client,
        body: { url: 'https://example.com/webhook', events: ['agent.unfrozen'] },
        headers: { Prefer: `code=${status}` },
      });
      expect(response?.status).toBe(status);
      expect(z.zErrorResponse.parse(error).code).toBe(code);
    });
  }
});
