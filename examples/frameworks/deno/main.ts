// Deno 2: Deno.serve hands over Fetch Requests; run with --allow-net --allow-env.
import { createPipevestWebhookHandler } from 'hookspec/pipevest';
import { createSidclawWebhookHandler } from 'hookspec/sidclaw';

const sidclaw = createSidclawWebhookHandler({
  secret: Deno.env.get('SIDCLAW_WEBHOOK_SECRET')!,
  on: { 'approval.requested': (event) => console.log(JSON.stringify({ handled: event.type, id: event.deliveryId, tenant: event.payload.tenant_id })) },
});
const pipevest = createPipevestWebhookHandler({
  publicKey: Deno.env.get('PIPEVEST_WEBHOOK_PUBLIC_KEY')!, // the PEM from GET /webhooks/key
  on: { 'WEBHOOK.CREATED': (event) => console.log(JSON.stringify({ handled: event.type, id: event.payload.data?.webhookId })) },
});

Deno.serve({ port: Number(Deno.env.get('PORT') ?? 3000), hostname: '127.0.0.1' }, (request) => {
  const { pathname } = new URL(request.url);
  if (request.method === 'POST' && pathname === '/webhooks/sidclaw') return sidclaw(request);
  if (request.method === 'POST' && pathname === '/webhooks/pipevest') return pipevest(request);
  return new Response('Not found', { status: 404 });
});
