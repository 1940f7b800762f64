/**
 * Stable, machine-readable reasons for a {@link WebhookVerificationError}. Callers switch
 * on these, never on the message text, so a code never changes meaning once shipped.
 *
 * | code | what happened | usual fix |
 * | --- | --- | --- |
 * | `missing_header` | A header the check needs (signature, `Signature-Input`, a covered field such as `content-digest`) is absent or empty. | Make sure proxies forward it; read it by the name the provider documents. |
 * | `malformed_header` | A header is present but not in the expected syntax (not `sha256=` + 64 hex, not a valid structured field, a covered component that cannot be derived from this message). | Pass the raw header value; check the provider's format. |
 * | `signature_mismatch` | The signature does not match the message under any configured secret or key. | Verify over the raw body bytes (before JSON parsing) and with the right secret. |
 * | `timestamp_out_of_tolerance` | The signature's creation time is older than the allowed maximum age or too far in the future. | Check the server clock (NTP) or widen the tolerance. |
 * | `signature_expired` | The signature's `expires` time has passed. | Ask the sender to re-sign; check the server clock. |
 * | `replayed` | The delivery (id or nonce) was already accepted once. | Nothing: drop the duplicate. |
 * | `invalid_json` | The body is not valid JSON. | Check the content type and that the body was not altered. |
 * | `invalid_payload` | The JSON does not match the event schema. | Check the API version the endpoint is subscribed to. |
 * | `unknown_event` | The event type is not one this receiver knows. | Subscribe only to known events or add a handler. |
 * | `body_too_large` | The body exceeds the configured size limit. | Raise the limit if the provider legitimately sends more. |
 * | `body_already_parsed` | The framework parsed the body before verification, so the raw bytes are lost. | Read the raw body (e.g. `express.raw()`) for webhook routes. |
 * | `digest_mismatch` | `Content-Digest` does not match the body. | Verify over the raw body bytes, before any decoding. |
 * | `unknown_key` | No key is known for the signature's `keyid`. | Add the key to the resolver (or refresh the key set). |
 * | `invalid_key` | The key given or resolved cannot be used (wrong type, wrong size, unreadable PEM/JWK, or not a key for the signature's algorithm). | Pass an Ed25519 key for `ed25519` and a shared secret for `hmac-sha256`. |
 * | `missing_secret` | No secret (or only empty ones) was configured. | Set the webhook secret, e.g. from the environment. |
 * | `unsupported_algorithm` | The signature's `alg` is not implemented or not allowed here, or the runtime lacks the crypto it needs. | Allow the algorithm, or use the Web Crypto variant. |
 * | `unsupported_component` | The signature covers a component or component parameter this library does not implement (e.g. `;tr`). | Ask the sender to cover supported components only. |
 * | `insufficient_coverage` | The signature is valid in form but does not cover a component or carry a parameter your policy requires (e.g. `content-digest`, `created`). | Ask the sender to cover it, or relax the policy. |
 * | `replay_store_unavailable` | The replay store (e.g. Redis) did not answer, so the delivery could not be checked for a replay; it is refused, never accepted unprotected. | Bring the store back; the sender's retry then goes through. |
 * | `replay_store_full` | The in-memory replay store is full of ids that have not expired; forgetting one would let its replay through, so the new delivery is refused (503) and the sender retries. | Raise `maxEntries` above the deliveries one replay window brings, or use a shared store (Redis). |
 */
export type WebhookVerificationErrorCode =
  | 'missing_header'
  | 'malformed_header'
  | 'signature_mismatch'
  | 'timestamp_out_of_tolerance'
  | 'signature_expired'
  | 'replayed'
  | 'invalid_json'
  | 'invalid_payload'
  | 'unknown_event'
  | 'body_too_large'
  | 'body_already_parsed'
  | 'digest_mismatch'
  | 'unknown_key'
  | 'invalid_key'
  | 'missing_secret'
  | 'unsupported_algorithm'
  | 'unsupported_component'
  | 'insufficient_coverage'
  | 'replay_store_unavailable'
  | 'replay_store_full';

/** Every {@link WebhookVerificationErrorCode}, in declaration order (useful for tests and exhaustive maps). */
export const WEBHOOK_VERIFICATION_ERROR_CODES: readonly WebhookVerificationErrorCode[] = Object.freeze([
  'missing_header',
  'malformed_header',
  'signature_mismatch',
  'timestamp_out_of_tolerance',
  'signature_expired',
  'replayed',
  'invalid_json',
  'invalid_payload',
  'unknown_event',
  'body_too_large',
  'body_already_parsed',
  'digest_mismatch',
  'unknown_key',
  'invalid_key',
  'missing_secret',
  'unsupported_algorithm',
  'unsupported_component',
  'insufficient_coverage',
  'replay_store_unavailable',
  'replay_store_full',
]);

/** Extra context for a {@link WebhookVerificationError}. */
export interface WebhookVerificationErrorOptions {
  /** Name of the header involved, lowercase (e.g. `x-webhook-signature`, `signature-input`). */
  header?: string;
  /** The underlying error, if any (e.g. a structured-field parse error). */
  cause?: unknown;
}

/**
 * The only error type thrown when a webhook or signed HTTP message fails verification.
 * Messages name the likely cause and the fix; switch on {@link code}, not on the message.
 *
 * @example
 * try {
 *   verifyHmacSha256(secret, rawBody, req.headers['x-webhook-signature']);
 * } catch (error) {
 *   if (isWebhookVerificationError(error)) return res.status(400).json({ error: error.code });
 *   throw error;
 * }
 */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  readonly code: WebhookVerificationErrorCode;
  /** Lowercase name of the header involved, when one is. */
  readonly header: string | undefined;

  constructor(code: WebhookVerificationErrorCode, message: string, options: WebhookVerificationErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.header = options.header;
  }
}

/**
 * Narrows an unknown value to a {@link WebhookVerificationError}, optionally of one code.
 *
 * @example
 * if (isWebhookVerificationError(error, 'timestamp_out_of_tolerance')) return res.status(408).end();
 */
export function isWebhookVerificationError(error: unknown, code?: WebhookVerificationErrorCode): error is WebhookVerificationError {
  return error instanceof WebhookVerificationError && (code === undefined || error.code === code);
}
