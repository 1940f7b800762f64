import type { Webhooks } from '../../generated/proven/types.gen.ts';
import { webhookValidators } from '../../generated/proven/webhook-validators.gen.ts';
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { constantTimeEqual } from '../signatures/bytes.ts';
import { eventRegistryOf } from '../webhooks/event-registry.ts';
import { finishVerification } from '../webhooks/finish-verification.ts';
import { readRawMessage, readRawMessageSync, type RawMessage, type WebhookInput } from '../webhooks/raw-message.ts';
import type { EventMapOf, VerifiedWebhook } from '../webhooks/verified-webhook.ts';

/** Proven event type → payload type, from the generated webhook types. */
export type ProvenEvents = EventMapOf<Webhooks>;
/** A verified Proven delivery. */
export type ProvenWebhookEvent = VerifiedWebhook<ProvenEvents>;

export interface ProvenWebhookOptions {
  /**
   * The shared key Proven sends in `X-API-Key`. The document makes the header optional; when
   * a key is configured here it is required and compared in constant time. Several keys may
   * be given during a rotation.
   */
  apiKey?: string | readonly string[];
  /** Largest body accepted, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
}

const registry = eventRegistryOf(webhookValidators);
const HEADER = 'x-api-key';
const encoder = new TextEncoder();

function checkApiKey(message: RawMessage, options: ProvenWebhookOptions): void {
  if (options.apiKey === undefined) return;
  const keys = (typeof options.apiKey === 'string' ? [options.apiKey] : options.apiKey).filter((key) => key !== '');
  if (keys.length === 0) throw new WebhookVerificationError('missing_secret', 'apiKey is set but empty; pass the key Proven sends in X-API-Key.');
  const received = message.headers.get(HEADER);
  if (received === null || received === '') {
    throw new WebhookVerificationError('missing_header', 'The X-API-Key header is missing; configure the key on the Proven agent.', { header: HEADER });
  }
  const bytes = encoder.encode(received);
  // Compare against every key, so timing does not reveal which one (or whether any) matched.
  let matched = false;
  for (const key of keys) matched = constantTimeEqual(bytes, encoder.encode(key)) || matched;
  if (!matched) throw new WebhookVerificationError('signature_mismatch', 'X-API-Key does not match the configured key.', { header: HEADER });
}

/**
 * Verifies a Proven delivery: the `X-API-Key` header when a key is configured (constant time),
 * and always the payload against the spec (the document asks receivers to validate it). Proven
 * sends no signature.
 *
 * @example
 * const event = await verifyProvenWebhook(request, { apiKey: process.env.PROVEN_API_KEY });
 * if (event.type === 'credentials:done') console.log(event.payload.webhook.cred_ex_id);
 */
export async function verifyProvenWebhook(input: WebhookInput, options: ProvenWebhookOptions = {}): Promise<ProvenWebhookEvent> {
  const message = await readRawMessage(input, options.maxBodyBytes);
  checkApiKey(message, options);
  return finishVerification<ProvenEvents>(registry, message);
}

/**
 * The synchronous twin of {@link verifyProvenWebhook} for a raw body already in hand.
 *
 * @example
 * const event = verifyProvenWebhookSync({ body: rawBody, headers: req.headers }, { apiKey });
 */
export function verifyProvenWebhookSync(input: Exclude<WebhookInput, Request>, options: ProvenWebhookOptions = {}): ProvenWebhookEvent {
  const message = readRawMessageSync(input, options.maxBodyBytes);
  checkApiKey(message, options);
  return finishVerification<ProvenEvents>(registry, message);
}
