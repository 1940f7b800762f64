// The mistake this package catches: express.json() runs before the webhook route, so the signed
// bytes are gone. The delivery is refused with 400 body_already_parsed and a message with the fix.
import express from 'express';
import { toNodeListener } from 'hookspec/node';
import { createSidclawWebhookHandler } from 'hookspec/sidclaw';

const sidclaw = createSidclawWebhookHandler({
  secret: process.env.SIDCLAW_WEBHOOK_SECRET!,
  on: { 'approval.requested': (event) => console.log(JSON.stringify({ handled: event.type, id: event.deliveryId })) },
});

const app = express();
app.use(express.json());
app.post('/webhooks/sidclaw', toNodeListener(sidclaw));
app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
