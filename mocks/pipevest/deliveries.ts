import type { Subscription, WebhookTestResult } from '../../generated/pipevest/types.gen.ts';
import type { DeliveryRecord } from '../../src/delivery/index.ts';
import { PIPEVEST_DEFAULT_SIGNATURE_TTL_SECONDS, PIPEVEST_DELIVERY_COMPONENTS } from '../../src/pipevest/components.ts';
import { createContentDigestAsync, signHttpMessage, type KeyInput } from '../../src/signatures/index.ts';

/**
 * Whether a webhook's subscriptions cover an event, by the spec's
 * `x-hookspec-subscription-groups`: `ALL` covers every event, a group name covers the events
 * named `<group>.…` (`WEBHOOK` → `WEBHOOK.CREATED`, `WEBHOOK.UPDATED`; `ACCOUNT` → none yet),
 * and an event name covers itself.
 */
export function subscriptionsCover(subscriptions: readonly Subscription[], event: string): boolean {
  return subscriptions.some((subscription) => subscription === 'ALL' || subscription === event || event.startsWith(`${subscription}.`));
}

/** The key the mock signs webhook messages with. */
export interface DeliverySigningKey {
  readonly keyId: string;
  readonly privateKey: KeyInput;
}

/**
 * Signs one webhook message attempt: `Content-Type`, `Content-Digest` (sha-256 of the body,
 * RFC 9530), then `Signature-Input`/`Signature` (RFC 9421, Ed25519, label `sig1`) over
 * `content-digest content-type @method @target-uri` with `keyid`, `created` and `expires`
 * (100 s later, as the document's request signatures). Called again on every attempt, so each
 * retry carries a fresh `created`. Web Crypto where node:crypto is missing (browsers).
 */
export function pipevestSigner(key: DeliverySigningKey, url: string) {
  return async (body: string | Uint8Array) => {
    const headers = { 'content-type': 'application/json', 'content-digest': await createContentDigestAsync(body, ['sha-256']) };
    const created = Math.floor(Date.now() / 1000);
    const signed = await signHttpMessage(
      { method: 'POST', url, headers },
      {
        key: key.privateKey,
        algorithm: 'ed25519',
        keyid: key.keyId,
        components: PIPEVEST_DELIVERY_COMPONENTS,
        created,
        expires: created + PIPEVEST_DEFAULT_SIGNATURE_TTL_SECONDS,
        includeAlg: false,
      },
    );
    return { ...headers, 'signature-input': signed.headers['signature-input'], signature: signed.headers.signature };
  };
}

/** The outcome of the one-attempt test message, as `POST /auth/test` reports it. */
export function toTestResult(record: DeliveryRecord): WebhookTestResult {
  const delivered = record.state === 'delivered';
  const error = record.lastError ?? (delivered ? null : `The webhook URL answered ${record.lastStatus ?? 'nothing'}.`);
  return { delivered, httpStatus: record.lastStatus, ...(error === null ? {} : { error }) };
}
