import { createWebhookHandler } from '../webhooks/create-webhook-handler.ts';
import type { WebhookHandlers } from '../webhooks/verified-webhook.ts';
import { verifyExchangeWebhook, type ExchangeEvents, type ExchangeWebhookOptions } from './verify-webhook.ts';

/**
 * A Fetch handler for Exchange deliveries with one typed handler per event.
 *
 * @example
 * const handler = createExchangeWebhookHandler({ secret, on: { 'order.created': (event) => console.log(event.payload) } });
 */
export function createExchangeWebhookHandler(
  options: ExchangeWebhookOptions & { on: WebhookHandlers<ExchangeEvents>; onError?: (error: unknown, request: Request) => void },
): (request: Request) => Promise<Response> {
  return createWebhookHandler((request) => verifyExchangeWebhook(request, options), options);
}
