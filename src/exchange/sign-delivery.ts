/**
 * How Exchange deliveries are signed and shaped (the sender side). The mock, the CLI and
 * `check` all build Exchange deliveries with these.
 * @module
 */
import { delivery } from '../../generated/exchange/delivery.gen.ts';
import { described } from '../apis/delivery-description.ts';
import { hmacSigner } from '../apis/senders.ts';

/** Exchange's delivery description, from its spec's x-hookspec-delivery. */
export const description = described(delivery);

const signer = hmacSigner(description);

/**
 * Signs an Exchange delivery. The document says only "HMAC-SHA256 signatures" with the
 * `secretKey`; the header name and format are the mock's own choice, recorded in the spec:
 * `X-Signature: sha256=<hex HMAC-SHA256(secretKey, raw body)>`.
 */
export function exchangeSigner(secretKey: string) {
  return signer(secretKey);
}

/** The body of an Exchange delivery (the spec leaves it open): `{ event, data }`; `data` replaces the fake data. */
export function exchangeEnvelope(event: string, fake: Record<string, unknown>, data?: unknown): Record<string, unknown> {
  return { ...fake, event, data: data === undefined ? (fake.data ?? {}) : data };
}

/** The document states no delivery timeout; 10 s, SidClaw's documented value and the delivery engine's default. */
export const EXCHANGE_DELIVERY_TIMEOUT_MS = description['timeout-ms'];
