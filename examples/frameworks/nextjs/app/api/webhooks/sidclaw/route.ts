// Next.js App Router: a route handler takes the Fetch Request, so the handler is the POST export.
import { createSidclawWebhookHandler } from 'hookspec/sidclaw';

export const POST = createSidclawWebhookHandler({
  secret: process.env.SIDCLAW_WEBHOOK_SECRET!,
  on: { 'approval.requested': (event) => console.log(JSON.stringify({ handled: event.type, id: event.deliveryId, tenant: event.payload.tenant_id })) },
});
