import { isWebhookVerificationError, type WebhookVerificationErrorCode } from '../errors/webhook-verification-error.ts';
import type { VerifiedWebhook, WebhookHandlers } from './verified-webhook.ts';

/** HTTP status a receiver answers for each verification failure. */
const statusByCode: Partial<Record<WebhookVerificationErrorCode, number>> = {
  invalid_json: 400,
  invalid_payload: 400,
  unknown_event: 400,
  body_too_large: 413,
  body_already_parsed: 400,
  missing_secret: 500,
  // The receiver's own outage: the sender should retry later, not give up on the delivery.
  replay_store_unavailable: 503,
  replay_store_full: 503,
};

export interface WebhookHandlerOptions<M> {
  /** One handler per event type; events without a handler are acknowledged and ignored. */
  on: WebhookHandlers<M>;
  /** Called with every failure (verification or handler) for logging; never sees secrets. */
  onError?: (error: unknown, request: Request) => void;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * Turns a verifier and typed handlers into a Fetch handler `(request) => Promise<Response>`:
 * 200 when the event was handled, 400/401/413 with `{ error, message }` when verification
 * failed, 503 when the replay store is down or full, 200 `{ duplicate: true }` for a replayed delivery (so the sender stops retrying), and
 * 500 `{ error: 'handler_failed' }` when a handler threw (its message is not leaked).
 */
export function createWebhookHandler<M>(
  verify: (request: Request) => Promise<VerifiedWebhook<M>>,
  options: WebhookHandlerOptions<M>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    let event: VerifiedWebhook<M>;
    try {
      event = await verify(request);
    } catch (error) {
      options.onError?.(error, request);
      if (isWebhookVerificationError(error, 'replayed')) return json(200, { received: true, duplicate: true });
      if (isWebhookVerificationError(error)) {
        return json(statusByCode[error.code] ?? 401, { error: error.code, message: error.message });
      }
      return json(500, { error: 'internal_error' });
    }
    const handler = options.on[event.type] as ((e: VerifiedWebhook<M>) => unknown) | undefined;
    try {
      await handler?.(event);
    } catch (error) {
      options.onError?.(error, request);
      return json(500, { error: 'handler_failed', type: event.type });
    }
    return json(200, { received: true, type: event.type, handled: handler !== undefined });
  };
}
