// The receivers in a browser, where node:crypto does not exist: deliveries signed here (Web
// Crypto, with the mocks' own signers) and in Node are verified by verifySidclawWebhook,
// createSidclawWebhookHandler and verifyPipevestWebhook. The test calls `runReceivers`.
import { pipevestMockKeys } from '../../../mocks/pipevest/credentials.ts';
import { pipevestSigner } from '../../../src/pipevest/sign-delivery.ts';
import { sidclawSigner } from '../../../src/sidclaw/sign-delivery.ts';
import { verifyPipevestWebhook } from '../../../src/pipevest/verify-webhook.ts';
import { createSidclawWebhookHandler } from '../../../src/sidclaw/webhook-handler.ts';
import { verifySidclawWebhook } from '../../../src/sidclaw/verify-webhook.ts';

export interface SignedInNode {
  sidclaw: { body: string; headers: Record<string, string> };
  pipevest: { body: string; headers: Record<string, string> };
}

export interface ReceiverInputs extends SignedInNode {
  secret: string;
  pipevestUrl: string;
}

async function outcome(verify: () => Promise<{ type: string }>): Promise<string> {
  try {
    return `ok:${(await verify()).type}`;
  } catch (error) {
    return `error:${(error as { code?: string }).code}`;
  }
}

async function runReceivers(inputs: ReceiverInputs): Promise<Record<string, string>> {
  const { secret, pipevestUrl } = inputs;
  const sidclawUrl = 'https://receiver.example/webhooks/sidclaw';
  const post = (url: string, body: string, headers: Record<string, string>) => new Request(url, { method: 'POST', headers, body });
  const sidclawBody = inputs.sidclaw.body.replace('evt_node', 'evt_page');
  const sidclawHeaders = await sidclawSigner(secret, 'del_page')(sidclawBody);
  const publicKey = pipevestMockKeys.delivery.publicKeyPem;
  const pipevestHeaders = await pipevestSigner(
    { keyId: pipevestMockKeys.delivery.keyId, privateKey: pipevestMockKeys.delivery.privateJwk },
    pipevestUrl,
  )(inputs.pipevest.body);

  const received: string[] = [];
  const handler = createSidclawWebhookHandler({ secret, on: { 'approval.requested': (event) => void received.push(String(event.payload.id)) } });
  const handled = await handler(
    post(
      sidclawUrl,
      sidclawBody.replace('evt_page', 'evt_handler'),
      await sidclawSigner(secret, 'del_handler')(sidclawBody.replace('evt_page', 'evt_handler')),
    ),
  );

  return {
    runtime: typeof (globalThis as { process?: unknown }).process === 'undefined' ? 'no process object' : 'process object present',
    sidclawSignedHere: await outcome(() => verifySidclawWebhook(post(sidclawUrl, sidclawBody, sidclawHeaders), { secret })),
    sidclawReplayed: await outcome(() => verifySidclawWebhook(post(sidclawUrl, sidclawBody, sidclawHeaders), { secret })),
    sidclawChangedBody: await outcome(() =>
      verifySidclawWebhook(post(sidclawUrl, sidclawBody.replace('apr_', 'apx_'), { ...sidclawHeaders, 'x-webhook-id': 'del_other' }), { secret }),
    ),
    sidclawSignedInNode: await outcome(() => verifySidclawWebhook(post(sidclawUrl, inputs.sidclaw.body, inputs.sidclaw.headers), { secret })),
    sidclawHandler: `${handled.status} ${received.join(',')}`,
    pipevestSignedHere: await outcome(() => verifyPipevestWebhook(post(pipevestUrl, inputs.pipevest.body, pipevestHeaders), { publicKey })),
    pipevestSignedInNode: await outcome(() => verifyPipevestWebhook(post(pipevestUrl, inputs.pipevest.body, inputs.pipevest.headers), { publicKey })),
    pipevestChangedBody: await outcome(() =>
      verifyPipevestWebhook(post(pipevestUrl, inputs.pipevest.body.replace('wh_1', 'wh_2'), pipevestHeaders), { publicKey }),
    ),
  };
}

Object.assign(globalThis, { runReceivers });
document.title = 'ready';
