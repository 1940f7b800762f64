/**
 * How Provenonce signs and shapes a delivery (the sender side, as the document describes it).
 * The mock, the CLI and `check` all build Provenonce deliveries with these.
 * @module
 */
import { delivery } from '../../generated/provenonce/delivery.gen.ts';
import { described } from '../apis/delivery-description.ts';
import { hmacSigner } from '../apis/senders.ts';

/** Provenonce's delivery description, from its spec's x-hookspec-delivery. */
export const description = described(delivery);

const signer = hmacSigner(description);

/**
 * Signs a Provenonce delivery as the document describes:
 * `x-provenonce-signature: sha256=<hex HMAC-SHA256(webhook_secret, raw body)>`.
 */
export function provenonceSigner(secret: string) {
  return signer(secret);
}

/** The body of a Provenonce delivery (the spec leaves it open): `{ event, data }` over a fake payload. */
export function provenonceEnvelope(event: string, fake: Record<string, unknown>, data?: unknown): Record<string, unknown> {
  return { ...fake, event, ...(data === undefined ? {} : { data }) };
}

/** The document: "Webhook deliveries have a 3-second timeout." */
export const PROVENONCE_DELIVERY_TIMEOUT_MS = description['timeout-ms'];
