/**
 * How Provenonce signs and shapes a delivery (the sender side, as the document describes it).
 * The mock, the CLI and `check` all build Provenonce deliveries with these.
 * @module
 */
import { signHmacSha256Async } from '../signatures/hmac-sha256-header-web-crypto.ts';

/**
 * Signs a Provenonce delivery as the document describes:
 * `x-provenonce-signature: sha256=<hex HMAC-SHA256(webhook_secret, raw body)>`.
 */
export function provenonceSigner(secret: string) {
  return async (body: string | Uint8Array) => ({
    'content-type': 'application/json',
    'x-provenonce-signature': await signHmacSha256Async(secret, body),
  });
}

/** The body of a Provenonce delivery (the spec leaves it open): `{ event, data }` over a fake payload. */
export function provenonceEnvelope(event: string, fake: Record<string, unknown>, data?: unknown): Record<string, unknown> {
  return { ...fake, event, ...(data === undefined ? {} : { data }) };
}

/** The document: "Webhook deliveries have a 3-second timeout." */
export const PROVENONCE_DELIVERY_TIMEOUT_MS = 3_000;
