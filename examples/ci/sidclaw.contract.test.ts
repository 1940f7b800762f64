// A contract test: the code under test calls the SidClaw API, here the hookspec mock server.
import { createSidclawClient } from 'hookspec/sidclaw';
import { expect, inject, it } from 'vitest';

const sidclaw = createSidclawClient({ apiKey: 'sk_live_abc123', baseUrl: inject('hookspec').baseUrls.sidclaw!, retries: 0 });

it('registers an endpoint and reads its last 50 deliveries', async () => {
  const created = await sidclaw.createWebhook({ body: { url: 'https://example.com/hooks', events: ['approval.requested'] } });
  const id = created.data!.data.id;
  const deliveries = await sidclaw.listWebhookDeliveries({ path: { id }, query: { limit: 50 } });
  expect(deliveries.data?.data).toEqual([]);
});
