import { decodeBase64 } from './bytes.ts';
import { invalidKey } from './rfc9421-key-material.ts';

/**
 * An Ed25519 key given as a one-line string: the base64url (or base64) of the 32 raw key bytes,
 * the form of a JWK's `d` (private seed, to sign) or `x` (public key, to verify). Where the
 * algorithm is ed25519 a string that is not PEM means this, never an HMAC secret, so a printed
 * seed works wherever a key is taken.
 */
export function ed25519KeyBytes(text: string): Uint8Array {
  const bytes = decodeBase64(text.trim());
  if (bytes === undefined || bytes.length !== 32) {
    throw invalidKey(
      'An Ed25519 key string is a PEM block or the base64url of the 32 key bytes (a JWK "d" seed to sign, "x" to verify); this string is neither (an HMAC secret is not an Ed25519 key).',
    );
  }
  return bytes;
}
