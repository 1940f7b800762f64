import { createWebhookHandler } from '../webhooks/create-webhook-handler.ts';
import type { WebhookHandlers } from '../webhooks/verified-webhook.ts';
import { verifyProvenWebhook, type ProvenEvents, type ProvenWebhookOptions } from './verify-webhook.ts';

/**
 * A Fetch handler for Proven deliveries with one typed handler per event.
 *
 * @example
 * const handler = createProvenWebhookHandler({ apiKey, on: { 'credentials:done': (event) => console.log(event.payload.webhook.cred_ex_id) } });
 */
export function createProvenWebhookHandler(
  options: ProvenWebhookOptions & { on: WebhookHandlers<ProvenEvents>; onError?: (error: unknown, request: Request) => void },
): (request: Request) => Promise<Response> {
  return createWebhookHandler((request) => verifyProvenWebhook(request, options), options);
}
