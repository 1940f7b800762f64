import { createWebhookHandler } from '../webhooks/create-webhook-handler.ts';
import type { WebhookHandlers } from '../webhooks/verified-webhook.ts';
import { verifyProvenonceWebhook, type ProvenonceEvents, type ProvenonceWebhookOptions } from './verify-webhook.ts';

/**
 * A Fetch handler for Provenonce deliveries with one typed handler per event.
 *
 * @example
 * const handler = createProvenonceWebhookHandler({ secret, on: { 'agent.frozen': (event) => freeze(event.payload) } });
 */
export function createProvenonceWebhookHandler(
  options: ProvenonceWebhookOptions & { on: WebhookHandlers<ProvenonceEvents>; onError?: (error: unknown, request: Request) => void },
): (request: Request) => Promise<Response> {
  return createWebhookHandler((request) => verifyProvenonceWebhook(request, options), options);
}
