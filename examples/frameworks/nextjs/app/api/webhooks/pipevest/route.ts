// Next.js App Router: the Pipevest handler as the POST export of app/api/webhooks/pipevest/route.ts.
import { createPipevestWebhookHandler } from 'hookspec/pipevest';

export const POST = createPipevestWebhookHandler({
  publicKey: process.env.PIPEVEST_WEBHOOK_PUBLIC_KEY!, // the PEM from GET /webhooks/key
  // The signature covers @target-uri, and Next.js rebuilds request.url on its own host
  // (http://localhost:<port>/…): give the URL registered with Pipevest.
  publicUrl: process.env.PIPEVEST_WEBHOOK_URL!, // e.g. https://example.com/api/webhooks/pipevest
  on: { 'WEBHOOK.CREATED': (event) => console.log(JSON.stringify({ handled: event.type, id: event.payload.data?.webhookId })) },
});
