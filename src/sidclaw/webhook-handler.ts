import { createWebhookHandler } from '../webhooks/create-webhook-handler.ts';
import type { WebhookHandlers } from '../webhooks/verified-webhook.ts';
import { verifySidclawWebhook, type SidclawEvents, type SidclawWebhookOptions } from './verify-webhook.ts';

/**
 * A Fetch handler for SidClaw deliveries with one typed handler per event. Mount it on any
 * Fetch runtime, or on Node with `toNodeListener` from `hookspec/node`.
 *
 * @example
 * export default createSidclawWebhookHandler({
 *   secret: process.env.SIDCLAW_WEBHOOK_SECRET!,
 *   on: { 'approval.requested': (event) => console.log(event.payload.data) },
 * });
 */
export function createSidclawWebhookHandler(
  options: SidclawWebhookOptions & { on: WebhookHandlers<SidclawEvents>; onError?: (error: unknown, request: Request) => void },
): (request: Request) => Promise<Response> {
  return createWebhookHandler((request) => verifySidclawWebhook(request, options), options);
}
