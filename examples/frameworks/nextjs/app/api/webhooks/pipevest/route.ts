// Next.js App Router: the Pipevest handler as the POST export of app/api/webhooks/pipevest/route.ts.
import { createPipevestWebhookHandler } from 'hookspec/pipevest';

export const POST = createPipevestWebhookHandler({
  publicKey: process.env.PIPEVEST_WEBHOOK_PUBLIC_KEY!, // the PEM from GET /webhooks/key
  on: { 'WEBHOOK.CREATED': (event) => console.log(JSON.stringify({ handled: event.type, id: event.payload.data?.webhookId })) },
});
