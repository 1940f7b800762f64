// Cloudflare Workers: a module worker's fetch handler; secrets are bindings (wrangler secret put …).
// Verification uses Web Crypto here: no nodejs_compat flag needed.
import { createPipevestWebhookHandler } from 'hookspec/pipevest';
import { createSidclawWebhookHandler } from 'hookspec/sidclaw';

interface Env {
  SIDCLAW_WEBHOOK_SECRET: string;
  PIPEVEST_WEBHOOK_PUBLIC_KEY: string; // the PEM from GET /webhooks/key
}

// Bindings arrive with the first request; the handlers (and their key caches) live as long as the isolate.
let handlers: { sidclaw: (request: Request) => Promise<Response>; pipevest: (request: Request) => Promise<Response> } | undefined;
const handlersFor = (env: Env) =>
  (handlers ??= {
    sidclaw: createSidclawWebhookHandler({
      secret: env.SIDCLAW_WEBHOOK_SECRET,
      on: { 'approval.requested': (event) => console.log(JSON.stringify({ handled: event.type, id: event.deliveryId, tenant: event.payload.tenant_id })) },
    }),
    pipevest: createPipevestWebhookHandler({
      publicKey: env.PIPEVEST_WEBHOOK_PUBLIC_KEY,
      on: { 'WEBHOOK.CREATED': (event) => console.log(JSON.stringify({ handled: event.type, id: event.payload.data?.webhookId })) },
    }),
  });

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (request.method === 'POST' && pathname === '/webhooks/sidclaw') return handlersFor(env).sidclaw(request);
    if (request.method === 'POST' && pathname === '/webhooks/pipevest') return handlersFor(env).pipevest(request);
    return new Response('Not found', { status: 404 });
  },
};
