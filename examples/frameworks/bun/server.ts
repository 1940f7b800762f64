// Bun 1: Bun.serve routes hand over Fetch Requests.
import { createPipevestWebhookHandler } from 'hookspec/pipevest';
import { createSidclawWebhookHandler } from 'hookspec/sidclaw';

const sidclaw = createSidclawWebhookHandler({
  secret: Bun.env.SIDCLAW_WEBHOOK_SECRET!,
  on: { 'approval.requested': (event) => console.log(JSON.stringify({ handled: event.type, id: event.deliveryId, tenant: event.payload.tenant_id })) },
});
const pipevest = createPipevestWebhookHandler({
  publicKey: Bun.env.PIPEVEST_WEBHOOK_PUBLIC_KEY!, // the PEM from GET /webhooks/key
  on: { 'WEBHOOK.CREATED': (event) => console.log(JSON.stringify({ handled: event.type, id: event.payload.data?.webhookId })) },
});

Bun.serve({
  port: Number(Bun.env.PORT ?? 3000),
  hostname: '127.0.0.1',
  routes: {
    '/webhooks/sidclaw': { POST: (request) => sidclaw(request) },
    '/webhooks/pipevest': { POST: (request) => pipevest(request) },
  },
  fetch: () => new Response('Not found', { status: 404 }),
});
