// Cloudflare Workers: a module worker's fetch handler; secrets are bindings (wrangler secret put …).
// Verification uses Web Crypto here: no nodejs_compat flag needed.
import { createPipevestWebhookHandler } from 'hookspec/pipevest';
import { createSidclawWebhookHandler } from 'hookspec/sidclaw';

interface Env {
  SIDCLAW_WEBHOOK_SECRET: string;
  PIPEVEST_WEBHOOK_PUBLIC_KEY: string; // the PEM from GET /webhooks/key
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (request.method === 'POST' && pathname === '/webhooks/sidclaw') {
      return createSidclawWebhookHandler({
        secret: env.SIDCLAW_WEBHOOK_SECRET,
        on: { 'approval.requested': (event) => console.log(JSON.stringify({ handled: event.type, id: event.deliveryId, tenant: event.payload.tenant_id })) },
      })(request);
    }
    if (request.method === 'POST' && pathname === '/webhooks/pipevest') {
      return createPipevestWebhookHandler({
        publicKey: env.PIPEVEST_WEBHOOK_PUBLIC_KEY,
        on: { 'WEBHOOK.CREATED': (event) => console.log(JSON.stringify({ handled: event.type, id: event.payload.data?.webhookId })) },
      })(request);
    }
    return new Response('Not found', { status: 404 });
  },
};
