import { createWebhookHandler } from '../webhooks/create-webhook-handler.ts';
import type { WebhookHandlers } from '../webhooks/verified-webhook.ts';
import { verifyPipevestWebhook, type PipevestEvents, type PipevestWebhookEvent, type PipevestWebhookOptions } from './verify-webhook.ts';

/** Typed handlers per Pipevest event type; each receives the verified event with its `keyId`. */
export type PipevestWebhookHandlers = {
  [K in keyof PipevestEvents & string]?: (event: Extract<PipevestWebhookEvent, { type: K }>) => unknown;
};

/**
 * A Fetch handler for Pipevest webhook messages with one typed handler per event. Mount it on
 * any Fetch runtime, or on Node with `toNodeListener` from `hookspec/node`. Failed verification answers 401 (400
 * for an invalid payload) with `{ error, message }`.
 *
 * @example
 * const pipevest = createPipevestClient({ apiKey, clientId, privateKey });
 * export default createPipevestWebhookHandler({
 *   keyResolver: createPipevestKeyResolver({ client: pipevest }),
 *   on: { 'WEBHOOK.UPDATED': (event) => console.log(event.payload.data?.url) },
 * });
 */
export function createPipevestWebhookHandler(
  options: PipevestWebhookOptions & { on: PipevestWebhookHandlers; onError?: (error: unknown, request: Request) => void },
): (request: Request) => Promise<Response> {
  // The handlers get what verifyPipevestWebhook returns: the generic event plus `keyId`.
  const on = options.on as WebhookHandlers<PipevestEvents>;
  return createWebhookHandler((request) => verifyPipevestWebhook(request, options), { on, onError: options.onError });
}
