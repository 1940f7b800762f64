// The mock's request journal: how many times the code under test called an operation, and with what.
import { createSidclawClient } from 'hookspec/sidclaw';
import { mockRequests } from 'hookspec/testing';
import { expect, inject, it } from 'vitest';

const sidclaw = createSidclawClient({ apiKey: 'sk_live_abc123', baseUrl: inject('hookspec').baseUrls.sidclaw!, retries: 0 });

/** The code under test: subscribes a receiver to approvals, once. */
async function subscribeToApprovals(url: string) {
  const existing = await sidclaw.listWebhooks();
  if (existing.data?.data.some((webhook) => webhook.url === url)) return;
  await sidclaw.createWebhook({ body: { url, events: ['approval.requested'] } });
}

it('registers the receiver once, for approval.requested', async () => {
  await subscribeToApprovals('https://example.com/approvals');
  await subscribeToApprovals('https://example.com/approvals');

  const created = await mockRequests({ operationId: 'createWebhook', test: 'current' });
  expect(created).toHaveLength(1);
  expect(created[0]!.body).toMatchObject({ url: 'https://example.com/approvals', events: ['approval.requested'] });
  expect(await mockRequests({ operationId: 'listWebhooks', test: 'current' })).toHaveLength(2);
});
