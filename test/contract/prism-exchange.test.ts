// The generated Exchange SDK against Prism mocking openapi/exchange.yaml.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createConfig } from '../../generated/exchange/client/index.ts';
import * as sdk from '../../generated/exchange/sdk.gen.ts';
import * as z from '../../generated/exchange/zod.gen.ts';
import { startPrism, type PrismInstance } from '../../mocks/prism/start-prism.ts';

let prism: PrismInstance;
let client: ReturnType<typeof createClient>;

beforeAll(async () => {
  prism = await startPrism('openapi/exchange.yaml');
  client = createClient(createConfig({ baseUrl: prism.url, auth: 'sk_branch_0123456789abcdef0123456789abcdef' }));
});
afterAll(() => prism?.stop());

describe('exchange through Prism', () => {
  it('registerWebhook returns the document’s registration with a 64-hex secretKey', async () => {
    const { data, response } = await sdk.registerWebhook({
      client,
      body: { url: 'https://example.com/webhooks/exchange', events: ['order.created', 'order.status_changed'] },
    });
    expect(response?.status).toBe(201);
    const parsed = z.zRegisterWebhookResponse.parse(data);
    expect(parsed).toMatchObject({ id: '550e8400-e29b-41d4-a716-446655440000', isActive: true, failCount: 0 });
    expect(parsed.secretKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([400, 401, 403, 429])('documented error %i parses with the error schema', async (status) => {
    const { error, response } = await sdk.registerWebhook({
      client,
      body: { url: 'https://example.com/h', events: ['offer.updated'] },
      headers: { Prefer: `code=${status}` },
    });
    expect(response?.status).toBe(status);
    expect(z.zErrorResponse.safeParse(error).success).toBe(true);
    expect(typeof (error as { message?: unknown }).message).toBe('string');
  });
});
