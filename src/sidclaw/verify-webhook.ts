import type { Webhooks } from '../../generated/sidclaw/types.gen.ts';
import { webhookValidators } from '../../generated/sidclaw/webhook-validators.gen.ts';
import { createHmacReceiver } from '../apis/hmac-receiver.ts';
import { eventRegistryOf } from '../webhooks/event-registry.ts';
import type { HmacReceiverOptions } from '../webhooks/hmac-options.ts';
import type { WebhookInput } from '../webhooks/raw-message.ts';
import type { ReplayStore, SyncReplayStore } from '../webhooks/replay-store.ts';
import { description } from './sign-delivery.ts';
import type { EventMapOf, VerifiedWebhook } from '../webhooks/verified-webhook.ts';

/** SidClaw event type → payload type, from the generated webhook types. */
export type SidclawEvents = EventMapOf<Webhooks>;
/** A verified SidClaw delivery. */
export type SidclawWebhookEvent = VerifiedWebhook<SidclawEvents>;

export interface SidclawWebhookOptions extends HmacReceiverOptions {
  /** Allowed distance between `X-Webhook-Timestamp` and now, both ways (default 300 s). */
  toleranceSeconds?: number;
  /** The receiver's clock (default `() => new Date()`); inject one in tests. */
  now?: () => Date;
  /** Where seen `X-Webhook-ID`s are kept; `false` turns replay protection off. Default: one in-memory store per process. */
  replayStore?: ReplayStore | false;
}

const receiver = createHmacReceiver<SidclawEvents>(description, eventRegistryOf(webhookValidators));

/**
 * Verifies a SidClaw delivery: `X-Webhook-Signature` (HMAC-SHA256 of the raw body, constant
 * time, several secrets for rotation), `X-Webhook-Timestamp` within the tolerance both ways,
 * `X-Webhook-ID` not seen before, then the payload against the spec. Throws a
 * `WebhookVerificationError` with a stable `code` otherwise.
 *
 * @example
 * const event = await verifySidclawWebhook(request, { secret: process.env.SIDCLAW_WEBHOOK_SECRET! });
 * if (event.type === 'approval.requested') console.log(event.payload.data);
 */
export function verifySidclawWebhook(input: WebhookInput, options: SidclawWebhookOptions): Promise<SidclawWebhookEvent> {
  return receiver.verify(input, options);
}

/**
 * The synchronous twin of {@link verifySidclawWebhook} for a raw body already in hand (node:crypto).
 * Its replay store must answer synchronously.
 *
 * @example
 * const event = verifySidclawWebhookSync({ body: rawBody, headers: req.headers }, { secret });
 */
export function verifySidclawWebhookSync(
  input: Exclude<WebhookInput, Request>,
  options: Omit<SidclawWebhookOptions, 'replayStore'> & { replayStore?: SyncReplayStore | false },
): SidclawWebhookEvent {
  return receiver.verifySync(input, options);
}
