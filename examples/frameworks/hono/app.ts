// Hono 4 on Node: c.req.raw is the Fetch Request, untouched, so the handlers take it as is.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
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

const app = new Hono();
app.post('/webhooks/sidclaw', (c) => sidclaw(c.req.raw));
app.post('/webhooks/pipevest', (c) => pipevest(c.req.raw));

// The browser app's calls (createSidclawProxyClient({ baseUrl: '/api/sidclaw' })) go on to SidClaw
// with the admin key, which never leaves the server. Whoever reaches this route manages your
// webhooks: put your own session check in front of it.
app.all('/api/sidclaw/*', async (c) => {
  const { pathname, search } = new URL(c.req.url);
  const upstream = await fetch(`${process.env.SIDCLAW_URL}${pathname.slice('/api/sidclaw'.length)}${search}`, {
    method: c.req.method,
    headers: { authorization: `Bearer ${process.env.SIDCLAW_KEY}`, 'content-type': c.req.header('content-type') ?? 'application/json' },
    body: ['GET', 'HEAD'].includes(c.req.method) ? undefined : await c.req.arrayBuffer(),
  });
  return new Response(upstream.body, { status: upstream.status, headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/json' } });
});
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: '127.0.0.1' });
