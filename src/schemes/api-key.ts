/**
 * The `api-key` scheme: the provider sends a shared key as is in one header and signs nothing.
 * A receiver with a key configured requires the header and compares it in constant time.
 * @module
 */
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { constantTimeEqual } from '../signatures/bytes.ts';
import type { HeaderReader } from '../webhooks/raw-message.ts';

export interface ApiKeyDescription {
  /** The header that carries the key, as the spec spells it. */
  readonly header: string;
}

export interface ApiKeyScheme {
  readonly description: ApiKeyDescription;
  /** The header of a delivery (lower-case name); none without a key. */
  sign(key: string | undefined): Record<string, string>;
  /** Checks the header against `keys` (any one may match; several during a rotation); no keys, no check. */
  verify(headers: HeaderReader, keys: string | readonly string[] | undefined): void;
}

const encoder = new TextEncoder();

export function createApiKeyScheme(description: ApiKeyDescription): ApiKeyScheme {
  const header = description.header.toLowerCase();
  const spelled = description.header;
  return {
    description,
    sign: (key) => (key === undefined || key === '' ? {} : { [header]: key }),
    verify(headers, given) {
      if (given === undefined) return;
      const keys = (typeof given === 'string' ? [given] : given).filter((key) => key !== '');
      if (keys.length === 0) throw new WebhookVerificationError('missing_secret', `The key is set but empty; pass the key the provider sends in ${spelled}.`);
      const received = headers.get(header);
      if (received === null || received === '') {
        throw new WebhookVerificationError('missing_header', `The ${spelled} header is missing; configure the key on the provider's side.`, { header });
      }
      const bytes = encoder.encode(received);
      // Compare against every key, so timing does not reveal which one (or whether any) matched.
      let matched = false;
      for (const key of keys) matched = constantTimeEqual(bytes, encoder.encode(key)) || matched;
      if (!matched) throw new WebhookVerificationError('signature_mismatch', `${spelled} does not match the configured key.`, { header });
    },
  };
}
