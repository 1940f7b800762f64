// Koa 3: no body parser on the webhook routes; the raw body is read from ctx.req and verified.
import Router from '@koa/router';
import Koa, { type Context } from 'koa';
import { buffer } from 'node:stream/consumers';
import { createPipevestWebhookHandler } from 'hookspec/pipevest';
import { createSidclawWebhookHandler } from 'hookspec/sidclaw';

const sidclaw = createSidclawWebhookHandler({
  secret: process.env.SIDCLAW_WEBHOOK_SECRET!,
  on: { 'approval.requested': (event) => console.log(JSON.stringify({ handled: event.type, id: event.deliveryId, tenant: event.payload.tenant_id })) },
});
const pipevest = createPipevestWebhookHandler({
  publicKey: process.env.PIPEVEST_WEBHOOK_PUBLIC_KEY!, // the PEM from GET /webhooks/key
  on: { 'WEBHOOK.CREATED': (event) => console.log(JSON.stringify({ handled: event.type, id: event.payload.data?.webhookId })) },
});

/** Hands the raw request to a Fetch webhook handler and sends its answer. */
function fetchRoute(handler: (request: Request) => Promise<Response>) {
  return async (ctx: Context) => {
    const response = await handler(new Request(ctx.href, { method: ctx.method, headers: ctx.headers as Record<string, string>, body: await buffer(ctx.req) }));
    ctx.status = response.status;
    ctx.type = response.headers.get('content-type') ?? 'application/json';
    ctx.body = await response.text();
  };
}

const router = new Router();
router.post('/webhooks/sidclaw', fetchRoute(sidclaw));
router.post('/webhooks/pipevest', fetchRoute(pipevest));
new Koa().use(router.routes()).listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
