// The webhook receivers run in headless Chromium, on Web Crypto alone: deliveries signed in the
// page and in Node verify; a replay, a changed body and a changed digest are refused by code.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pipevestSigner } from '../../src/pipevest/sign-delivery.ts';
import { pipevestMockKeys } from '../../mocks/pipevest/credentials.ts';
import { serveBrowserPage, type BrowserPage } from './browser-page.ts';
import type { ReceiverInputs } from './page/receivers.ts';

let browserPage: BrowserPage | undefined;

beforeAll(async () => {
  browserPage = await serveBrowserPage(new URL('./page/receivers.ts', import.meta.url), new URL('./page/receivers.html', import.meta.url));
}, 120_000);

afterAll(() => browserPage?.close());

it('verifies SidClaw and Pipevest deliveries with Web Crypto, signed in the page or in Node', async () => {
  const secret = 'b7c1e2a9d4f6b7c1e2a9d4f6b7c1e2a9d4f6b7c1e2a9d4f6b7c1e2a9d4f6b7c1';
  const sidclawBody = JSON.stringify({
    id: 'evt_node',
    event: 'approval.requested',
    timestamp: new Date().toISOString(),
    tenant_id: 'tenant_4f9c2a',
    data: { approval_id: 'apr_7d1e', requester: 'agent-42' },
  });
  const pipevestUrl = 'https://hooks.partner.test/pipevest?tenant=7';
  const pipevestBody = JSON.stringify({
    event: 'WEBHOOK.CREATED',
    data: { webhookId: 'wh_1', status: 'ACTIVE', url: pipevestUrl, subscriptions: ['ALL'], createdAt: 1732893484, updatedAt: 1732893484 },
  });
  const inputs: ReceiverInputs = {
    secret,
    pipevestUrl,
    sidclaw: {
      body: sidclawBody,
      headers: {
        'x-webhook-id': 'del_node',
        'x-webhook-timestamp': new Date().toISOString(),
        'x-webhook-signature': `sha256=${createHmac('sha256', secret).update(sidclawBody).digest('hex')}`,
      },
    },
    pipevest: {
      body: pipevestBody,
      // Signed here on node:crypto.
      headers: await pipevestSigner({ keyId: pipevestMockKeys.delivery.keyId, privateKey: pipevestMockKeys.delivery.privateKeyPem }, pipevestUrl)(pipevestBody),
    },
  };

  const page = await browserPage!.open();
  await page.waitForFunction(() => document.title === 'ready', undefined, { timeout: 30_000 });
  const results = await page.evaluate(
    (given) => (globalThis as unknown as { runReceivers(i: typeof given): Promise<Record<string, string>> }).runReceivers(given),
    inputs,
  );
  expect(results).toEqual({
    runtime: 'no process object',
    sidclawSignedHere: 'ok:approval.requested',
    sidclawReplayed: 'error:replayed',
    sidclawChangedBody: 'error:signature_mismatch',
    sidclawSignedInNode: 'ok:approval.requested',
    sidclawHandler: '200 evt_handler',
    pipevestSignedHere: 'ok:WEBHOOK.CREATED',
    pipevestSignedInNode: 'ok:WEBHOOK.CREATED',
    pipevestChangedBody: 'error:digest_mismatch',
  });
  await page.close();
}, 60_000);
