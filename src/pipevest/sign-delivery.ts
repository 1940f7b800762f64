/**
 * How Pipevest signs a webhook message (the sender side). The mock, the CLI and `check` all
 * build Pipevest deliveries with these.
 * @module
 */
import type { KeyInput } from '../signatures/index.ts';
import { PIPEVEST_DEFAULT_SIGNATURE_TTL_SECONDS } from './components.ts';
import { deliveryScheme, description } from './description.ts';

/** The key webhook messages are signed with. */
export interface DeliverySigningKey {
  readonly keyId: string;
  readonly privateKey: KeyInput;
}

/** Signature parameters a test may set (defaults: now, 100 s later, the mock's components). */
export interface PipevestSignatureParams {
  /** `created`, UNIX seconds (default: now). */
  readonly created?: number;
  /** `expires`, UNIX seconds (default: `created` + 100). */
  readonly expires?: number;
  /** Covered components (default `content-digest content-type @method @target-uri`). */
  readonly components?: readonly string[];
}

/**
 * Signs one webhook message attempt: `Content-Type`, `Content-Digest` (sha-256 of the body,
 * RFC 9530), then `Signature-Input`/`Signature` (RFC 9421, Ed25519, label `sig1`) over
 * `content-digest content-type @method @target-uri` with `keyid`, `created` and `expires`
 * (100 s later, as the document's request signatures). Called again on every attempt, so each
 * retry carries a fresh `created`. Web Crypto where node:crypto is missing (browsers).
 */
export function pipevestSigner(key: DeliverySigningKey, url: string, params: PipevestSignatureParams = {}) {
  return async (body: string | Uint8Array) => {
    const created = params.created ?? Math.floor(Date.now() / 1000);
    return deliveryScheme.sign({
      body,
      url,
      key: key.privateKey,
      keyId: key.keyId,
      created,
      expires: params.expires ?? created + PIPEVEST_DEFAULT_SIGNATURE_TTL_SECONDS,
      ...(params.components === undefined ? {} : { components: params.components }),
    });
  };
}

/** The body of a Pipevest webhook message: `{ event, data }`; `data` replaces the fake data. */
export function pipevestEnvelope(event: string, fake: Record<string, unknown>, data?: unknown): Record<string, unknown> {
  return { event, data: data === undefined ? (fake.data ?? {}) : data };
}

/** The document states no delivery timeout; 10 s, SidClaw's documented value and the delivery engine's default. */
export const PIPEVEST_DELIVERY_TIMEOUT_MS = description['timeout-ms'];
