// Express 5: each webhook route gets the raw body (express.raw), the rest of the app keeps express.json().
import express from 'express';
import { toNodeListener } from 'hookspec/node';
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

const app = express();
app.post('/webhooks/sidclaw', express.raw({ type: 'application/json' }), toNodeListener(sidclaw));
app.post('/webhooks/pipevest', express.raw({ type: 'application/json' }), toNodeListener(pipevest));
app.use(express.json()); // after the webhook routes: it would turn their bodies into objects
app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
