/**
 * A fresh receiver secret for an `hmac` scheme, written the way its `secret-encoding` reads it,
 * for the mocks that hand one out when a receiver is registered without one.
 * @module
 */
import { encodeHex } from '../signatures/bytes.ts';
import { type HmacSecretEncoding, WHSEC_PREFIX } from './hmac-secret.ts';

/** 32 random bytes as `whsec_` and base64, base64, or (read as text) 64 hex characters. */
export function newHmacSecret(encoding: HmacSecretEncoding): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  if (encoding === 'utf8') return encodeHex(bytes);
  const base64 = btoa(String.fromCharCode(...bytes));
  return encoding === 'whsec-base64' ? `${WHSEC_PREFIX}${base64}` : base64;
}
