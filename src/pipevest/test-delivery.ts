import type { Webhooks } from '../../generated/pipevest/types.gen.ts';
import { DEFAULT_TEST_DELIVERY_URL, toTestDelivery, type TestDelivery } from '../delivery/test-delivery.ts';
import type { KeyInput } from '../signatures/index.ts';
import { pipevestEnvelope, pipevestSigner, type PipevestSignatureParams } from './sign-delivery.ts';

export interface PipevestTestDeliveryOptions extends PipevestSignatureParams {
  /** The event type, as it travels on the wire. */
  event: Webhooks['key'];
  /** The event's `data`. Ignored when `body` is given. */
  data?: unknown;
  /** The Ed25519 private key (PEM, JWK, `KeyObject`, `CryptoKey`) whose public half the receiver trusts. */
  key: KeyInput;
  /** The `keyid` announced in `Signature-Input` (default `pipevest-webhooks`). */
  keyId?: string;
  /** Where the delivery goes: the signature covers it as `@target-uri` (default `http://localhost/webhooks`). */
  url?: string;
  /** The exact body to sign, instead of the `{ event, data }` envelope. */
  body?: string;
}

/**
 * Builds a Pipevest webhook message as the project's mock sends it: a `{ event, data }` body,
 * `Content-Digest` (RFC 9530, sha-256) and an RFC 9421 Ed25519 signature over
 * `content-digest content-type @method @target-uri` with `keyid`, `created` and `expires`.
 * For receivers' unit tests.
 *
 * @example
 * const { request } = await createPipevestTestDelivery({ event: 'WEBHOOK.CREATED', data: {}, key: privateKeyPem, url: 'https://example.com/hooks' });
 */
export async function createPipevestTestDelivery(options: PipevestTestDeliveryOptions): Promise<TestDelivery> {
  const url = options.url ?? DEFAULT_TEST_DELIVERY_URL;
  const body = options.body ?? JSON.stringify(pipevestEnvelope(options.event, {}, options.data ?? {}));
  const created = options.created ?? Math.floor(Date.now() / 1000);
  const sign = pipevestSigner({ keyId: options.keyId ?? 'pipevest-webhooks', privateKey: options.key }, url, { ...options, created });
  return toTestDelivery(url, body, await sign(body), { timestamp: new Date(created * 1000) });
}
