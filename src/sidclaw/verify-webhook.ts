import type { Webhooks } from '../../generated/sidclaw/types.gen.ts';
import { webhookValidators } from '../../generated/sidclaw/webhook-validators.gen.ts';
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { verifyHmacSha256 } from '../signatures/hmac-sha256-header.ts';
import { eventRegistryOf } from '../webhooks/event-registry.ts';
import { finishVerification } from '../webhooks/finish-verification.ts';
import type { HmacReceiverOptions } from '../webhooks/hmac-options.ts';
import { verifyHmacHeader } from '../webhooks/verify-hmac-header.ts';
import { readRawMessage, readRawMessageSync, type RawMessage, type WebhookInput } from '../webhooks/raw-message.ts';
import { ReplayStoreFullError, createMemoryReplayStore, type ReplayStore, type SyncReplayStore } from '../webhooks/replay-store.ts';
import { checkTimestamp, DEFAULT_TOLERANCE_SECONDS } from '../webhooks/timestamp-tolerance.ts';
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

const registry = eventRegistryOf(webhookValidators);
const defaultReplayStore = createMemoryReplayStore();
const SIGNATURE = 'x-webhook-signature';
const TIMESTAMP = 'x-webhook-timestamp';
const ID = 'x-webhook-id';

/** Checks the delivery's timestamp and id headers (after the signature). */
function checkDeliveryHeaders(message: RawMessage, options: SidclawWebhookOptions) {
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = options.now?.() ?? new Date();
  const timestamp = checkTimestamp(message.headers.get(TIMESTAMP), TIMESTAMP, tolerance, now);
  const deliveryId = message.headers.get(ID)?.trim();
  if (!deliveryId) throw new WebhookVerificationError('missing_header', `The ${ID} header is missing.`, { header: ID });
  // Twice the tolerance: a replay older than that fails the timestamp check anyway.
  return { deliveryId, timestamp, ttlMs: 2 * tolerance * 1000 };
}

/** Records the id last, once everything else passed, so a rejected delivery can be retried. */
function remember(options: SidclawWebhookOptions, deliveryId: string, ttlMs: number): boolean | Promise<boolean> {
  const store = options.replayStore === undefined ? defaultReplayStore : options.replayStore;
  if (!store) return true;
  try {
    const answer = store.remember(deliveryId, ttlMs);
    return answer instanceof Promise ? answer.catch((cause: unknown) => Promise.reject(storeUnavailable(cause))) : answer;
  } catch (cause) {
    throw storeUnavailable(cause);
  }
}

/** A store that cannot answer (or is full) refuses the delivery: accepting it would drop replay protection. */
const storeUnavailable = (cause: unknown) =>
  cause instanceof ReplayStoreFullError
    ? new WebhookVerificationError('replay_store_full', `${cause.message}; refused, the sender will retry it.`, { header: ID, cause })
    : new WebhookVerificationError(
        'replay_store_unavailable',
        `The replay store did not answer (${cause instanceof Error ? cause.message : String(cause)}), so the delivery cannot be checked for a replay; it is refused and the sender will retry it.`,
        { header: ID, cause },
      );

const replayed = (deliveryId: string) =>
  new WebhookVerificationError('replayed', `Delivery ${deliveryId} was already accepted; dropping the duplicate.`, {
    header: ID,
  });

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
export async function verifySidclawWebhook(input: WebhookInput, options: SidclawWebhookOptions): Promise<SidclawWebhookEvent> {
  const message = await readRawMessage(input, options.maxBodyBytes);
  await verifyHmacHeader(options.secret, message.body, message.headers.get(SIGNATURE), SIGNATURE);
  const { deliveryId, timestamp, ttlMs } = checkDeliveryHeaders(message, options);
  const event = finishVerification<SidclawEvents>(registry, message, { deliveryId, timestamp });
  if (!(await remember(options, deliveryId, ttlMs))) throw replayed(deliveryId);
  return event;
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
  const message = readRawMessageSync(input, options.maxBodyBytes);
  verifyHmacSha256(options.secret, message.body, message.headers.get(SIGNATURE), { headerName: SIGNATURE });
  const { deliveryId, timestamp, ttlMs } = checkDeliveryHeaders(message, options);
  const event = finishVerification<SidclawEvents>(registry, message, { deliveryId, timestamp });
  if (remember(options, deliveryId, ttlMs) !== true) throw replayed(deliveryId);
  return event;
}
