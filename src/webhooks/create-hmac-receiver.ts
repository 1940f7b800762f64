import { verifyHmacSha256 } from '../signatures/hmac-sha256-header.ts';
import type { EventRegistry } from './event-registry.ts';
import { finishVerification } from './finish-verification.ts';
import type { HmacReceiverOptions } from './hmac-options.ts';
import { readRawMessage, readRawMessageSync, type RawMessage, type WebhookInput } from './raw-message.ts';
import { verifyHmacHeader } from './verify-hmac-header.ts';
import type { VerifiedWebhook } from './verified-webhook.ts';

/** Options of a receiver whose only check is a `sha256=<hex>` signature of the raw body. */
export interface HmacBodyReceiverOptions extends HmacReceiverOptions {
  /** Header that carries the signature (each API has its default). */
  signatureHeader?: string;
  /** The signature value itself, when the caller reads it from elsewhere (takes precedence over the header). */
  signature?: string;
}

/** A verifier pair, async (any input) and sync (raw body in hand), with identical results. */
export interface HmacBodyReceiver<M> {
  verify(input: WebhookInput, options: HmacBodyReceiverOptions): Promise<VerifiedWebhook<M>>;
  verifySync(input: Exclude<WebhookInput, Request>, options: HmacBodyReceiverOptions): VerifiedWebhook<M>;
}

/** Builds the verifier of an API that signs the raw body with HMAC-SHA256 and sends nothing else to check. */
export function createHmacBodyReceiver<M>(registry: EventRegistry, defaultHeader: string): HmacBodyReceiver<M> {
  const signatureOf = (message: RawMessage, options: HmacBodyReceiverOptions) => {
    const header = (options.signatureHeader ?? defaultHeader).toLowerCase();
    return { header, value: options.signature ?? message.headers.get(header) };
  };
  return {
    async verify(input, options) {
      const message = await readRawMessage(input, options.maxBodyBytes);
      const { header, value } = signatureOf(message, options);
      await verifyHmacHeader(options.secret, message.body, value, header);
      return finishVerification<M>(registry, message);
    },
    verifySync(input, options) {
      const message = readRawMessageSync(input, options.maxBodyBytes);
      const { header, value } = signatureOf(message, options);
      verifyHmacSha256(options.secret, message.body, value, { headerName: header });
      return finishVerification<M>(registry, message);
    },
  };
}
