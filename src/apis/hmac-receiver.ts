/**
 * The receiver of an API whose deliveries carry an HMAC signature, built from its description:
 * the signature (and the timestamp and id the description declares) through the HMAC scheme,
 * the delivery id through a replay store, then the payload against the spec's validators.
 * @module
 */
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { createHmacScheme, type HmacScheme, type HmacVerifyInput } from '../schemes/hmac.ts';
import { DEFAULT_EVENT_FIELD, type EventRegistry } from '../webhooks/event-registry.ts';
import { finishVerification } from '../webhooks/finish-verification.ts';
import type { HmacReceiverOptions } from '../webhooks/hmac-options.ts';
import { readRawMessage, readRawMessageSync, type RawMessage, type WebhookInput } from '../webhooks/raw-message.ts';
import { ReplayStoreFullError, createMemoryReplayStore, type ReplayStore, type SyncReplayStore } from '../webhooks/replay-store.ts';
import type { VerifiedWebhook } from '../webhooks/verified-webhook.ts';
import type { HmacDelivery } from './delivery-description.ts';

/** Every option an HMAC receiver understands; each API's public options are a subset. */
export interface HmacWebhookOptions extends HmacReceiverOptions {
  /** Allowed distance between the delivery's timestamp and now, both ways (default: the description's). */
  toleranceSeconds?: number;
  /** The receiver's clock (default `() => new Date()`). */
  now?: () => Date;
  /** Where seen delivery ids are kept; `false` turns replay protection off. Default: one in-memory store per API. */
  replayStore?: ReplayStore | SyncReplayStore | false;
  /** Another header carrying the signature than the description's. */
  signatureHeader?: string;
  /** The signature value itself, when the caller reads it from elsewhere (takes precedence over the header). */
  signature?: string;
}

export interface HmacReceiver<M> {
  verify(input: WebhookInput, options: HmacWebhookOptions): Promise<VerifiedWebhook<M>>;
  verifySync(input: Exclude<WebhookInput, Request>, options: HmacWebhookOptions): VerifiedWebhook<M>;
}

export function createHmacReceiver<M>(description: HmacDelivery, registry: EventRegistry): HmacReceiver<M> {
  const scheme = createHmacScheme(description.hmac);
  /** The schemes reading another header than the description's (`signatureHeader`), by that option. */
  const schemes = new Map<string, HmacScheme>();
  const idHeader = description.hmac['message-id']?.header.toLowerCase();
  const defaultTolerance = description.hmac.timestamp?.tolerance;
  const defaultReplayStore = createMemoryReplayStore();
  const eventField = description.envelope.event ?? DEFAULT_EVENT_FIELD;

  /** The scheme reading `signatureHeader` instead of the description's header (errors name the header read). */
  function schemeFor(options: HmacWebhookOptions): HmacScheme {
    // Any case: the scheme reads and names the header in lower case.
    const header = options.signatureHeader;
    if (header === undefined) return scheme;
    let other = schemes.get(header);
    if (other === undefined) {
      other = createHmacScheme({ ...description.hmac, header });
      schemes.set(header, other);
    }
    return other;
  }

  const inputOf = (message: RawMessage, options: HmacWebhookOptions): HmacVerifyInput => ({
    body: message.body,
    // The scheme only reads headers by name.
    headers: message.headers as Headers,
    // Byte secrets reach the plain sha256=<hex> path only, which takes them as they are.
    secrets: options.secret as string | readonly string[],
    // The scheme treats an undefined field as an absent one.
    url: message.url,
    now: options.now?.(),
    toleranceSeconds: options.toleranceSeconds,
    signature: options.signature,
  });

  /** Records the id last, once everything else passed, so a rejected delivery can be retried. */
  function remember(options: HmacWebhookOptions, deliveryId: string | undefined): boolean | Promise<boolean> {
    const store = options.replayStore === undefined ? defaultReplayStore : options.replayStore;
    if (!store || deliveryId === undefined) return true;
    // Twice the tolerance: a replay older than that fails the timestamp check anyway.
    const ttlMs = 2 * (options.toleranceSeconds ?? defaultTolerance ?? 300) * 1000;
    try {
      const answer = store.remember(deliveryId, ttlMs);
      return answer instanceof Promise ? answer.catch((cause: unknown) => Promise.reject(storeUnavailable(cause, idHeader!))) : answer;
    } catch (cause) {
      throw storeUnavailable(cause, idHeader!);
    }
  }

  return {
    async verify(input, options) {
      const message = await readRawMessage(input, options.maxBodyBytes);
      const verified = trimmedId(await schemeFor(options).verify(inputOf(message, options)));
      const event = finishVerification<M>(registry, message, meta(verified), eventField);
      if (!(await remember(options, verified.messageId))) throw replayed(verified.messageId!, idHeader!);
      return event;
    },
    verifySync(input, options) {
      const message = readRawMessageSync(input, options.maxBodyBytes);
      const verified = trimmedId(schemeFor(options).verifySync(inputOf(message, options)));
      const event = finishVerification<M>(registry, message, meta(verified), eventField);
      if (remember(options, verified.messageId) !== true) throw replayed(verified.messageId!, idHeader!);
      return event;
    },
  };
}

/** The delivery id without surrounding spaces, as it is reported and remembered. */
const trimmedId = <V extends { messageId?: string }>(verified: V): V =>
  verified.messageId === undefined ? verified : { ...verified, messageId: verified.messageId.trim() };

/** What the verified event reports besides the payload (set field by field: this runs on every delivery). */
function meta(verified: { messageId?: string; timestamp?: Date }): { deliveryId?: string; timestamp?: Date } {
  const out: { deliveryId?: string; timestamp?: Date } = {};
  if (verified.messageId !== undefined) out.deliveryId = verified.messageId;
  if (verified.timestamp !== undefined) out.timestamp = verified.timestamp;
  return out;
}

/**
 * A store that cannot answer (or is full) refuses the delivery: accepting it would drop replay
 * protection. `header` is the message-id header the delivery id was read from.
 */
const storeUnavailable = (cause: unknown, header: string) =>
  cause instanceof ReplayStoreFullError
    ? new WebhookVerificationError('replay_store_full', `${cause.message}; refused, the sender will retry it.`, { header, cause })
    : new WebhookVerificationError(
        'replay_store_unavailable',
        `The replay store did not answer (${cause instanceof Error ? cause.message : String(cause)}), so the delivery cannot be checked for a replay; it is refused and the sender will retry it.`,
        { header, cause },
      );

const replayed = (deliveryId: string, header: string) =>
  new WebhookVerificationError('replayed', `Delivery ${deliveryId} was already accepted; dropping the duplicate.`, { header });
